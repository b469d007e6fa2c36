"""Text keys for search and sorting: NFKC, case folding, pinyin for Chinese names.

``zw`` and ``zhangwei`` both find 张伟: the search text of a customer holds the
name, its full pinyin (``zhangwei``) and its initials (``zw``).  Pinyin is
computed once per distinct name (names repeat a lot) with pypinyin.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PHONE_CHARS = re.compile(r"^[\d\s()+\-.]+$")
_NON_DIGITS = re.compile(r"\D")


def fold(text: str) -> str:
    """NFKC + case-fold: full-width ＡＢＣ１ and abc1 compare equal."""
    return unicodedata.normalize("NFKC", text or "").casefold().strip()


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text or ""))


@lru_cache(maxsize=200_000)
def pinyin_keys(name: str) -> tuple[str, str]:
    """(full pinyin without spaces, initials) of the Chinese characters in *name*.

    Latin letters are kept as they are (folded), so "Anna 王" gives
    ("annawang", "aw").  Returns ("", "") for names without Chinese.
    """
    if not has_cjk(name):
        return "", ""
    from pypinyin import Style, lazy_pinyin

    syllables = [s for s in lazy_pinyin(fold(name), style=Style.NORMAL, errors="default") if s.strip()]
    full = "".join(s for s in syllables if s.isalnum())
    initials = "".join(s[0] for s in syllables if s and s[0].isalnum())
    return full, initials


def sort_key(name: str) -> str:
    """What the list sorts names by: pinyin for Chinese names, folded text otherwise."""
    full, _ = pinyin_keys(name)
    return full or fold(name)


def phone_digits(phone: str) -> list[str]:
    """E.164 and national digit forms of a stored phone (``+8613800138000`` → also ``13800138000``)."""
    if not phone:
        return []
    digits = _NON_DIGITS.sub("", phone)
    out = [digits]
    if phone.startswith("+86") and len(digits) > 2:
        out.append(digits[2:])
    return out


def search_texts(name: str, company: str, phone: str, email: str, extra: list[str],
                 contacts: list[tuple[str, str, str]]) -> tuple[str, str]:
    """(key, doc) for the search index: key for 1–2 character queries, doc for the trigram index."""
    full, initials = pinyin_keys(name)
    key_parts = [fold(name), full, initials, fold(company), *phone_digits(phone), fold(email)]
    doc_parts = list(key_parts)
    for c_name, c_phone, c_email in contacts:
        c_full, c_init = pinyin_keys(c_name)
        key_parts += [fold(c_name), c_full, c_init]
        doc_parts += [fold(c_name), c_full, c_init, *phone_digits(c_phone), fold(c_email)]
    doc_parts += [fold(x) for x in extra if x]
    key = " ".join(p for p in key_parts if p)
    doc = " ".join(p for p in doc_parts if p)
    return key, doc


def query_variants(text: str) -> list[str]:
    """The forms a typed query is searched in (any may match).

    "138 0013-8000" is searched as digits; "zhang wei" also as "zhangwei".
    """
    q = fold(text)
    if not q:
        return []
    variants = [q]
    if _PHONE_CHARS.match(q) and any(ch.isdigit() for ch in q):
        digits = _NON_DIGITS.sub("", q)
        variants = [digits] if digits else variants
    elif " " in q and q.replace(" ", "").isascii() and q.replace(" ", "").isalpha():
        variants.append(q.replace(" ", ""))
    return variants
