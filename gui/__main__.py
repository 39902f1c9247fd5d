"""`python -m gui` starts LM Anatomy (same as the `lm-anatomy` command)."""

import sys

from gui.app import main

if __name__ == "__main__":
    sys.exit(main())
