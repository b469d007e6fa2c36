"""crm-desktop: an offline desktop CRM for small sales teams."""

import time as _time

STARTED = _time.perf_counter()
"""When the app's own code began to run (this package's import): the start-up probe counts from here."""

APP_NAME = "crm-desktop"
APP_DISPLAY_NAME = "CRM Desktop"
ORG_NAME = "crm-desktop"
__version__ = "0.1.0"
