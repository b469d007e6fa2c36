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


def test_each_characters_reading_is_pypinyins_own_without_its_phrase_dictionary():
    """The app reads pypinyin's one-character readings without loading its phrase dictionary: for every
    character pypinyin knows, the reading is the one pypinyin gives with the dictionary loaded."""
    import json
    import os
    import subprocess
    import sys

    chars = "".join(chr(c) for c in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000)))
    plain = ("import json, sys\nfrom pypinyin import Style, lazy_pinyin\n"
             "print(json.dumps([lazy_pinyin(c, style=Style.NORMAL, errors='default')[0] for c in sys.stdin.read()]))")
    ours = ("import json, sys\nfrom crm_desktop.domain.text import _char_pinyin\n"
            "out = [_char_pinyin(c) for c in sys.stdin.read()]\n"
            "import pypinyin.constants as k\nassert not k.PHRASES_DICT\nprint(json.dumps(out))")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYPINYIN_")}

    def readings(code: str) -> list[str]:
        out = subprocess.run([sys.executable, "-c", code], input=chars, capture_output=True, text=True, env=env,
                             encoding="utf-8", check=True)
        return json.loads(out.stdout)

    with_phrases, without = readings(plain), readings(ours)
    assert len(without) == len(chars) == len(with_phrases)
    assert [c for c, a, b in zip(chars, with_phrases, without) if a != b] == []


def _pinyin_keys_char_by_char(name: str) -> tuple[str, str]:
    """pinyin_keys as first written, one character at a time (the reference for the test below)."""
    from crm_desktop.domain import text as t

    if not t.has_cjk(name):
        return "", ""
    syllables: list[str] = []
    latin: list[str] = []
    for ch in t.fold(name):
        if t._CJK.match(ch):
            if latin:
                syllables.extend("".join(latin).split())
                latin.clear()
            syllables.append((t._SURNAME_READINGS.get(ch) if not syllables else None) or t._char_pinyin(ch))
        else:
            latin.append(ch)
    if latin:
        syllables.extend("".join(latin).split())
    syllables = ["".join(c for c in s if c.isalnum()) for s in syllables]
    syllables = [s for s in syllables if s]
    return "".join(syllables), "".join(s[0] for s in syllables)


def test_pinyin_keys_are_those_of_reading_the_name_one_character_at_a_time():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    chars = st.sampled_from(list("曾单解王张伟李娜欧阳区查乐长都-_·. ,，（）()"
                                 "ÄéÅ①²ⅣＡＢ１abcXYZ09\t\u3000\uf900\ufa0e_"))
    names = st.one_of(st.text(chars, max_size=12), st.text(max_size=12))

    @settings(max_examples=400, deadline=None)
    @given(names)
    def check(name: str) -> None:
        assert pinyin_keys.__wrapped__(name) == _pinyin_keys_char_by_char(name)

    check()
