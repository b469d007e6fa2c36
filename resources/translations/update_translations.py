"""Refresh the translation files: lupdate the sources, lrelease the .qm.

Run from anywhere (it finds the repository from its own location)::

    python resources/translations/update_translations.py            # .ts + .qm (zh_CN, and en plurals)
    python resources/translations/update_translations.py --check    # fail if anything is untranslated
    python resources/translations/update_translations.py --pseudo   # also a stretched pseudo-translation
    python resources/translations/update_translations.py --pseudo --launch   # ... and open the app with it

``pyside6-lupdate`` scans every ``*.py`` under ``crm_desktop/`` (recursively)
and merges new source strings into ``crm_desktop_zh_CN.ts``, keeping existing
translations and dropping vanished ones (``-no-obsolete``).  New strings come
in as ``type="unfinished"``: translate them (Qt Linguist or a text editor),
then run the script again to rebuild ``crm_desktop_zh_CN.qm``.

``--pseudo`` writes ``resources/translations/pseudo/crm_desktop_xx_PSEUDO.qm``
(git-ignored; build.spec bundles only ``resources/translations/*.qm`` and the app
never offers it as a language): every string is accented and stretched by
about 40 % to show clipped layouts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCE_DIR = ROOT / "crm_desktop"
LANGUAGES = ("zh_CN",)
PLURAL_ONLY = ("en",)
"""Languages whose file holds only the plural forms (English is the source language, but a source text
"%n customer(s)" needs "1 customer" / "2004 customers" from somewhere: Qt's way is a plural-only .ts)."""
TS_TEMPLATE = "crm_desktop_{lang}.ts"
PSEUDO_DIR = HERE / "pseudo"
PSEUDO_NAME = "crm_desktop_xx_PSEUDO"

# No source locations in the .ts: line numbers change with every edit and made every branch's
# .ts conflict with every other's; the context and source text identify a message.
# Our QT_TRANSLATE_NOOP is a plain Python function, so modules may alias it;
# lupdate only recognises the names listed here (see `pyside6-lupdate -help`).
TR_ALIASES = "QT_TRANSLATE_NOOP+=T"


def qt_tool(name: str) -> str:
    """The PySide6 tool *name* next to this interpreter, else on PATH."""
    for candidate in (Path(sys.executable).parent / name, Path(sys.executable).parent / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        sys.exit(f"{name} not found (install PySide6 in this environment)")
    return found


def source_files(root: Path = ROOT) -> list[str]:
    """Every Python file under crm_desktop/, relative to *root*, sorted."""
    return sorted(p.relative_to(root).as_posix() for p in (root / "crm_desktop").rglob("*.py"))


def run_lupdate(ts_path: Path, language: str, root: Path = ROOT, extra: tuple[str, ...] = ()) -> str:
    """Merge the strings of crm_desktop/ into *ts_path*; returns lupdate's output."""
    with tempfile.TemporaryDirectory() as tmp:
        lst = Path(tmp) / "sources.lst"
        lst.write_text("\n".join(source_files(root)) + "\n", encoding="utf-8")
        cmd = [qt_tool("pyside6-lupdate"), f"@{lst}", "-no-obsolete", "-source-language", "en",
               "-target-language", language, "-tr-function-alias", TR_ALIASES, "-locations", "none", *extra,
               "-ts", str(ts_path)]
        done = subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=True)
    return done.stdout + done.stderr


def english_plural_forms(source: str) -> list[str] | None:
    """"%n day(s)" → ["%n day", "%n days"]; None when the source does not say its plural with "(s)"."""
    import re

    if "(s)" not in source:
        return None
    return [source.replace("(s)", ""), re.sub(r"\(s\)", "s", source)]


def fill_english_plurals(ts_path: Path) -> int:
    """Write the English forms of every untranslated "(s)" message of the plural-only *ts_path*; returns how many."""
    tree = ET.parse(ts_path)
    filled = 0
    for msg in tree.getroot().iter("message"):
        tr = msg.find("translation")
        if msg.get("numerus") != "yes" or tr is None or tr.get("type") != "unfinished":
            continue
        forms = english_plural_forms(msg.findtext("source") or "")
        if forms is None:
            continue
        for child in list(tr):
            tr.remove(child)
        tr.attrib.pop("type")
        tr.text = "\n            "
        for i, form in enumerate(forms):
            el = ET.SubElement(tr, "numerusform")
            el.text = form
            el.tail = "\n            " if i < len(forms) - 1 else "\n        "
        filled += 1
    if filled:
        tree.write(ts_path, encoding="utf-8", xml_declaration=True)
        # lupdate writes <!DOCTYPE TS>; keep the file as lupdate would so the next run changes nothing
        text = ts_path.read_text(encoding="utf-8").replace("<?xml version='1.0' encoding='utf-8'?>",
                                                           '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>')
        ts_path.write_text(text, encoding="utf-8")
    return filled


def run_lrelease(ts_path: Path, qm_path: Path) -> str:
    cmd = [qt_tool("pyside6-lrelease"), str(ts_path), "-qm", str(qm_path)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return done.stdout + done.stderr


def unfinished(ts_path: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    out = []
    for ctx in ET.parse(ts_path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            forms = [f.text for f in tr.iter("numerusform")] if tr is not None else []
            text = tr.text if tr is not None and not forms else None
            empty = not any(forms) if forms else not (text or "").strip()
            if tr is None or tr.get("type") == "unfinished" or empty:
                out.append((name, msg.findtext("source") or ""))
    return out


# --- pseudo-translation -------------------------------------------------------------------------------------
ACCENTS = str.maketrans("aeiouyAEIOUYcnsz", "àéîõüýÂÉÎÕÜÝçñšž")
PAD = "·ĺŏńğ ŵőŕđ ţëxţ"


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """Placeholders and markup that must stay intact: {x}, %n/%1, <tags>, &entities;."""
    import re

    return [m.span() for m in re.finditer(r"\{[^{}]*\}|%n|%L?\d|<[^<>]*>|&[a-zA-Z#0-9]+;", text)]


def pseudo(text: str) -> str:
    """*text* accented and about 40 % longer, in [brackets] so truncation shows."""
    if not text:
        return text
    spans, out, pos = _protected_spans(text), [], 0
    for start, end in spans:
        out.append(text[pos:start].translate(ACCENTS))
        out.append(text[start:end])
        pos = end
    out.append(text[pos:].translate(ACCENTS))
    extra = max(1, round(len(text) * 0.4))
    padding = (PAD * (extra // len(PAD) + 1))[:extra]
    return f"[{''.join(out)}{padding}]"


def write_pseudo(ts_path: Path, out_dir: Path = PSEUDO_DIR) -> Path:
    """Build crm_desktop_xx_PSEUDO.qm from the sources in *ts_path*; returns its path."""
    tree = ET.parse(ts_path)
    root = tree.getroot()
    root.set("language", "en_US")  # two plural forms; the file name says it is the pseudo language
    for msg in root.iter("message"):
        source = msg.findtext("source") or ""
        tr = msg.find("translation")
        for child in list(tr):
            tr.remove(child)
        tr.attrib.pop("type", None)
        if msg.get("numerus") == "yes":
            tr.text = None
            for _ in range(2):
                ET.SubElement(tr, "numerusform").text = pseudo(source)
        else:
            tr.text = pseudo(source)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / ".gitignore").write_text("*\n", encoding="utf-8")
    pseudo_ts = out_dir / f"{PSEUDO_NAME}.ts"
    tree.write(pseudo_ts, encoding="utf-8", xml_declaration=True)
    qm = out_dir / f"{PSEUDO_NAME}.qm"
    run_lrelease(pseudo_ts, qm)
    return qm


def launch_with(qm: Path, db: str | None) -> int:
    """Run the app with the pseudo translator installed on top of English."""
    sys.path.insert(0, str(ROOT))
    import crm_desktop.ui.shell.i18n as i18n
    from crm_desktop.app import run_gui

    original = i18n.install_translators

    def install(app, language):
        from PySide6.QtCore import QTranslator

        result = original(app, "en")
        t = QTranslator(app)
        if t.load(str(qm)):
            app.installTranslator(t)
            i18n._installed.append(t)
        return result

    i18n.install_translators = install
    return run_gui(db, "en")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if any message is untranslated")
    parser.add_argument("--pseudo", action="store_true", help=f"also write pseudo/{PSEUDO_NAME}.qm")
    parser.add_argument("--launch", action="store_true", help="with --pseudo: open the app in the pseudo language")
    parser.add_argument("--db", help="with --launch: database file to open")
    args = parser.parse_args(argv)

    status = 0
    for lang in LANGUAGES + PLURAL_ONLY:
        ts = HERE / TS_TEMPLATE.format(lang=lang)
        print(run_lupdate(ts, lang, extra=("-pluralonly",) if lang in PLURAL_ONLY else ()).strip())
        if lang == "en":
            fill_english_plurals(ts)
            print(run_lupdate(ts, lang, extra=("-pluralonly",)).strip())  # back into lupdate's own layout
        print(run_lrelease(ts, ts.with_suffix(".qm")).strip())
        missing = unfinished(ts)
        if missing:
            print(f"{ts.name}: {len(missing)} untranslated message(s):")
            for ctx, src in missing:
                print(f"  [{ctx}] {src}")
            status = 1 if args.check else status
    if args.pseudo:
        qm = write_pseudo(HERE / TS_TEMPLATE.format(lang=LANGUAGES[0]))
        print(f"pseudo-translation: {os.path.relpath(qm, Path.cwd())}")
        if args.launch:
            return launch_with(qm, args.db)
    return status


if __name__ == "__main__":
    sys.exit(main())
