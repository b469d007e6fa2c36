"""PyInstaller hook for phonenumbers, replacing the contributed one (build.spec's hookspath).

The contributed hook lists every submodule as a hidden import, including the
geocoding, carrier and time-zone data (~4.6 MB) that build.spec excludes; each
then logs "Hidden import not found".  The app only parses, validates and formats
numbers, so this hook lists the submodules without those data packages.
"""

from PyInstaller.utils.hooks import collect_submodules

_UNUSED = ("phonenumbers.geocoder", "phonenumbers.geodata", "phonenumbers.carrier",
           "phonenumbers.carrierdata", "phonenumbers.timezone", "phonenumbers.tzdata")

hiddenimports = collect_submodules(
    "phonenumbers", filter=lambda name: not any(name == u or name.startswith(u + ".") for u in _UNUSED))
