"""The entry script of the PyInstaller bundle (``appealdesk.spec``): the desktop, or its self-test with
``--self-test``."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
