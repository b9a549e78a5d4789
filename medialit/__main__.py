"""Run the command line: python -m medialit."""

import sys

from .cli import main

sys.exit(main())
