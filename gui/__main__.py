"""`python -m gui` starts LM Anatomy (same as the `lm-anatomy` command)."""

import multiprocessing
import sys

from gui.app import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # needed when running from a PyInstaller bundle
    sys.exit(main())
