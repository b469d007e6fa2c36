from crm_desktop.services.text import fold, pinyin_keys, query_variants, search_texts


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
    key, doc = search_texts("张伟", "华为", "+8613800138000", "a@b.cn", ["notes here"], [("王芳", "", "")])
    assert "13800138000" in key and "wf" in key and "notes here" in doc
