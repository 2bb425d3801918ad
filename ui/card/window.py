"""The appeal card: registration and editing of one appeal, in one window.

Ctrl+S saves (register or update, then the answer if one was typed), Ctrl+P prints, Esc closes and asks
about unsaved changes. A failed save keeps everything typed and marks every bad field with its message.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import ops
from ..errors import show_error
from ..i18n import fmt_date
from ..widgets.validation import INVALID_STYLE, FieldErrors
from .attachments import AttachmentsTab
from .history import HistoryTab
from .progress import ProgressTab
from .questions import QuestionRow
from .registration import RegistrationTab
from .resolution import ResolutionTab

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

BAD_DATE = "Неверная дата: введите ДД.ММ.ГГГГ"


class CardTabs(QTabWidget):
    """The card's tabs; a form tab sits in a scroll area, but is set and read as the form itself."""

    def add_scrolling(self, widget: QWidget, title: str) -> None:
        scroll = QScrollArea()
        scroll.setObjectName("card-page")
        scroll.setWidgetResizable(True)
        scroll.setWidget(widget)
        self.addTab(scroll, title)

    def setCurrentWidget(self, widget: QWidget) -> None:
        for i in range(self.count()):
            page = self.widget(i)
            if page is widget or (isinstance(page, QScrollArea) and page.widget() is widget):
                self.setCurrentIndex(i)
                return

    def currentWidget(self) -> QWidget:
        page = super().currentWidget()
        return page.widget() if isinstance(page, QScrollArea) and page.objectName() == "card-page" else page


