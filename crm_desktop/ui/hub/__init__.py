"""Team hub: connect, sync now, background sync, status (see crm_desktop/ui/__init__.py)."""
