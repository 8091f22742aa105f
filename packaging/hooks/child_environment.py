"""PyInstaller run-time hook: programs the bundle starts get the system's libraries back.

On Linux the bundle's launcher points LD_LIBRARY_PATH at the bundled libraries (an older
libstdc++, glib, OpenSSL…) and keeps the user's value in LD_LIBRARY_PATH_ORIG. The
running program has already loaded what it needs, but a program it starts (xdg-open and
the PDF viewer behind "open the file when done") would inherit the bundle's libraries
and could fail on a newer system. Our own worker processes start the bundle's launcher
again, which sets the path anew.
"""

import os
import sys

if sys.platform == "linux":
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is None:
        os.environ.pop("LD_LIBRARY_PATH", None)
    else:
        os.environ["LD_LIBRARY_PATH"] = original
