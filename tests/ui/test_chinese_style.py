"""The 简体中文 translation reads as Chinese is written: no stray spaces, full-width punctuation."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "crm_desktop_zh_CN.ts"

CJK = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’]"
PLACEHOLDER = r"(?:#?\{[^{}]*\}|%n)"
RULES = {
    "space between Chinese characters": re.compile(rf"{CJK} +{CJK}"),
    "space between Chinese and a {placeholder}": re.compile(rf"{CJK} +{PLACEHOLDER}|{PLACEHOLDER} +{CJK}"),
    "space between Chinese and a number": re.compile(rf"{CJK} +\d|(?<![A-Za-z\-.\d])\d[\d.,]* +{CJK}"),
}
HALF_WIDTH = re.compile(r"[?,:;!()]")
"""Half-width punctuation: inside Chinese text it is written ？，：；！（）."""

ALLOWED = (
    re.compile(r"\(&\w\)"),            # the mnemonic of a menu item or button: 文件(&F), Qt's own convention
    re.compile(r"\(\*[^()]*\)"),        # a file-type pattern Qt reads: 所有文件 (*)
    re.compile(r"<[^<>]*>|&\w+;"),      # markup
    re.compile(r"END:VCARD"),           # the vCard keyword, quoted as the file has it
    re.compile(r"\d:\d\d"),             # a time of day
)
"""Half-width characters that are not punctuation of the Chinese sentence."""


def _translations():
    for ctx in ET.parse(TS).getroot().iter("context"):
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            forms = [f.text or "" for f in tr.iter("numerusform")] or [tr.text or ""]
            for text in forms:
                yield ctx.findtext("name"), msg.findtext("source"), text


def problems_in(text: str) -> list[str]:
    """What in one translation does not read as written Chinese (empty when fine)."""
    if not re.search(CJK, text):
        return []
    found = [name for name, rule in RULES.items() if rule.search(text)]
    rest = text
    for allowed in ALLOWED:
        rest = allowed.sub("", rest)
    if HALF_WIDTH.search(rest):
        found.append("half-width punctuation " + " ".join(sorted(set(HALF_WIDTH.findall(rest)))))
    return found


def test_the_rules_catch_what_they_are_for():
    """The checks find the faults the translation had, and leave good Chinese and Qt's conventions alone."""
    assert problems_in("已 19 天 未解决") == ["space between Chinese characters", "space between Chinese and a number"]
    assert problems_in("{n} 个客户") == ["space between Chinese and a {placeholder}"]
    assert problems_in("为什么不在名单上?") == ["half-width punctuation ?"]
    assert problems_in("联系人 (可选)") == ["half-width punctuation ( )"]
    for fine in ("已19天未解决", "%n个客户", "文件(&F)", "所有文件 (*)", "UTF-8 编码", "{size} MB", "vCard 属性",
                 "<b>下一步：</b>{step}", "09:30的电话"):
        assert problems_in(fine) == [], fine


def test_chinese_translations_have_no_stray_spaces_or_half_width_punctuation():
    """Every translation: no ASCII space inside a Chinese phrase or beside a number or {placeholder} next to
    Chinese, and ？，：；！（） rather than their half-width forms (see ALLOWED for what Qt needs half-width)."""
    bad = [f"[{ctx}] {source!r} -> {text!r}: {', '.join(p)}"
           for ctx, source, text in _translations() if (p := problems_in(text))]
    assert not bad, "\n".join(bad)
