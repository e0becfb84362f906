"""``python -m pugguide``."""

import sys

from pugguide.cli import main

sys.exit(main())
