"""Deadline control ("контроль за сроками исполнения"): the calendar's month counts, the today panel's
queries, the promises of answers kept on secondary control, executor discipline and reminder letters.

Pure query and rule helpers over a session and a deadline engine; ``appealdesk.services.control`` wraps
them in units of work as ``desk.control``.
"""
