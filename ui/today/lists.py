"""The list behind a today-panel line (and the promises list): Enter opens the card; promises can be
confirmed done from here, and missing extension and forwarding notices recorded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ..calendar.items import ItemsTable

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


class ItemsDialog(QDialog):
    open_requested = Signal(int)
    changed = Signal()

    def __init__(self, desk: AppealDesk, key: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk, self.key = desk, key
        self.setWindowTitle(title)
        self.resize(1000, 520)
        self.info = QLabel()
        self.table = ItemsTable()
        self.table.open_requested.connect(self.open_requested)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText("Закрыть")
        self.buttons.rejected.connect(self.reject)
        self.open_button = QPushButton("Открыть карточку")
        self.open_button.clicked.connect(self._open_current)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.action_button = None
        self.letter_button = None
        if key in ("promises_overdue", "promises_due", "promises"):
            self.action_button = QPushButton("Выполнено, звонок заявителю…")
            self.action_button.clicked.connect(self._confirm)
        elif key in ("extension_notice", "forwarding"):
            self.action_button = QPushButton("Записать уведомление заявителя…")
            self.action_button.clicked.connect(self._notice)
            # the notice as a letter: made, numbered, attached and recorded in one go
            self.letter_button = QPushButton("Письмо-уведомление…")
            self.letter_button.setAutoDefault(False)
            self.letter_button.clicked.connect(self._letter)
            self.buttons.addButton(self.letter_button, QDialogButtonBox.ButtonRole.ActionRole)
        elif key == "sstu":
            self.action_button = QPushButton("Выгрузка в ССТУ.РФ…")
            self.action_button.clicked.connect(self._sstu)
        elif key == "documents":
            self.action_button = QPushButton("Исполнено…")
            self.action_button.setToolTip("Документы предоставлены (или получены): дата и номер ответа")
            self.action_button.clicked.connect(self._documents_done)
            incoming = QPushButton("Запрос другого органа…")
            days = desk.settings.get().deadline_rules().document_request_days
            incoming.setToolTip(f"Записать запрос документов, поступивший из другого органа (срок — {days} дней)")
            incoming.setAutoDefault(False)
            incoming.clicked.connect(self._incoming_request)
            self.buttons.addButton(incoming, QDialogButtonBox.ButtonRole.ActionRole)
        if self.action_button is not None:
            self.action_button.setAutoDefault(False)
            self.buttons.addButton(self.action_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.table.selectionModel().currentChanged.connect(lambda *_a: self._update_action())
        lay = QVBoxLayout(self)
        lay.addWidget(self.info)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.buttons)
        self.reload()
        self.table.setFocus()

    def reload(self) -> None:
        if self.key == "promises":
            from appealdesk.control.values import ControlItem

            items = tuple(
                ControlItem(p.appeal_id, p.reg_number, p.applicant, p.executor, "promise", p.due_on, p.state, p.text,
                            "обращение закрыто" if p.appeal_closed else "обращение на рассмотрении",
                            promise_id=p.id)
                for p in self.desk.control.promises()
            )
        else:
            items = self.desk.control.today_items(self.key)
        self.table.set_items(items)
        self.info.setText(f"Всего: {len(items)}. Enter или двойной щелчок — открыть карточку обращения."
                          if items else "Список пуст.")
        self._update_action()

    def _update_action(self) -> None:
        if self.action_button is None:
            return
        item = self.table.current_item()
        if self.key in ("extension_notice", "forwarding"):
            self.action_button.setEnabled(item is not None and item.notice_missing)
            from appealdesk.domain.roles import Permission

            self.letter_button.setEnabled(item is not None and item.notice_missing
                                          and self.desk.can(Permission.LETTER))
        elif self.key == "sstu":
            from appealdesk.domain.roles import Permission

            self.action_button.setEnabled(self.desk.can(Permission.SSTU))
        else:
            self.action_button.setEnabled(item is not None)

    def _open_current(self) -> None:
        item = self.table.current_item()
        if item is not None and item.appeal_id is not None:  # another body's request has no card here
            self.open_requested.emit(item.appeal_id)

    def _confirm(self) -> None:
        item = self.table.current_item()
        if item is None or item.promise_id is None:
            return
        from .promises import ConfirmPromiseDialog

        dlg = ConfirmPromiseDialog(self.desk, self.desk.control.promise(item.promise_id), self)
        dlg.done.connect(lambda _r: (self.reload(), self.changed.emit()))
        dlg.open()
        self._dialog = dlg

    def _documents_done(self) -> None:
        item = self.table.current_item()
        if item is None or item.document_id is None:
            return
        from ..dialogs.answers import DocumentAnswerDialog

        dlg = DocumentAnswerDialog(self.desk, item.document_id, item.detail, self)
        dlg.done.connect(lambda _r: (self.reload(), self.changed.emit()))
        dlg.open()
        self._dialog = dlg

    def _incoming_request(self) -> None:
        from ..dialogs.answers import DocumentRequestDialog

        dlg = DocumentRequestDialog(self.desk, None, self)
        dlg.done.connect(lambda _r: (self.reload(), self.changed.emit()))
        dlg.open()
        self._dialog = dlg

    def _letter(self):
        item = self.table.current_item()
        if item is None:
            return None
        from ..dialogs.letter import LetterDialog

        kind = "forwarding_notice" if self.key == "forwarding" else "extension_notice"
        card = self.desk.appeals.get(item.appeal_id)
        if kind == "extension_notice" and card.kind == "info_request":
            kind = "info_delay_notice"
        dlg = LetterDialog(self.desk, card, self, kind=kind)
        if kind == "forwarding_notice" and item.forwarding_id is not None:
            dlg.forwarding.set_value(item.forwarding_id)
        dlg.done.connect(lambda _card: (self.reload(), self.changed.emit()))
        dlg.open()
        self._dialog = dlg
        return dlg

    def _sstu(self):
        from ..reports.sstu import SstuDialog

        dlg = SstuDialog(self.desk, self)
        dlg.finished.connect(lambda _r: (self.reload(), self.changed.emit()))
        dlg.open()
        self._dialog = dlg
        return dlg

    def _notice(self) -> None:
        item = self.table.current_item()
        if item is None:
            return
        from ..dialogs.notice import for_item

        dlg = for_item(self.desk, item, self)
        if dlg is None:
            return
        dlg.done.connect(lambda _card: (self.reload(), self.changed.emit()))
        dlg.open()
        self._dialog = dlg
