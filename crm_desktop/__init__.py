"""crm-desktop: an offline desktop CRM for small sales teams."""

APP_NAME = "crm-desktop"
APP_DISPLAY_NAME = "CRM Desktop"
ORG_NAME = "crm-desktop"
__version__ = "0.1.0"
