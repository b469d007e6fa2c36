r"""vCard 2.1 / 3.0 / 4.0 (RFC 2426 / RFC 6350) reading and writing, lenient with content, strict about limits.

Phones and mail programs export address books as .vcf files, each in its own
dialect: iPhone and Mac Address Book (3.0, ``item1.`` groups, ``X-ABShowAs:COMPANY``
for companies, base64 photos), Android and BlackBerry (2.1, ``;CELL;PREF``
parameters without names, ``ENCODING=QUOTED-PRINTABLE`` names in UTF-8 or GBK with
soft line breaks), Outlook 2003/2007 (2.1 with QP labels, ``X-MS-*`` fields,
multi-line base64 photos), Gmail, Lotus Notes and Evolution (3.0 with their
own ``X-`` fields), vCard 4.0 (``tel:`` URIs, ``KIND:org``, ``BDAY:--0412``).

Reading unfolds continuation lines in **linear** time (pieces are joined
once per logical line; a QP soft break is recognised from the line's own
parameters, decided once), skips PHOTO/LOGO/SOUND/KEY values without
collecting them, and caps every property at :data:`MAX_PROPERTY_CHARS` and
every card at :data:`MAX_PROPERTIES_PER_CARD` properties.  It understands
escaped text (``\n``, ``\,``, ``\;``), property groups, parameters in both
styles (``TYPE=cell,voice`` and 2.1 ``;CELL``), and quoted-printable values in
any charset (GB2312/GBK are read as GB18030; an unknown charset falls back to
UTF-8 or GB18030, whichever decodes cleanly).  One odd line never rejects a
card: it is reported and skipped.

Cards become a :class:`~crm_desktop.exchange.tabular.Table` whose columns
the customer import maps automatically, so vCards get the same validation,
matching and undo as CSV.  The card's own first choice of phone (the PREF
one, else the first mobile, else the first) and of e-mail fill the "Phone"
and "E-mail" columns; every other TEL and EMAIL gets a column named by its
type ("Mobile", "Work phone", "Home phone", "Other phone", "Fax", "Work
e-mail" …; a second of a type is "Mobile 2").  The import keeps the first
valid phone and e-mail on the customer and writes the others into the notes
under those titles.  A card whose only name is its ORG (or
that says ``X-ABShowAs:COMPANY`` / ``KIND:org``, or whose FN is the ORG)
becomes a business; a card with no name at all is named after its nickname,
e-mail or phone (with a remark).  The ADR country fills a "Country" column so
phones written without ``+cc`` are read under the card's own country.

Why not ``vobject``: its reader (0.9.9) calls ``getvalue()`` on the growing
buffer for every physical line of a folded property (quadratic: an 8 MB
folded photo takes tens of seconds), raises on an unknown CHARSET and gives up
the whole file on one unparsable line; what this module needs of it —
unfolding, parameter splitting, unescaping — is the small part written here.

Writing produces one card per customer with CRLF line ends and lines folded
at 75 octets without splitting a UTF-8 character.

Modules: :mod:`.parse` (lines and properties), :mod:`.cards` (cards as a
table), :mod:`.write` (cards out).
"""

from __future__ import annotations

from crm_desktop.exchange.vcard.cards import card_name, read_vcards_table
from crm_desktop.exchange.vcard.parse import (
    MAX_PROPERTIES_PER_CARD,
    MAX_PROPERTY_CHARS,
    SKIPPED_PROPERTIES,
    VCard,
    VProperty,
    parse_vcards,
    split_structured,
    unescape,
)
from crm_desktop.exchange.vcard.write import CardData, escape, fold, format_vcard, write_vcards

__all__ = [
    "card_name", "read_vcards_table", "MAX_PROPERTIES_PER_CARD", "MAX_PROPERTY_CHARS", "SKIPPED_PROPERTIES", "VCard",
    "VProperty", "parse_vcards", "split_structured", "unescape", "CardData", "escape", "fold", "format_vcard",
    "write_vcards",
]