class AppealCardWindow(QWidget):
    saved = Signal(int)
    registered = Signal(int)
    closed = Signal()
    new_requested = Signal()  # «Сохранить и новое»: saved, the next new card wanted

    def __init__(self, desk: AppealDesk, appeal_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(INVALID_STYLE)
        self.desk = desk
        self.card = None
        self._loading = False
        self.dirty_reg = False
        self.dirty_answer = False
        self.errors = FieldErrors()
        self.resize(1150, 880)  # as much as the screen allows (ui.screen_fit)

        self.title = QLabel()
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.25)
        f.setBold(True)
        self.title.setFont(f)
        self.banner = QLabel()
        self.banner.setProperty("role", "banner-error")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.errors.banner = self.banner  # hidden once every marked field is fixed
        self.closed_box = QWidget()
        cl = QHBoxLayout(self.closed_box)
        cl.setContentsMargins(0, 0, 0, 0)
        self.closed_text = QLabel()
        self.closed_text.setProperty("role", "banner-info")
        self.reopen_button = QPushButton("Возобновить рассмотрение…")
        self.reopen_button.clicked.connect(self.reopen)
        cl.addWidget(self.closed_text, 1)
        cl.addWidget(self.reopen_button)
        self.closed_box.hide()
        # what the law asks the clerk to look at on this appeal (the service's warnings)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("background: #fff4ce; color: #5c4400; border: 1px solid #e8d28a; padding: 4px;")
        self.warnings.hide()

        self.tabs = CardTabs()
        self.registration = RegistrationTab(desk)
        self.resolution = ResolutionTab(desk)
        self.progress = ProgressTab(desk, self.registration.questions.model)
        self.attachments = AttachmentsTab(desk)
        self.history = HistoryTab(desk)
        # the form tabs scroll inside the window: the card fits a 1366×768 screen with its buttons shown
        self.tabs.add_scrolling(self.registration, "&1 Регистрация")
        self.tabs.add_scrolling(self.resolution, "&2 Резолюция и контроль")
        self.tabs.add_scrolling(self.progress, "&3 Сроки и ответ")
        self.tabs.addTab(self.attachments, "&4 Вложения")
        self.tabs.addTab(self.history, "&5 История")

        self.save_button = QPushButton("Сохранить (Ctrl+S)")
        self.save_new_button = QPushButton("Сохранить и новое (Ctrl+Shift+S)")
        self.save_new_button.setToolTip("Сохранить обращение и сразу открыть чистую карточку для следующего")
        self.save_new_button.clicked.connect(self.save_and_new)
        self._opened_new = appeal_id is None
        self.save_new_button.setVisible(appeal_id is None)  # on the new-appeal card
        self.print_button = QPushButton("Печать… (Ctrl+P)")
        self.pdf_button = QPushButton("Сохранить в PDF…")
        self.letter_button = QPushButton("Письмо… (Ctrl+L)")
        self.letter_button.setToolTip("Ответ, уведомление, сопроводительное письмо из шаблона: с исходящим номером, "
                                      "во вложения обращения")
        self.close_button = QPushButton("Закрыть (Esc)")
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_preview)
        self.pdf_button.clicked.connect(self.ask_pdf)
        self.letter_button.clicked.connect(self.letter)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.save_new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.letter_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.close_button)

        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.banner)
        lay.addWidget(self.closed_box)
        lay.addWidget(self.warnings)
        lay.addWidget(self.tabs, 1)
        lay.addLayout(buttons)

        for key, slot in (("Ctrl+S", self.save), ("Ctrl+Shift+S", self.save_and_new), ("Ctrl+P", self.print_preview),
                          ("Ctrl+L", self.letter), ("Esc", self.escape)):
            sc = QShortcut(QKeySequence(key), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(slot)

        self.registration.bind_errors(self.errors)
        self.resolution.bind_errors(self.errors)
        self.progress.bind_errors(self.errors)
        self.registration.changed.connect(lambda: self._mark("reg"))
        self.resolution.changed.connect(lambda: self._mark("reg"))
        self.progress.answer_changed.connect(lambda: self._mark("answer"))
        self.progress.extend_requested.connect(self.extend)
        self.progress.forward_requested.connect(self.forward)
        self.progress.notice_requested.connect(self.record_notice)
        self.progress.interim_requested.connect(self.interim_answer)
        self.progress.documents_requested.connect(self.request_documents)
        self.registration.applicant.picked.connect(lambda _i: self.suggest_repeated())
        self.registration.questions.changed.connect(self.suggest_repeated)
        self.registration.repeated_button.clicked.connect(self._accept_repeated)
        self._suggested = None
        chain = self.registration.tab_chain()
        for a, b in pairwise(chain):
            QWidget.setTabOrder(a, b)

        if appeal_id is None:
            self.load(None)
        else:
            self.load(desk.appeals.get(appeal_id))

    # -- loading ---------------------------------------------------------------------------------
    def load(self, card) -> None:
        self._loading = True
        try:
            self.card = card
            reg = self.registration
            if card is None:
                reg.receipt.load_new(self.desk.today())
                reg.applicant.load(None)
                reg.summary.setPlainText("")
                reg.questions.set_rows([])
                reg.executor.set_value(None)
            else:
                reg.receipt.load(card)
                reg.applicant.current_appeal_id = card.id
                reg.applicant.load(card.applicant)
                reg.summary.setPlainText(card.summary)
                reg.questions.set_rows([
                    QuestionRow(code=q.code, name=q.name, executor_id=q.executor_id, result=q.result, note=q.note,
                                id=q.id)
                    for q in card.questions
                ])
                reg.executor.set_value(card.executor_id)
            self.resolution.load(card)
            self.progress.load(card)
            self.attachments.load(card.id if card else None)
            self.history.load(card.id if card else None)
            from .access import restrict

            restrict(self)  # what this person may change (inside the load: nothing is "changed" by it)
        finally:
            self._loading = False
        self.dirty_reg = self.dirty_answer = False
        self.errors.clear()
        self._clear_tab_marks()
        self.banner.hide()
        reg.repeated_box.hide()
        self._update_title()
        saved = card is not None
        self.print_button.setEnabled(saved)
        self.pdf_button.setEnabled(saved)
        warnings = card.warnings if card is not None else ()
        self.warnings.setText("\n".join(f"• {w}" for w in warnings))
        self.warnings.setVisible(bool(warnings))
        from appealdesk.domain.roles import Permission

        self.letter_button.setEnabled(saved and self.desk.can(Permission.LETTER))
        if card is not None and card.status == "closed":
            self.closed_text.setText(f"Обращение закрыто {fmt_date(card.closed_on)}. Изменения записываются в историю.")
            self.closed_box.show()
        else:
            self.closed_box.hide()
        self._update_title()
        if card is None:
            self.tabs.setCurrentIndex(0)
            reg.applicant.last_name.setFocus()

    def _update_title(self) -> None:
        c = self.card
        if c is None:
            text = "Новое обращение"
        else:
            text = f"Обращение № {c.reg_number} от {fmt_date(c.registered_on)}"
        self.title.setText(text)
        star = " *" if self.is_dirty() else ""
        if getattr(self, "read_only", False):
            text += " (только просмотр)"
            self.title.setText(text)
        self.setWindowTitle(f"{text}{star} — AppealDesk")

    def _mark(self, part: str) -> None:
        if self._loading:
            return
        from .access import may_edit

        if part == "answer" or not may_edit(self.desk, self.card):  # an executor's results: the answer
            self.dirty_answer = True
        else:
            self.dirty_reg = True
        self._update_title()

    def is_dirty(self) -> bool:
        return self.dirty_reg or self.dirty_answer

    # -- collecting ------------------------------------------------------------------------------
    def appeal_input(self):
        from appealdesk.services.values import AppealInput, QuestionInput

        reg, res = self.registration, self.resolution
        r = reg.receipt
        collective = r.is_collective.isChecked()
        repeated = res.is_repeated.isChecked()
        return AppealInput(
            form=r.form.value(),
            kind=r.kind.value(),
            summary=reg.summary.toPlainText(),
            questions=tuple(
                QuestionInput(code=q.code, executor_id=q.executor_id, result=q.result, note=q.note, id=q.id)
                for q in reg.questions.rows()
            ),
            source=r.source.value() or "direct",
            registered_on=r.registered_on.date(),
            received_on=r.received_on.date(),
            cover_letter=r.cover_letter.text().strip() or None,
            complaint_about=(r.complaint_about.text().strip() or None) if r.kind.value() == "complaint" else None,
            applicant=reg.applicant.applicant_input(),
            applicant_id=reg.applicant.applicant_id,
            is_collective=collective,
            signatures=(r.signatures.value() or None) if collective else None,
            settlement_id=reg.applicant.settlement_id(),
            resolution=res.resolution.toPlainText().strip() or None,
            resolution_by_id=res.resolution_by.value(),
            resolution_on=res.resolution_on.date(),
            executor_id=reg.executor.value(),
            on_control=res.on_control.isChecked(),
            commission=res.commission.isChecked(),
            on_site=res.on_site.isChecked(),
            with_author=res.with_author.isChecked(),
            is_repeated=repeated,
            previous_appeal_id=res.previous_appeal_id if repeated else None,
            previous_number=(res.previous_number.text().strip() or None) if repeated else None,
            reg_number=r.reg_number.text().strip() or None,
            channel=r.channel.value() if r.form.value() == "electronic" else None,
            crime_report=r.crime_report.isChecked(),
        )

    def answer_input(self, card):
        from appealdesk.services.values import AnswerInput

        p = self.progress
        rows = self.registration.questions.rows()
        results = {q.id: row.result for q, row in zip(card.questions, rows, strict=False)}
        return AnswerInput(
            answer_on=p.answer_on.date(),
            results=results,
            answer_number=p.answer_number.text().strip() or None,
            method=p.method.value(),
            text=p.answer_text.toPlainText().strip() or None,
            satisfaction=p.satisfaction.value(),
            no_answer_ground=p.ground.value(),
            close=p.close_check.isChecked(),
            decision_by_id=p.decision_by.value() if p.ground.value() == "correspondence_terminated" else None,
            decision_on=p.decision_on.date() if p.ground.value() == "correspondence_terminated" else None,
            published_url=p.published_url.text().strip() or None if p.ground.value() == "published_on_site" else None,
            call_on=p.call_on.date(),
            call_note=p.call_note.text().strip() or None,
        )

    def precheck(self) -> list:
        """What the service cannot see: dates typed half-way."""
        from appealdesk.errors import FieldError

        out = []
        r = self.registration.receipt
        for field, w in (("received_on", r.received_on), ("resolution_on", self.resolution.resolution_on),
                         ("answer_on", self.progress.answer_on)):
            if not w.is_valid():
                out.append(FieldError(field, BAD_DATE))
        if r.registered_on.is_empty():
            out.append(FieldError("registered_on", "Укажите дату регистрации"))
        elif not r.registered_on.is_valid():
            out.append(FieldError("registered_on", BAD_DATE))
        from .access import may_edit

        typed = self._answer_typed() or not may_edit(self.desk, self.card)  # an executor's results are an answer
        if self.dirty_answer and self.progress.answer_on.is_empty() and typed:
            out.append(FieldError("answer_on", "Укажите дату ответа"))
        return out

    def _answer_typed(self) -> bool:
        p = self.progress
        return bool(p.answer_number.text().strip() or p.method.value() or p.satisfaction.value() or p.ground.value()
                    or p.answer_text.toPlainText().strip())

    def escape(self) -> None:
        """Esc closes what is open on top first (a list of suggestions, a drop-down), then the card."""
        from PySide6.QtWidgets import QApplication

        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
            return
        self.close()

    # -- saving ----------------------------------------------------------------------------------
    def save_and_new(self) -> bool:
        """Save, then the next new card (the main window opens it where this one was)."""
        if not self._opened_new:  # an existing appeal's card: Ctrl+Shift+S just saves
            return self.save()
        if not self.save():
            return False
        self.new_requested.emit()
        self.close()
        return True

    def save(self) -> bool:
        from appealdesk.errors import DomainError, ValidationError

        self.banner.hide()
        self._clear_tab_marks()
        pre = self.precheck()
        if pre:
            self._show_errors(pre)
            return False
        desk = self.desk
        card = self.card
        try:
            if card is None:
                card = desk.appeals.register(self.appeal_input())
                self.card = card
                self.dirty_reg = False
                self.registered.emit(card.id)
            elif self.dirty_reg:
                card = desk.appeals.update(card.id, self.appeal_input(), expected_version=card.version)
                self.card = card
                self.dirty_reg = False
            if self.dirty_answer and self.progress.has_answer():
                card = desk.appeals.answer(card.id, self.answer_input(card))
                self.card = card
            self.dirty_answer = False
        except ValidationError as exc:
            self._show_errors(exc.errors)
            return False
        except DomainError as exc:
            self.errors.clear()
            self.banner.setText(f"Не сохранено. {exc}")
            self.banner.show()
            self._update_title()
            return False
        self.load(card)
        self.saved.emit(card.id)
        ops.changed(ops.APPEALS)
        return True

    def _show_errors(self, errors) -> None:
        errors = tuple(errors)
        first, rest = self.errors.show(errors)
        text = "Не сохранено: исправьте отмеченные поля." if first is not None else "Не сохранено."
        placed = [e.message for e in errors if e.message not in rest]
        if placed and len(placed) <= 4:
            text += " " + " ".join(m if m.endswith(".") else m + "." for m in dict.fromkeys(placed))
        if rest:
            text += "\n" + "\n".join(rest)
        self.banner.setText(text)
        self.banner.show()
        self._mark_tabs()
        if first is not None:
            self._reveal(first)
        self._update_title()

    def _reveal(self, widget: QWidget) -> None:
        for i in range(self.tabs.count()):
            if self.tabs.widget(i).isAncestorOf(widget):
                self.tabs.setCurrentIndex(i)
                break
        widget.setFocus()

    def _mark_tabs(self) -> None:
        bar = self.tabs.tabBar()
        for i in range(self.tabs.count()):
            page = self.tabs.widget(i)
            bad = any(page.isAncestorOf(w) for w in self.errors._marked)
            bar.setTabTextColor(i, QColor("#b3261e") if bad else QColor())

    def _clear_tab_marks(self) -> None:
        bar = self.tabs.tabBar()
        for i in range(self.tabs.count()):
            bar.setTabTextColor(i, QColor())

    # -- repeated --------------------------------------------------------------------------------
    def suggest_repeated(self) -> None:
        reg = self.registration
        aid = reg.applicant.applicant_id
        codes = reg.questions.model.codes()
        if aid is None or not codes or self.resolution.is_repeated.isChecked():
            reg.repeated_box.hide()
            return
        found = self.desk.applicants.suggest_repeated(
            aid, codes, before=reg.receipt.registered_on.date(), exclude_id=self.card.id if self.card else None
        )
        if not found:
            reg.repeated_box.hide()
            return
        b = found[0]
        self._suggested = b
        reg.repeated_text.setText(
            f"Возможно, повторное: у заявителя есть обращение № {b.reg_number} от {fmt_date(b.registered_on)} "
            f"по той же теме — «{b.summary[:90]}»."
        )
        reg.repeated_box.show()

    def _accept_repeated(self) -> None:
        b = self._suggested
        if b is None:
            return
        self.resolution.mark_repeated(b.id, b.reg_number)
        self.registration.repeated_box.hide()

    # -- workflow dialogs ------------------------------------------------------------------------
    def _saved_first(self) -> bool:
        if self.card is None or self.is_dirty():
            return self.save()
        return True

    def extend(self) -> None:
        if not self._saved_first():
            return
        from ..dialogs.extension import ExtensionDialog

        dlg = ExtensionDialog(self.desk, self.card, self)
        dlg.done.connect(self._workflow_done)
        dlg.open()
        self._dialog = dlg

    def interim_answer(self) -> None:
        if not self._saved_first():
            return
        from ..dialogs.answers import InterimAnswerDialog

        dlg = InterimAnswerDialog(self.desk, self.card, self)
        dlg.done.connect(self._workflow_done)
        dlg.open()
        self._dialog = dlg

    def request_documents(self) -> None:
        if not self._saved_first():
            return
        from ..dialogs.answers import DocumentRequestDialog

        dlg = DocumentRequestDialog(self.desk, self.card, self)
        dlg.done.connect(lambda _r: self._workflow_done(self.desk.appeals.get(self.card.id)))
        dlg.open()
        self._dialog = dlg

    def forward(self) -> None:
        if not self._saved_first():
            return
        from ..dialogs.forwarding import ForwardingDialog

        dlg = ForwardingDialog(self.desk, self.card, self)
        dlg.done.connect(self._workflow_done)
        dlg.open()
        self._dialog = dlg

    def record_notice(self, what: str) -> None:
        """The applicant was notified of the extension or of a forwarding: record the date."""
        if self.card is None:
            return
        from ..dialogs.notice import NoticeDialog

        pending = [fw for fw in self.card.forwardings if fw.notice_on is None]
        dlg = NoticeDialog(self.desk, self.card.id, self.card.reg_number, what, pending, self)
        dlg.done.connect(self._workflow_done)
        dlg.open()
        self._dialog = dlg

    def letter(self, kind: str | None = None):
        """«Письмо…»: a letter of this appeal from the office's template."""
        from appealdesk.domain.roles import Permission

        if not self.desk.can(Permission.LETTER) or not self._saved_first():
            return None
        from ..dialogs.letter import LetterDialog

        dlg = LetterDialog(self.desk, self.card, self, kind=kind)
        dlg.done.connect(self._letter_done)
        dlg.open()
        self._dialog = dlg
        return dlg

    def _letter_done(self, card) -> None:
        self.load(card)
        self.saved.emit(card.id)

    def _workflow_done(self, card) -> None:
        self.load(card)
        self.tabs.setCurrentWidget(self.progress)
        self.saved.emit(card.id)

    def reopen(self) -> None:
        if self.card is None:
            return
        reason, ok = QInputDialog.getText(self, "Возобновление рассмотрения", "Причина возобновления:")
        if not ok:
            return
        try:
            card = self.desk.appeals.reopen(self.card.id, reason)
        except Exception as exc:
            show_error(self, str(exc))
            return
        self.load(card)
        self.saved.emit(card.id)
        ops.changed(ops.APPEALS)

    # -- printing --------------------------------------------------------------------------------
    def print_preview(self):
        if not self._saved_first():
            return None
        from .printing import print_preview

        self.preview_dialog = print_preview(self.desk, self.card, self)
        return self.preview_dialog

    def ask_pdf(self) -> None:
        if not self._saved_first():
            return
        from .. import files
        from .printing import file_name

        path = files.save_file(self, files.PDF, "Сохранить карточку в PDF", file_name(self.card), files.PDF_FILTER)
        if path:
            self.save_pdf(path)

    def save_pdf(self, path: str) -> bool:
        from appealdesk.errors import DomainError

        from ..print_preview import remember_folder
        from .printing import save_pdf

        try:
            save_pdf(self.desk, self.card, path)
        except DomainError as exc:
            show_error(self, str(exc))
            return False
        from pathlib import Path

        remember_folder(Path(path))
        return True

    # -- closing ---------------------------------------------------------------------------------
    def ask_unsaved(self) -> str:
        """'save', 'discard' or 'cancel'."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Несохранённые изменения")
        box.setText("В карточке есть несохранённые изменения. Сохранить их?")
        save = box.addButton("Сохранить", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Не сохранять", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("Отмена", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "discard" if clicked is discard else "cancel"

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_dirty():
            answer = self.ask_unsaved()
            if answer == "cancel" or (answer == "save" and not self.save()):
                event.ignore()
                return
        event.accept()
        self.closed.emit()
