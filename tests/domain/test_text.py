from crm_desktop.domain.text import fold, name_columns, pinyin_keys, query_variants, search_texts


def test_pinyin_full_and_initials():
    """张伟 is found as zhangwei and zw."""
    assert pinyin_keys("张伟") == ("zhangwei", "zw")


def test_latin_names_have_no_pinyin():
    """Latin names are searched as they are."""
    assert pinyin_keys("Anna Smith") == ("", "")


def test_fold_makes_full_width_equal_half_width():
    """Full-width letters and digits compare equal to ASCII."""
    assert fold("ＡＢＣ１２３") == "abc123"


def test_phone_query_is_searched_as_digits():
    """Spaces and dashes in a typed phone number are ignored."""
    assert query_variants("138 0013-8000") == ["13800138000"]


def test_spaced_pinyin_query_also_searched_joined():
    """'zhang wei' also matches the stored 'zhangwei'."""
    assert "zhangwei" in query_variants("Zhang Wei")


def test_search_text_holds_national_phone_and_contacts():
    """The index text has the national phone form and contact names."""
    key, doc = search_texts("张伟", "华为", "+8613800138000", "a@b.cn", "", ["notes here"], [("王芳", "", "", "", "")])
    assert "13800138000" in key and "wf" in key and "notes here" in doc


def test_wechat_ids_and_contacts_second_phones_are_searched():
    """The customer's WeChat id is in the short key; a contact's second phone and WeChat id are in the doc."""
    key, doc = search_texts("张伟", "", "", "", "ZhangWei_88", [],
                            [("王芳", "+8613900139000", "+8613700137000", "", "wxid_fang")])
    assert "zhangwei_88" in key
    assert "13700137000" in doc and "wxid_fang" in doc and "13900139000" in doc


def test_search_text_does_not_depend_on_the_order_of_contacts():
    """The same contacts in another order give the same texts (an import and a reindex agree)."""
    a = ("王芳", "+8613900139000", "", "", "")
    b = ("Anna", "", "", "anna@example.com", "")
    assert search_texts("张伟", "", "", "", "", [], [a, b]) == search_texts("张伟", "", "", "", "", [], [b, a])


def test_name_columns_sort_chinese_by_pinyin_and_others_folded():
    """The stored sort columns: pinyin and initials of a Chinese name, the case-folded name otherwise."""
    assert name_columns("张伟") == ("zhangwei", "zw")
    assert name_columns("Anna Smith") == ("anna smith", "")
