"""The reception card of 59-FZ art. 13: time, the official who received, visitor, identity document seen,
social category, questions with classifier codes, summary, a video connection to the competent body (with
consent) and the result (an oral answer with consent, a written answer to follow, outside competence and
where to go, a written appeal handed in, invited on the reception day, a further conversation refused under
art. 13 p. 6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from appealdesk.errors import DomainError
from appealdesk.reception import CardInput, CardQuestionInput
from appealdesk.reception.values import OUTCOME_LABELS

from ..card.applicant import ApplicantBox
from ..widgets.combos import ValueCombo, official_items
from ..widgets.date_field import DateField
from .common import banner, ok_cancel, show_banner, time_edit, time_of

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

APPEAL_KINDS = (("statement", "Заявление"), ("proposal", "Предложение"), ("complaint", "Жалоба"))
DOCUMENTS = ("паспорт гражданина РФ", "водительское удостоверение", "военный билет", "удостоверение ветерана")


def _walk_in_time(desk, entry):
    """A walk-in comes now: the current time on the reception's day (within its hours), else its start."""
    from datetime import datetime

    if entry.day != desk.today():
        return entry.time_from
    now = datetime.now().time().replace(second=0, microsecond=0)
    end = getattr(entry, "time_to", None)
    if now < entry.time_from or (end is not None and now > end):
        return entry.time_from
    return now


