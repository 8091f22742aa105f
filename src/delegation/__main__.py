"""python -m delegation: the same as the delegation command."""

import sys

from delegation.app import main

sys.exit(main())
