"""``python -m crm_desktop`` runs the command line (GUI by default)."""
import sys

from crm_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