class ReceptionCardDialog(QDialog):
    saved = Signal(object)

    def __init__(self, desk: AppealDesk, day, booking=None, card=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk, self.day, self.booking, self.card = desk, day, booking, card
        e = day.entry
        self.setWindowTitle("Карточка личного приёма")
        self.resize(760, 820)
        who = e.official + (f", {e.position}" if e.position else "") if e.official else "все должностные лица"
        how = "по записи" if booking is not None else "без записи"
        if card is not None and not card.walk_in:
            how = "по записи"
        head = QLabel(f"<b>{e.kind_label}</b>, {e.day:%d.%m.%Y}: {who}<br>{e.place} — посетитель {how}")
        head.setWordWrap(True)
        self.error = banner()
        self.national = e.kind == "national_day"
        invite_days = desk.settings.get().deadline_rules().reception_invite_working_days
        if self.national:
            live = QLabel("Общероссийский день приёма: живая очередь при предъявлении документа, удостоверяющего "
                          "личность; гражданина принимает любое из присутствующих должностных лиц. Не принятого "
                          f"в этот день приглашают на личный приём в течение {invite_days} рабочих дней.")
            live.setWordWrap(True)
            live.setProperty("role", "banner-info")
        self.visited = time_edit(booking.slot_from if booking is not None else _walk_in_time(desk, e))
        self.official = ValueCombo(official_items(desk, executors_only=False),
                                   "— выберите —" if self.national else None)
        if e.official_id is not None and not self.national:
            self.official.set_value(e.official_id)
        self.video_body = QLineEdit()
        self.video_body.setPlaceholderText("Компетентный орган, с которым гражданин соединён по видеосвязи")
        self.video_consent = QCheckBox("с согласия гражданина")
        self.applicant = ApplicantBox(desk, self)
        self.document = QLineEdit()
        self.document.setPlaceholderText("Например: паспорт 01 02 123456")
        self.social = self.applicant.social  # asked once: the visitor's «Соц. категория» above
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText("Содержание устного обращения")
        self.summary.setMinimumHeight(60)
        self.summary.setMaximumHeight(90)
        self.code = QLineEdit()
        self.code.setPlaceholderText("Код вопроса или слово — Enter: найти в классификаторе")
        self.code.returnPressed.connect(self.pick_code)
        pick = QPushButton("Классификатор…")
        pick.setAutoDefault(False)
        pick.clicked.connect(self.pick_code)
        remove = QPushButton("Убрать")
        remove.setAutoDefault(False)
        remove.clicked.connect(self.remove_question)
        self.questions = QListWidget()
        self.questions.setMaximumHeight(90)
        # the result
        self.outcomes = QButtonGroup(self)
        self.outcome_buttons: dict[str, QRadioButton] = {}
        box = QGroupBox("Результат приёма")
        ob = QVBoxLayout(box)
        for n, (code, label) in enumerate(OUTCOME_LABELS.items()):
            rb = QRadioButton(f"&{n + 1}. {label}")
            self.outcomes.addButton(rb, n)
            self.outcome_buttons[code] = rb
            ob.addWidget(rb)
        self.consent = QCheckBox("Гражданин согласен на &устный ответ (отметка в карточке, ч. 2 ст. 13 59-ФЗ)")
        self.answer = QPlainTextEdit()
        self.answer.setTabChangesFocus(True)
        self.answer.setPlaceholderText("Содержание устного ответа или разъяснения")
        self.answer.setMaximumHeight(70)
        self.referred = QLineEdit()
        self.referred.setPlaceholderText("Куда гражданину следует обратиться")
        self.invited_on = DateField()
        self.invited_on.setToolTip(f"День личного приёма, на который приглашён гражданин (в течение {invite_days} "
                                   "рабочих дней)")
        self.earlier = QLineEdit()
        self.earlier.setPlaceholderText("Рег. номер обращения, на которое дан ответ по существу")
        self.appeal_kind = ValueCombo(APPEAL_KINDS)
        days = desk.settings.get().deadline_rules().consideration_days
        self.appeal_note = QLabel(f"Будет зарегистрировано обращение с датой приёма и сроком рассмотрения {days} дней.")
        self.appeal_note.setWordWrap(True)
        rf = QFormLayout()
        rf.addRow(self.consent)
        rf.addRow("&Ответ:", self.answer)
        rf.addRow("&Куда обратиться:", self.referred)
        rf.addRow("Приглашён на &день:", self.invited_on)
        rf.addRow("Ответ дан по &обращению:", self.earlier)
        rf.addRow("&Вид обращения:", self.appeal_kind)
        rf.addRow(self.appeal_note)
        ob.addLayout(rf)
        self.outcomes.idToggled.connect(lambda _i, _on: self._outcome_changed())
        # layout
        form = QFormLayout()
        form.addRow("&Время приёма:", self.visited)
        form.addRow("&Принял:", self.official)
        form.addRow("&Документ, удостоверяющий личность:", self.document)
        form.addRow("&Содержание:", self.summary)
        qrow = QHBoxLayout()
        qrow.addWidget(self.code, 1)
        qrow.addWidget(pick)
        qrow.addWidget(remove)
        form.addRow("Вопросы:", qrow)
        form.addRow("", self.questions)
        video = QHBoxLayout()
        video.addWidget(self.video_body, 1)
        video.addWidget(self.video_consent)
        video_label = QLabel("Видео&связь:")
        video_label.setBuddy(self.video_body)
        form.addRow(video_label, video)
        inner = QWidget()
        il = QVBoxLayout(inner)
        il.addWidget(self.applicant)
        il.addLayout(form)
        il.addWidget(box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        buttons = ok_cancel(self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        if self.national:
            lay.addWidget(live)
        lay.addWidget(self.error)
        lay.addWidget(scroll, 1)
        lay.addWidget(buttons)
        self._load()

    # -- values ----------------------------------------------------------------------------------
    def _load(self) -> None:
        c, b = self.card, self.booking
        applicant_id = c.applicant_id if c is not None else (b.applicant_id if b is not None else None)
        if applicant_id is not None:
            self.applicant.load(self.desk.applicants.get(applicant_id))
        if b is not None and b.topic and c is None:
            self.summary.setPlainText(b.topic)
        if c is None:
            self.outcome_buttons["oral_answer"].setChecked(True)
            self._outcome_changed()
            return
        if c.visited_at:
            self.visited.setTime(time_edit(c.visited_at).time())
        if c.official_id is not None:
            self.official.set_value(c.official_id)
        self.video_body.setText(c.video_body or "")
        self.video_consent.setChecked(c.video_consent)
        self.invited_on.set_date(c.invited_on)
        self.earlier.setText(c.earlier_appeal_number or "")
        self.document.setText(c.identity_document or "")
        self.social.setText(c.social_category or "")
        self.summary.setPlainText(c.summary)
        for q in c.questions:
            self._add_question(q.code, q.name)
        self.outcome_buttons.get(c.outcome, self.outcome_buttons["oral_answer"]).setChecked(True)
        self.consent.setChecked(c.oral_consent)
        self.answer.setPlainText(c.answer_text or "")
        self.referred.setText(c.referred_to or "")
        if c.appeal_number:
            self.appeal_note.setText(f"Зарегистрировано обращение № {c.appeal_number}, срок ответа "
                                     f"{c.appeal_deadline:%d.%m.%Y}.")
        self._outcome_changed()

    def outcome(self) -> str:
        for code, rb in self.outcome_buttons.items():
            if rb.isChecked():
                return code
        return "oral_answer"

    def _outcome_changed(self) -> None:
        o = self.outcome()
        self.consent.setEnabled(o == "oral_answer")
        self.answer.setEnabled(o in ("oral_answer", "outside_competence"))
        self.referred.setEnabled(o == "outside_competence")
        self.invited_on.setEnabled(o == "invited")
        self.earlier.setEnabled(o == "refused_answered")
        self.appeal_kind.setEnabled(o in ("written_answer", "appeal_handed") and not (self.card and self.card.appeal_id))
        self.appeal_note.setVisible(o in ("written_answer", "appeal_handed"))

    def codes(self) -> list[str]:
        return [self.questions.item(i).data(256) for i in range(self.questions.count())]

    def _add_question(self, code: str, name: str) -> None:
        if code in self.codes():
            return
        item = QListWidgetItem(f"{code} — {name}")
        item.setData(256, code)
        self.questions.addItem(item)

    def add_code(self, code: str) -> bool:
        item = self.desk.reference.classifier_item(code.strip())
        if item is None or item.level < 4:
            return False
        self._add_question(item.code, item.name)
        return True

    def pick_code(self) -> None:
        text = self.code.text().strip()
        if text and self.add_code(text):
            self.code.clear()
            return
        from ..dialogs.classifier_picker import ClassifierPicker

        dlg = ClassifierPicker(self.desk, text, self)
        dlg.picked.connect(self.add_code)
        if dlg.exec():
            self.code.clear()
        self.code.setFocus()

    def remove_question(self) -> None:
        row = self.questions.currentRow()
        if row >= 0:
            self.questions.takeItem(row)

    def earlier_appeal_id(self) -> int | None:
        number = self.earlier.text().strip()
        if self.outcome() != "refused_answered" or not number:
            return None
        return self.desk.appeals.by_number(number).id  # NotFoundError: «Обращение № … не найдено»

    def card_input(self) -> CardInput:
        return CardInput(
            summary=self.summary.toPlainText(),
            questions=tuple(CardQuestionInput(c) for c in self.codes()),
            outcome=self.outcome(),
            booking_id=self.booking.id if self.booking is not None else (self.card.booking_id if self.card else None),
            applicant_id=self.applicant.applicant_id,
            applicant=self.applicant.applicant_input(),
            visited_at=time_of(self.visited),
            identity_document=self.document.text(),
            social_category=self.social.text(),
            oral_consent=self.consent.isChecked(),
            answer_text=self.answer.toPlainText(),
            referred_to=self.referred.text(),
            appeal_kind=self.appeal_kind.value() or "statement",
            official_id=self.official.value(),
            video_body=self.video_body.text(),
            video_consent=self.video_consent.isChecked(),
            invited_on=self.invited_on.date(),
            earlier_appeal_id=self.earlier_appeal_id(),
        )

    def save(self) -> None:
        try:
            self.card = self.desk.reception.save_card(self.day.entry.key, self.card_input(),
                                                      self.card.id if self.card else None)
        except DomainError as exc:
            show_banner(self.error, str(exc))
            return
        self.saved.emit(self.card)
        self.accept()
