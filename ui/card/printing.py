"""Printing the registration card: the one preview (``ui.print_preview``) of the card's paper, and its PDF.
Both come from ``desk.papers.card`` rendered by the one renderer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


def file_name(card) -> str:
    return f"Карточка {card.reg_number.replace('/', '-')}.pdf"


def save_pdf(desk: AppealDesk, card, path: str) -> None:
    desk.papers.write_pdf(desk.papers.card(card.id), path)


def print_preview(desk: AppealDesk, card, parent: QWidget):
    from ..print_preview import show_preview

    pdf = desk.papers.pdf(desk.papers.card(card.id))
    return show_preview(parent, f"карточка № {card.reg_number}", pdf, file_name(card))
