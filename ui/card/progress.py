"""Deadlines and the answer: the terms in force, the extension and the forwarding (each its own small
dialog), and the answer with a result per question and the applicant's satisfaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..i18n import fmt_date
from ..journal.model import STATE_COLOURS, STATE_LABELS
from ..widgets.combos import vocabulary_combo
from ..widgets.date_field import DateField
from ..widgets.delegates import ValueComboDelegate
from ..widgets.validation import FieldErrors, with_error
from .questions import COL_RESULT, NO_RESULT, QuestionsModel

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


class ProgressTab(QWidget):
    answer_changed = Signal()
    extend_requested = Signal()
    forward_requested = Signal()
    notice_requested = Signal(str)  # "extension" or "forwarding": record a notice sent to the applicant

    def __init__(self, desk: AppealDesk, questions: QuestionsModel, parent: QWidget | None = None):
        super().__init__(parent)
        self._forwarding_days = desk.settings.get().deadline_rules().forwarding_days
        # -- the terms
        terms = QGroupBox("Сроки")
        g = QGridLayout(terms)
        self.legal = QLabel("—")
        self.control = QLabel("—")
        self.extended = QLabel("—")
        self.state = QLabel("—")
        self.state.setMargin(3)
        self.late = QLabel("")
        self.late.setStyleSheet("color: #b3261e;")
        for n, (title, w) in enumerate((("Срок по закону:", self.legal), ("Контрольный срок:", self.control),
                                        ("Продлено до:", self.extended), ("Состояние:", self.state))):
            g.addWidget(QLabel(title), n // 2, (n % 2) * 2)
            g.addWidget(w, n // 2, (n % 2) * 2 + 1)
        g.addWidget(self.late, 2, 0, 1, 4)
        g.setColumnStretch(1, 1)
        g.setColumnStretch(3, 1)
        # -- extension and forwarding
        moves = QGroupBox("Продление и переадресация")
        ml = QVBoxLayout(moves)
        self.extension_text = QLabel("Срок не продлевался.")
        self.extension_text.setWordWrap(True)
        self.extend_button = QPushButton("Продлить срок…")
        self.extend_button.setAutoDefault(False)
        self.extend_button.clicked.connect(self.extend_requested)
        self.forward_text = QLabel("Не переадресовывалось.")
        self.forward_text.setWordWrap(True)
        self.forward_button = QPushButton("Переадресовать…")
        self.forward_button.setAutoDefault(False)
        self.forward_button.clicked.connect(self.forward_requested)
        # a notice sent later is recorded here (the today panel lists extensions and forwardings without one)
        self.extension_notice_button = QPushButton("Уведомление…")
        self.extension_notice_button.setAutoDefault(False)
        self.extension_notice_button.setToolTip("Записать дату уведомления заявителя о продлении срока")
        self.extension_notice_button.clicked.connect(lambda: self.notice_requested.emit("extension"))
        self.forward_notice_button = QPushButton("Уведомление…")
        self.forward_notice_button.setAutoDefault(False)
        self.forward_notice_button.setToolTip("Записать дату уведомления заявителя о переадресации")
        self.forward_notice_button.clicked.connect(lambda: self.notice_requested.emit("forwarding"))
        r1 = QHBoxLayout()
        r1.addWidget(self.extension_text, 1)
        r1.addWidget(self.extension_notice_button)
        r1.addWidget(self.extend_button)
        r2 = QHBoxLayout()
        r2.addWidget(self.forward_text, 1)
        r2.addWidget(self.forward_notice_button)
        r2.addWidget(self.forward_button)
        ml.addLayout(r1)
        ml.addLayout(r2)
        # -- secondary control: promises made in the answer (ui/today/promises.py)
        self._promise_desk, self._promise_card = desk, None
        self.promise_text = QLabel("Обещаний на контроле нет.")
        self.promise_text.setWordWrap(True)
        self.promise_button = QPushButton("Обещание в ответе…")
        self.promise_button.setAutoDefault(False)
        self.promise_button.setToolTip("Поставить на контроль обещанные в ответе работы со сроком и исполнителем")
        self.promise_button.clicked.connect(self._add_promise)
        r3 = QHBoxLayout()
        r3.addWidget(self.promise_text, 1)
        r3.addWidget(self.promise_button)
        ml.addLayout(r3)
        # -- the answer
        answer = QGroupBox("Ответ заявителю")
        f = QFormLayout(answer)
        f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.answer_on = DateField()
        self.answer_number = QLineEdit()
        self.method = vocabulary_combo(desk, "answer_method", "— не указан —")
        self.satisfaction = vocabulary_combo(desk, "satisfaction", "— не указана —")
        self.ground = vocabulary_combo(desk, "no_answer_ground", "— нет —")
        self.answer_text = QPlainTextEdit()
        self.answer_text.setTabChangesFocus(True)
        self.answer_text.setFixedHeight(60)
        self.answer_text.setPlaceholderText("Кратко: что ответили")
        self.close_check = QCheckBox("Закрыть обращение (у каждого вопроса есть результат)")
        self.close_check.setChecked(True)
        self.results = QTableView()
        self.results.setModel(questions)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setTabKeyNavigation(False)
        self.results.verticalHeader().hide()
        self.results.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        for col in (0, 3):
            self.results.setColumnHidden(col, True)
        self.results.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.results.setColumnWidth(1, self.fontMetrics().horizontalAdvance("0000.0000.0000.0000.0000") + 16)
        self.results.setColumnWidth(COL_RESULT, 220)
        self.results.setFixedHeight(120)
        self.results.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.results.setItemDelegateForColumn(
            COL_RESULT, ValueComboDelegate(lambda: list(questions.results.items()), NO_RESULT, self.results)
        )
        box, self.err_answer_on = with_error(self.answer_on)
        f.addRow("Дата &ответа:", box)
        f.addRow("Исх. номер:", self.answer_number)
        box, self.err_method = with_error(self.method)
        f.addRow("Способ отправки:", box)
        box, self.err_results = with_error(self.results)
        f.addRow("Результаты:", box)
        box, self.err_satisfaction = with_error(self.satisfaction)
        f.addRow("Удовлетворённость:", box)
        box, self.err_ground = with_error(self.ground)
        f.addRow("Без ответа (ст. 11):", box)
        f.addRow("Текст ответа:", self.answer_text)
        f.addRow("", self.close_check)
        lay = QVBoxLayout(self)
        lay.addWidget(terms)
        lay.addWidget(moves)
        lay.addWidget(answer)
        lay.addStretch(1)
        for w in (self.answer_number,):
            w.textChanged.connect(self.answer_changed)
        self.answer_on.changed.connect(self.answer_changed)
        for c in (self.method, self.satisfaction, self.ground):
            c.currentIndexChanged.connect(self.answer_changed)
        self.answer_text.textChanged.connect(self.answer_changed)
        self.close_check.toggled.connect(self.answer_changed)

    def bind_errors(self, errors: FieldErrors) -> None:
        errors.bind("answer_on", self.answer_on, self.err_answer_on)
        errors.bind("method", self.method, self.err_method)
        errors.bind("satisfaction", self.satisfaction, self.err_satisfaction)
        errors.bind("no_answer_ground", self.ground, self.err_ground)
        errors.bind("results", self.results, self.err_results)

    def load(self, card) -> None:
        saved = card is not None
        open_ = saved and card.status != "closed"
        self.extend_button.setEnabled(open_ and card.extension is None)
        self.forward_button.setEnabled(open_)
        ext = card.extension if saved else None
        self.extension_notice_button.setVisible(ext is not None and ext.notice_on is None)
        self.forward_notice_button.setVisible(saved and any(fw.notice_on is None for fw in card.forwardings))
        self._show_promises(card)
        if not saved:
            for w in (self.legal, self.control, self.extended):
                w.setText("—")
            self.state.setText("сроки рассчитаются при регистрации")
            self.state.setStyleSheet("")
            self.late.setText("")
            self.late.hide()
            self.extension_text.setText("Продлить срок можно после регистрации.")
            self.forward_text.setText("Переадресовать можно после регистрации.")
        else:
            self.legal.setText(fmt_date(card.legal_deadline))
            self.control.setText(fmt_date(card.control_deadline))
            self.extended.setText(fmt_date(card.extended_deadline) or "—")
            self.state.setText(STATE_LABELS.get(card.deadline_state, card.deadline_state)
                               + ("" if card.status == "closed" else f", срок {fmt_date(card.deadline)}"))
            bg, fg = STATE_COLOURS.get(card.deadline_state, (None, None))
            self.state.setStyleSheet(f"background:{bg or 'transparent'}; color:{fg or 'palette(window-text)'};")
            self.late.setText("Зарегистрировано позже 3 дней со дня поступления (ч. 2 ст. 8 59-ФЗ)."
                              if card.registered_late else "")
            self.late.setVisible(card.registered_late)
            e = card.extension
            if e is None:
                self.extension_text.setText("Срок не продлевался.")
            else:
                notice = f", заявитель уведомлён {fmt_date(e.notice_on)}" if e.notice_on else ", уведомления нет"
                self.extension_text.setText(
                    f"Продлено на {e.days} дн. до {fmt_date(e.new_deadline)} ({e.extended_by}, "
                    f"{fmt_date(e.extended_on)}): {e.reason}{notice}."
                )
            if not card.forwardings:
                self.forward_text.setText("Не переадресовывалось.")
            else:
                lines = []
                for fw in card.forwardings:
                    late = "" if fw.within_term else f" — позже {self._forwarding_days} дней!"
                    num = f", исх. № {fw.outgoing_number}" if fw.outgoing_number else ""
                    told = f", заявитель уведомлён {fmt_date(fw.notice_on)}" if fw.notice_on else ", уведомления нет"
                    lines.append(f"{fmt_date(fw.forwarded_on)} → {fw.to_body}{num}{told}{late}")
                self.forward_text.setText("Направлено: " + "; ".join(lines))
        self.answer_on.set_date(card.answer_on if saved else None)
        self.answer_number.setText((card.answer_number or "") if saved else "")
        self.method.set_value(card.answer_method if saved else None)
        self.satisfaction.set_value(card.satisfaction if saved else None)
        self.ground.set_value(card.no_answer_ground if saved else None)
        self.answer_text.setPlainText((card.answer_text or "") if saved else "")
        self.close_check.setChecked(True)
        self.results.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.state.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def _show_promises(self, card) -> None:
        self._promise_card = card
        self.promise_button.setEnabled(card is not None)
        if card is None:
            self.promise_text.setText("Обещание можно записать после регистрации.")
            return
        try:
            items = self._promise_desk.control.promises(status=None, appeal_id=card.id)
        except Exception:
            items = ()
        labels = {"open": "на контроле", "done": "выполнено", "cancelled": "снято"}
        self.promise_text.setText(
            "Обещания в ответе: " + "; ".join(f"{p.text} — до {fmt_date(p.due_on)} ({labels.get(p.status, p.status)})"
                                              for p in items) if items else "Обещаний на контроле нет.")

    def _add_promise(self) -> None:
        from ..today.promises import PromiseDialog

        if self._promise_card is None:
            return
        dlg = PromiseDialog(self._promise_desk, self._promise_card, self)
        dlg.done.connect(lambda _p: self._show_promises(self._promise_card))
        dlg.open()
        self._promise_dialog = dlg

    def has_answer(self) -> bool:
        return not self.answer_on.is_empty()
