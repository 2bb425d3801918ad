"""AppealDesk core: storage, the one service layer, the 59-FZ deadline engine. No Qt here."""

__version__ = "0.1.0"
