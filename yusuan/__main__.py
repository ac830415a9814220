"""``python -m yusuan`` runs the command line, as the ``yusuan`` script does."""

import sys

from yusuan.cli import main

sys.exit(main())
