"""Text keys for search and sorting: NFKC, case folding, pinyin for Chinese names.

``zw`` and ``zhangwei`` both find 张伟: the search text of a customer holds the
name, its full pinyin (``zhangwei``) and its initials (``zw``).  Pinyin is
computed once per distinct name (names repeat a lot) with pypinyin, imported
on first use (the only import beyond the standard library here; every layer
needs these keys, so they sit at the bottom).

What a customer's search text is made of is decided here, once
(:func:`search_texts`); :func:`crm_desktop.db.search.reindex_customers` is the
one code that reads the inputs and stores the result.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache, lru_cache

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CJK_PIECES = re.compile(r"([\u3400-\u9fff\uf900-\ufaff])")
_NOT_ALNUM = re.compile(r"[\W_]+")
"""What is not a letter or digit: exactly the characters ``str.isalnum`` refuses (``\\w`` is those plus ``_``)."""
_PHONE_CHARS = re.compile(r"^[\d\s()+\-.]+$")
_NON_DIGITS = re.compile(r"\D")
_UNSEARCHABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def fold(text: str) -> str:
    """NFKC + case-fold: full-width ＡＢＣ１ and abc1 compare equal."""
    return unicodedata.normalize("NFKC", text or "").casefold().strip()


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text or ""))


# Surnames read differently from the character's everyday reading (曾 zēng, not céng).
_SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "区": "ou", "查": "zha", "朴": "piao", "盖": "ge",
    "乐": "yue", "繁": "po", "员": "yun", "覃": "qin", "秘": "bi", "种": "chong", "缪": "miao", "翟": "zhai",
    "尉": "yu", "阚": "kan", "召": "shao", "句": "gou", "令": "ling", "长": "chang", "都": "du", "纪": "ji",
    "沈": "shen", "柏": "bai", "宁": "ning", "万": "wan", "牟": "mou", "莘": "shen", "洗": "xian", "冼": "xian",
}


@cache
def _reader() -> Callable[[str], str]:
    """pypinyin's reading of one character, without its phrase dictionary: a phrase is never looked up
    for a single character, so no reading changes (a test compares every character pypinyin knows),
    while the import takes about 60 ms instead of 280 and the process holds some 40 MB less."""
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")  # nobody loads a dictionary of their own
    from pypinyin import Style, lazy_pinyin

    return lambda ch: lazy_pinyin(ch, style=Style.NORMAL, errors="default")[0]


@cache
def _char_pinyin(ch: str) -> str:
    return _reader()(ch)


@lru_cache(maxsize=200_000)
def pinyin_keys(name: str) -> tuple[str, str]:
    """(full pinyin without spaces, initials) of the Chinese characters in *name*.

    Latin words are kept as they are (folded), so "Anna 王" gives
    ("annawang", "aw").  Returns ("", "") for names without Chinese.
    Readings are per character (cached: a few thousand characters cover all
    names), with the surname reading for a leading surname; segmenting whole
    names with pypinyin cost ~80 µs a name, minutes for an import of 100k.
    """
    if not has_cjk(name):
        return "", ""
    kept: list[str] = []
    leading = True  # nothing read yet: a first character is read as a surname
    for i, piece in enumerate(_CJK_PIECES.split(fold(name))):  # runs of other text, each Chinese character
        if i % 2:
            word = _reading(piece, leading)
            leading = False
            if word:
                kept.append(word)
        elif piece:
            for raw in piece.split():
                leading = False
                if word := _NOT_ALNUM.sub("", raw):
                    kept.append(word)
    return "".join(kept), "".join(word[0] for word in kept)


@cache
def _reading(ch: str, leading: bool) -> str:
    """The reading of the Chinese character *ch* as :func:`pinyin_keys` keeps it (a surname's if *leading*)."""
    return _NOT_ALNUM.sub("", (_SURNAME_READINGS.get(ch) if leading else None) or _char_pinyin(ch))


def name_columns(name: str) -> tuple[str, str]:
    """(``name_pinyin``, ``name_initials``) stored on a customer row: what the list sorts by (the full
    pinyin of a Chinese name, the case-folded name otherwise) and the initials."""
    full, initials = pinyin_keys(name)
    return full or (name or "").casefold(), initials


def phone_digits(phone: str) -> list[str]:
    """E.164 and national digit forms of a stored phone (``+8613800138000`` → also ``13800138000``)."""
    if not phone:
        return []
    digits = _NON_DIGITS.sub("", phone)
    out = [digits]
    if phone.startswith("+86") and len(digits) > 2:
        out.append(digits[2:])
    return out


ContactKeys = tuple[str, str, str, str, str]
"""What of a contact person is searched: (name, phone, second phone, e-mail, WeChat id)."""


def search_texts(name: str, company: str, phone: str, email: str, wechat: str, extra: Sequence[str],
                 contacts: Sequence[ContactKeys]) -> tuple[str, str]:
    """(key, doc) of a customer for the search index.

    *key* serves queries shorter than five characters (matched in memory): the name, its pinyin and
    initials, the company, the phone (E.164 and national digits), the e-mail and the WeChat id, and
    the contacts' names with their pinyin and initials.  *doc* (the trigram index) holds all of that,
    the contacts' phones, second phones, e-mails and WeChat ids, and the *extra* texts (industry,
    address, notes, needs).  Contacts are taken in sorted order, so the texts do not depend on the
    order a query returned them in.
    """
    full, initials = pinyin_keys(name)
    key_parts = [fold(name), full, initials, fold(company), *phone_digits(phone), fold(email), fold(wechat)]
    doc_parts = list(key_parts)
    for c_name, c_phone, c_phone2, c_email, c_wechat in sorted(contacts):
        c_full, c_init = pinyin_keys(c_name)
        key_parts += [fold(c_name), c_full, c_init]
        doc_parts += [fold(c_name), c_full, c_init, *phone_digits(c_phone), *phone_digits(c_phone2),
                      fold(c_email), fold(c_wechat)]
    doc_parts += [fold(x) for x in extra if x]
    key = " ".join(p for p in key_parts if p)
    doc = " ".join(p for p in doc_parts if p)
    return key, doc


def query_variants(text: str) -> list[str]:
    """The forms a typed query is searched in (any may match).

    "138 0013-8000" is searched as digits; "zhang wei" also as "zhangwei".  Characters that can
    be neither stored nor matched (NUL and other control characters, lone surrogates from a broken
    paste) are dropped, so such a query finds nothing instead of failing.
    """
    q = fold(_UNSEARCHABLE.sub("", text or ""))
    if not q:
        return []
    variants = [q]
    if _PHONE_CHARS.match(q) and any(ch.isdigit() for ch in q):
        digits = _NON_DIGITS.sub("", q)
        variants = [digits] if digits else variants
    elif " " in q and q.replace(" ", "").isascii() and q.replace(" ", "").isalpha():
        variants.append(q.replace(" ", ""))
    return variants
