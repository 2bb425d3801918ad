"""Personal reception of citizens (59-FZ art. 13): the schedule from rules and the production calendar,
visiting receptions, the all-Russian reception day, pre-registration into slots, reception cards and
their conversion into registered appeals, the printed schedule, visitor list and card, report figures.

The service is ``appealdesk.services.reception.ReceptionService`` (``desk.reception``); this package holds
its plain values and pure parts. No Qt here.
"""

from .values import (
    BookingInput,
    BookingView,
    CardInput,
    CardQuestionInput,
    CardView,
    ExceptionInput,
    ExceptionView,
    ReceptionDay,
    RuleInput,
    RuleView,
    Schedule,
    ScheduleEntry,
    Slot,
    VisitingInput,
)

__all__ = [
    "BookingInput", "BookingView", "CardInput", "CardQuestionInput", "CardView", "ExceptionInput",
    "ExceptionView", "ReceptionDay", "RuleInput", "RuleView", "Schedule", "ScheduleEntry", "Slot", "VisitingInput",
]
