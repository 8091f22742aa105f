"""python -m delegation, and the entry point of the bundled program: the delegation command."""

import multiprocessing
import sys

from delegation.app import main

if __name__ == "__main__":
    # In the bundled program, the itinerary batch's worker processes start by running this
    # file again: freeze_support() hands them to multiprocessing instead of opening a window.
    multiprocessing.freeze_support()
    sys.exit(main())
