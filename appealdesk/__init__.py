"""AppealDesk core: storage, the one service layer, the 59-FZ deadline engine. No Qt here."""

__version__ = "0.1.0"

import logging as _logging

# The core logs English details (a driver's own words, a damaged page); the program that uses it decides
# where they go (the desktop: a rotating log file). Without this, Python would print warnings to stderr.
_logging.getLogger(__name__).addHandler(_logging.NullHandler())
