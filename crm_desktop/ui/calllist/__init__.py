"""Calllist (see crm_desktop/ui/__init__.py)."""
