"""AppealDesk core: storage, the one service layer, the 59-FZ deadline engine. No Qt here."""

import logging

__version__ = "0.1.0"

# a library logs only where the program sets up a log (the desktop's file); never to the console of a
# command, which speaks Russian
logging.getLogger(__name__).addHandler(logging.NullHandler())
