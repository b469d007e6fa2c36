"""How guessable a team passphrase is: an honest, simple estimate the backup dialog shows while typing."""

from __future__ import annotations

import math
import string
import unicodedata

# A tiny list of passwords everybody tries first (lower case).  Not a real
# breach list; it only catches the most obvious choices.
_COMMON = frozenset(
    """password passwort passw0rd motdepasse contraseña 123456 1234567 12345678 123456789
    1234567890 111111 000000 123123 654321 qwerty qwertz azerty asdfgh abc123 abcdef
    letmein welcome willkommen admin administrator iloveyou monkey dragon master sunshine
    football baseball princess secret geheim hallo hello sommer summer winter freedom
    changeme default test test123 crm crmdesktop sales vertrieb customer kunden company
    team teampassword backup""".split()
)


def passphrase_strength(passphrase: str) -> tuple[int, str]:
    """Rate a passphrase 0..4 with a reason key, e.g. ``(1, "too_short")``.

    An honest, simple estimate, not a guarantee: entropy is guessed as
    ``length * log2(pool)``, where the pool adds 26 for lower case, 26 for
    upper case, 10 for digits, 33 for ASCII symbols and 100 for other
    characters, with length counted as at most twice the number of distinct
    characters (so "aaaaaaaaaaaa" does not score).  Known-bad choices from a
    tiny built-in list score 0.  Several random words are the easy way to 4.

    Scores and reason keys (for the UI to translate):
    0 ``"empty"``, ``"common"`` or ``"repetitive"``; 1 ``"too_short"``
    (under 8 characters); 2 ``"weak"`` (< 40 bits); 3 ``"fair"`` (< 72 bits);
    4 ``"strong"``.  The app should ask for at least 3 for a team passphrase.
    """
    text = unicodedata.normalize("NFC", passphrase)
    if not text.strip():
        return 0, "empty"
    lowered = text.lower().strip()
    core = lowered.strip(string.digits + string.punctuation + " ")
    if lowered in _COMMON or core in _COMMON or (len(core) <= 3 and len(lowered) < 12):
        return 0, "common"
    distinct = len(set(text))
    if distinct <= 2:
        return 0, "repetitive"
    if len(text) < 8:
        return 1, "too_short"
    pool = 0
    pool += 26 if any(c in string.ascii_lowercase for c in text) else 0
    pool += 26 if any(c in string.ascii_uppercase for c in text) else 0
    pool += 10 if any(c in string.digits for c in text) else 0
    pool += 33 if any(c in string.punctuation or c == " " for c in text) else 0
    pool += 100 if any(ord(c) > 127 for c in text) else 0
    bits = min(len(text), 2 * distinct) * math.log2(max(pool, 2))
    if bits < 40:
        return 2, "weak"
    if bits < 72:
        return 3, "fair"
    return 4, "strong"
