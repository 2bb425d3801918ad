"""The "Личный приём" section: the receptions of the coming weeks, the reception day (bookings, walk-ins,
reception cards), the schedule editor and the printed schedule."""

from .panel import ReceptionPanel

__all__ = ["ReceptionPanel"]
