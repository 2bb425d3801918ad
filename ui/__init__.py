"""The PySide6 desktop of AppealDesk. Every screen calls the core's service layer (``appealdesk.services``)."""
