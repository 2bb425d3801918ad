"""The first tab of the card: receipt, applicant, summary, questions and executor — all a clerk needs to
register a typical written appeal, in the order the keyboard walks through them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..widgets.combos import ValueCombo, official_items
from ..widgets.validation import FieldErrors, with_error
from .applicant import ApplicantBox
from .questions import QuestionsEditor
from .receipt import ReceiptBox

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


class RegistrationTab(QWidget):
    changed = Signal()

    def __init__(self, desk: AppealDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.receipt = ReceiptBox(desk)
        self.applicant = ApplicantBox(desk)
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText("О чём обращение: суть просьбы, жалобы или предложения")
        self.summary.setFixedHeight(60)
        self.questions = QuestionsEditor(desk)
        self.executor = ValueCombo(official_items(desk), "— не назначен —")
        self.executor.setMinimumContentsLength(28)
        # the suggestion of a repeated appeal
        self.repeated_box = QWidget()
        rl = QHBoxLayout(self.repeated_box)
        rl.setContentsMargins(0, 0, 0, 0)
        self.repeated_text = QLabel()
        self.repeated_text.setProperty("role", "banner-info")
        self.repeated_text.setWordWrap(True)
        self.repeated_button = QPushButton("Отметить как повторное")
        self.repeated_button.setAutoDefault(False)
        rl.addWidget(self.repeated_text, 1)
        rl.addWidget(self.repeated_button)
        self.repeated_box.hide()

        summary_box = QGroupBox("Краткое содержание")
        sl = QVBoxLayout(summary_box)
        box, self.err_summary = with_error(self.summary)
        sl.addWidget(box)
        q_box = QGroupBox("Исполнитель и вопросы (коды классификатора)")
        ql = QVBoxLayout(q_box)
        ex = QHBoxLayout()
        lab = QLabel("&Исполнитель:")
        lab.setBuddy(self.executor)
        ex.addWidget(lab)
        box, self.err_executor = with_error(self.executor)
        # the executor's name and position in full where the card is wide enough
        self.executor.setSizePolicy(QSizePolicy.Policy.Expanding, self.executor.sizePolicy().verticalPolicy())
        ex.addWidget(box, 3)
        ex.addStretch(1)
        ql.addLayout(ex)
        box, self.err_questions = with_error(self.questions)
        ql.addWidget(box, 1)

        grid = QGridLayout(self)
        grid.addWidget(self.receipt, 0, 0)
        grid.addWidget(self.applicant, 0, 1)
        grid.addWidget(self.repeated_box, 1, 0, 1, 2)
        grid.addWidget(summary_box, 2, 0, 1, 2)
        grid.addWidget(q_box, 3, 0, 1, 2)
        grid.setColumnStretch(0, 4)
        grid.setColumnStretch(1, 5)
        grid.setRowStretch(3, 1)

        self.receipt.changed.connect(self.changed)
        self.applicant.changed.connect(self.changed)
        self.summary.textChanged.connect(self.changed)
        self.questions.changed.connect(self.changed)
        self.executor.currentIndexChanged.connect(self.changed)

    def bind_errors(self, errors: FieldErrors) -> None:
        self.receipt.bind_errors(errors)
        self.applicant.bind_errors(errors)
        errors.bind("summary", self.summary, self.err_summary)
        errors.bind("questions", self.questions.table, self.err_questions)
        errors.bind("questions.", self.questions.table, self.err_questions)
        errors.bind("question_ids", self.questions.table, self.err_questions)
        errors.bind("executor_id", self.executor, self.err_executor)

    def tab_chain(self) -> list[QWidget]:
        return [*self.receipt.widgets_in_order(), *self.applicant.widgets_in_order(), self.repeated_button,
                self.summary, self.executor, self.questions.input, self.questions.table,
                self.questions.pick_button, self.questions.remove_button]
