"""`python -m core.training ...`: the headless trainer, the same as `lm-anatomy train ...` (`core.training.cli`)."""

import sys

from core.training.cli import main

if __name__ == "__main__":
    sys.exit(main())
