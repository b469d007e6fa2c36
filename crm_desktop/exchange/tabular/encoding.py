"""Which encoding a text table is in: a BOM decides, else strict UTF-8, UTF-16 by its NUL bytes, or GB18030
when it clearly reads as Chinese; anything weaker is asked (see :mod:`crm_desktop.exchange.tabular`)."""

from __future__ import annotations

import codecs
from pathlib import Path

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.exchange.tabular.table import SAMPLE_BYTES, TabularError, check_size

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936", "euc_cn", "gb2312-80"}


class EncodingUncertain(TabularError):
    """The file is not UTF-8 and no other encoding is clearly right; ``candidates`` are the encodings
    that read it without error, likeliest first (the wizard previews the first, the user confirms)."""

    def __init__(self, name: str, line: int, candidates: list[str]) -> None:
        self.candidates = candidates
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "“{name}” is not UTF-8 (line {line}) and its encoding is unclear; it may be {candidates}. "
                      "Choose the encoding and check the preview (on the command line: --encoding)."),
            name=name, line=line, candidates=", ".join(candidates) or "?")


GB_LEVEL1_SHARE = 0.8
"""Share of a text's non-ASCII characters that must be common hanzi (GB2312 level 1) or CJK punctuation
for a file that is not UTF-8 to be read as GB18030 without asking.  Real Chinese text scores 0.95–1.0;
UTF-8 read as GBK ("张三" → "寮犱笁") scores 0.0–0.3."""


def gb_likeness(text: str) -> tuple[float, int]:
    """(share of non-ASCII characters that are common hanzi or CJK punctuation, how many non-ASCII)."""
    wide = [ch for ch in text if ord(ch) > 127]
    if not wide:
        return 0.0, 0
    common = 0
    for ch in wide:
        try:
            b = ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        if len(b) == 2 and (0xB0 <= b[0] <= 0xD7 or 0xA1 <= b[0] <= 0xA9):
            common += 1
    return common / len(wide), len(wide)


def _clean(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_auto(data: bytes, name: str = "") -> tuple[str, str]:
    """(text, encoding) of *data*, refusing to guess when the guess is weak.

    In order: a BOM (UTF-8, UTF-16, UTF-32); strict UTF-8; UTF-16 without BOM when every other
    byte is NUL and it decodes cleanly; GB18030 when it decodes cleanly and reads as Chinese text
    (:data:`GB_LEVEL1_SHARE`).  Anything else raises :class:`EncodingUncertain` naming the
    encodings that would read it, so the person (wizard preview) or ``--encoding`` decides.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _clean(data, enc)
            if text is not None:
                return (text[1:] if text.startswith("\ufeff") else text), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        bad_line = data.count(b"\n", 0, exc.start) + 1
    sample = data[:SAMPLE_BYTES]
    for enc, nuls in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if len(sample) >= 4 and nuls.count(0) > len(sample) // 4:
            text = _clean(data, enc)
            if text is not None:
                return text, enc
    text = _clean(data, "gb18030")
    if text is not None:
        share, wide = gb_likeness(text[:SAMPLE_BYTES])
        if wide >= 2 and share >= GB_LEVEL1_SHARE:
            return text, "gb18030"
    raise EncodingUncertain(name, bad_line, _candidates(data))


def _candidates(data: bytes) -> list[str]:
    """Encodings that decode *data* cleanly, the best guess of charset-normalizer first (at most four)."""
    from charset_normalizer import from_bytes

    order: list[str] = []
    best = from_bytes(data[:SAMPLE_BYTES]).best()
    if best is not None:
        guess = best.encoding.lower().replace("-", "_")
        guess = "gb18030" if (guess in _GB_FAMILY or guess.startswith("gb")) else codecs.lookup(guess).name
        order.append(guess)
    for enc in ("gb18030", "big5", "shift_jis", "cp1252", "latin-1"):
        if codecs.lookup(enc).name not in order:
            order.append(codecs.lookup(enc).name)
    return [enc for enc in order if _clean(data, enc) is not None][:4]


def detect_encoding(data: bytes, name: str = "") -> str:
    """The encoding :func:`decode_auto` reads *data* with (raises :class:`EncodingUncertain` when unclear)."""
    return decode_auto(data, name)[1]



def _looks_binary(text_start: str) -> bool:
    if "\x00" in text_start:
        return True
    controls = sum(1 for ch in text_start if ord(ch) < 32 and ch not in "\t\r\n\f")
    return controls > max(8, len(text_start) // 50)




def decode_file(path: Path, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used) of a text file, refusing binary junk, wrong encodings and weak guesses."""
    check_size(path)
    data = path.read_bytes()
    not_text = TabularError(QT_TRANSLATE_NOOP("errors", "“{name}” is not a text table (CSV) file."), name=path.name)
    if encoding is None:
        if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and \
                not _utf16_shaped(data):
            raise not_text
        text, enc = decode_auto(data, path.name)
    else:
        enc = encoding
        try:
            codecs.lookup(enc)
        except LookupError:
            raise TabularError(QT_TRANSLATE_NOOP("errors", "“{encoding}” is not a known encoding."),
                               encoding=enc) from None
        if enc.replace("_", "-").lower() in ("utf-8", "utf8") and data.startswith(codecs.BOM_UTF8):
            enc = "utf-8-sig"
        if not enc.lower().startswith(("utf-16", "utf-32")) and b"\x00" in data[:8192]:
            raise not_text
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            raise TabularError(QT_TRANSLATE_NOOP(
                "errors", "“{name}” cannot be read as {encoding}; choose another encoding."),
                name=path.name, encoding=enc) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if _looks_binary(text[:4096]):
        raise not_text
    return text, enc


def _utf16_shaped(data: bytes) -> bool:
    """Whether NUL bytes sit in every other position (UTF-16 without a BOM), not scattered (binary)."""
    sample = data[:8192]
    return len(sample) >= 4 and max(sample[1::2].count(0), sample[0::2].count(0)) > len(sample) // 4

