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
from ..widgets.combos import ValueCombo, official_items, vocabulary_combo
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
    interim_requested = Signal()  # an interim answer
    documents_requested = Signal()  # a request for documents to another body

    def __init__(self, desk: AppealDesk, questions: QuestionsModel, parent: QWidget | None = None):
        super().__init__(parent)
        settings = desk.settings.get()
        self._forwarding_days = settings.deadline_rules().forwarding_days
        self._registration_days = settings.deadline_rules().registration_days
        self._confirm_call = settings.confirm_measures_by_call
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
        # requests for documents (59-FZ art. 10 p. 2) and the answers sent, interim ones among them
        self.documents_text = QLabel("Документы в других органах не запрашивались.")
        self.documents_text.setWordWrap(True)
        self.documents_button = QPushButton("Запрос документов…")
        self.documents_button.setAutoDefault(False)
        self.documents_button.setToolTip("Запросить документы в другом органе (ответ — в течение "
                                         f"{settings.deadline_rules().document_request_days} дней)")
        self.documents_button.clicked.connect(self.documents_requested)
        r4 = QHBoxLayout()
        r4.addWidget(self.documents_text, 1)
        r4.addWidget(self.documents_button)
        ml.addLayout(r4)
        self.answers_text = QLabel("Ответов ещё не было.")
        self.answers_text.setWordWrap(True)
        self.interim_button = QPushButton("Промежуточный ответ…")
        self.interim_button.setAutoDefault(False)
        self.interim_button.setToolTip("Ответ до окончательного: обращение остаётся на контроле")
        self.interim_button.clicked.connect(self.interim_requested)
        r5 = QHBoxLayout()
        r5.addWidget(self.answers_text, 1)
        r5.addWidget(self.interim_button)
        ml.addLayout(r5)
        # -- the answer
        answer = QGroupBox("Ответ заявителю")
        f = QFormLayout(answer)
        f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.answer_on = DateField()
        self.answer_number = QLineEdit()
        self.method = vocabulary_combo(desk, "answer_method", "— не указан —")
        self.satisfaction = vocabulary_combo(desk, "satisfaction", "— не указана —")
        self.ground = vocabulary_combo(desk, "no_answer_ground", "— нет —")
        # what some grounds of art. 11 need: the head's decision (p. 5), the page of the site (p. 5.1)
        self.decision_by = ValueCombo(official_items(desk, executors_only=False), "— кто принял решение —")
        self.decision_on = DateField()
        self.decision_box = QWidget()
        dl = QHBoxLayout(self.decision_box)
        dl.setContentsMargins(0, 0, 0, 0)
        box, self.err_decision_by = with_error(self.decision_by)
        dl.addWidget(box, 1)
        dl.addWidget(QLabel("от"))
        box, self.err_decision_on = with_error(self.decision_on)
        dl.addWidget(box)
        self.published_url = QLineEdit()
        self.published_url.setPlaceholderText("https://… страница официального сайта с ответом")
        # the call confirming the measures taken (the office's setting)
        self.call_on = DateField()
        self.call_note = QLineEdit()
        self.call_note.setPlaceholderText("Что сказал заявитель")
        self.call_box = QWidget()
        cl = QHBoxLayout(self.call_box)
        cl.setContentsMargins(0, 0, 0, 0)
        box, self.err_call_on = with_error(self.call_on)
        cl.addWidget(box)
        cl.addWidget(self.call_note, 1)
        self.answer_text = QPlainTextEdit()
        self.answer_text.setTabChangesFocus(True)
        self.answer_text.setFixedHeight(60)
        self.answer_text.setPlaceholderText("Кратко: что ответили")
        self.close_check = QCheckBox("Закрыть обращение (у каждого вопроса есть результат)")
        self.close_check.setChecked(True)
        self.results = QTableView()
        self.results.setTabKeyNavigation(False)  # Tab leaves the table
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
        self.decision_label = QLabel("Решение о прекращении:")
        f.addRow(self.decision_label, self.decision_box)
        box, self.err_published = with_error(self.published_url)
        self.published_label = QLabel("Ответ на сайте:")
        f.addRow(self.published_label, box)
        self.published_box = box
        self.call_label = QLabel("Звонок заявителю:")
        f.addRow(self.call_label, self.call_box)
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
        for c in (self.method, self.satisfaction, self.ground, self.decision_by):
            c.currentIndexChanged.connect(self.answer_changed)
        for w in (self.published_url, self.call_note):
            w.textChanged.connect(self.answer_changed)
        for d in (self.decision_on, self.call_on):
            d.changed.connect(self.answer_changed)
        self.ground.currentIndexChanged.connect(lambda _i: self._ground_changed())
        self._ground_changed()
        self.answer_text.textChanged.connect(self.answer_changed)
        self.close_check.toggled.connect(self.answer_changed)

    def bind_errors(self, errors: FieldErrors) -> None:
        errors.bind("answer_on", self.answer_on, self.err_answer_on)
        errors.bind("method", self.method, self.err_method)
        errors.bind("satisfaction", self.satisfaction, self.err_satisfaction)
        errors.bind("no_answer_ground", self.ground, self.err_ground)
        errors.bind("results", self.results, self.err_results)
        errors.bind("decision_by_id", self.decision_by, self.err_decision_by)
        errors.bind("decision_on", self.decision_on, self.err_decision_on)
        errors.bind("published_url", self.published_url, self.err_published)
        errors.bind("call_on", self.call_on, self.err_call_on)

    def _ground_changed(self) -> None:
        ground = self.ground.value()
        for w in (self.decision_label, self.decision_box):
            w.setVisible(ground == "correspondence_terminated")
        for w in (self.published_label, self.published_box):
            w.setVisible(ground == "published_on_site")
        for w in (self.call_label, self.call_box):
            w.setVisible(self._confirm_call)

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
            lines = ([f"Зарегистрировано позже {self._registration_days} дней со дня поступления (ч. 2 ст. 8 59-ФЗ)."]
                     if card.registered_late else [])
            self.late.setText("\n".join(lines))
            self.late.setVisible(bool(lines))
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
        self.decision_by.set_value(card.decision_by_id if saved else None)
        self.decision_on.set_date(card.decision_on if saved else None)
        self.published_url.setText((card.published_url or "") if saved else "")
        self.call_on.set_date(card.call_on if saved else None)
        self.call_note.setText((card.call_note or "") if saved else "")
        self._ground_changed()
        self.close_check.setChecked(True)
        self.interim_button.setEnabled(open_)
        self.documents_button.setEnabled(open_)
        answers = card.answers if saved else ()
        if answers:
            kinds = {"interim": "промежуточный", "final": "ответ"}
            self.answers_text.setText("Ответы: " + "; ".join(
                f"{kinds.get(a.kind, a.kind)} {fmt_date(a.answer_on)}" + (f" № {a.number}" if a.number else "")
                + (f" (окончательный — до {fmt_date(a.final_due)})" if a.final_due else "") for a in answers) + ".")
        else:
            self.answers_text.setText("Ответов ещё не было." if saved else "Ответ записывается после регистрации.")
        requests = card.document_requests if saved else ()
        if requests:
            states = {"answered": "исполнен", "answered_late": "исполнен с опозданием", "overdue": "срок истёк",
                      "due_today": "срок сегодня", "due_soon": "срок скоро", "open": "ожидается"}
            self.documents_text.setText("Запросы документов: " + "; ".join(
                f"{r.body} от {fmt_date(r.request_on)}, срок {fmt_date(r.due_on)} — {states.get(r.state, r.state)}"
                for r in requests) + ".")
        else:
            self.documents_text.setText("Документы в других органах не запрашивались.")
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
