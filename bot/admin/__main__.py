"""`python -m bot.admin ...` runs canirun-admin."""

import sys

from . import main

sys.exit(main())
