"""«Письмо…»: a letter of the appeal from the office's template. The kinds the appeal's state calls for come
first; the form asks only what the chosen kind needs; «Просмотр» shows the pages as they will print,
«Сохранить» numbers the letter from the outgoing series, attaches it to the appeal, records the notice date
and opens the Word document. A term that has passed, an appeal without an address and a missing signatory
are said here, before anything is made."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..i18n import fmt_date
from ..widgets.combos import ValueCombo
from ..widgets.date_field import DateField
from ..widgets.validation import INVALID_STYLE, FieldErrors, with_error

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

FOLDER_PREF = "letters_folder"


def letters_folder() -> Path:
    """Where this workstation writes the letters it opens in Word: chosen once, else Documents/Письма."""
    from PySide6.QtCore import QStandardPaths

    from .. import prefs

    chosen = prefs.get(FOLDER_PREF)
    if chosen and Path(chosen).is_dir():
        return Path(chosen)
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    return Path(docs) / "Письма AppealDesk"


class LetterDialog(QDialog):
    done = Signal(object)  # the AppealCard after the letter was saved
    saved_letter = Signal(object)  # SavedLetter

    def __init__(self, desk: AppealDesk, card, parent: QWidget | None = None, kind: str | None = None,
                 open_word: bool = True):
        super().__init__(parent)
        from appealdesk.letters.kinds import BY_CODE

        self.desk, self.card, self.kinds_info = desk, card, BY_CODE
        self.open_word_default = open_word
        self.saved = None
        self.setWindowTitle(f"Письмо — обращение № {card.reg_number}")
        self.setStyleSheet(INVALID_STYLE)
        self.errors = FieldErrors()
        self.choices = {c.code: c for c in desk.letters.kinds(card.id)}
        # -- the kinds
        self.kinds = QListWidget()
        self.kinds.setMinimumWidth(260)
        self.kinds.setWordWrap(True)
        self.kinds.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.kinds.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bold = QFont(self.font())
        bold.setBold(True)
        for c in self.choices.values():
            text = c.title
            if c.made:
                text += f" (уже: {c.made})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, c.code)
            if c.suggested:
                item.setFont(bold)
            if not c.available:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(f"Нельзя: {c.why_not}")
            elif c.term_on:
                item.setToolTip(f"Срок: до {fmt_date(c.term_on)}")
            self.kinds.addItem(item)
        self.kinds.currentItemChanged.connect(lambda *_: self._kind_changed())
        # -- the form
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setProperty("role", "banner-error")
        self.banner.hide()
        self.term = QLabel()
        self.term.setWordWrap(True)
        form_box = QWidget()
        self.form = QFormLayout(form_box)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.made_on = DateField(optional=False)
        self.made_on.set_date(desk.today())
        self.signatory = ValueCombo((s.key, s.label) for s in desk.letters.signatories())
        self.forwarding = ValueCombo((fw.id, f"{fmt_date(fw.forwarded_on)} → {fw.to_body}") for fw in card.forwardings)
        if card.forwardings:
            self.forwarding.set_value(card.forwardings[-1].id)
        self.final_on = DateField()
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://…")
        self.decision_on = DateField()
        self.reception_on = DateField()
        self.reception_at = QLineEdit()
        self.reception_at.setPlaceholderText("10:00")
        self.reception_place = QLineEdit()
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(110)
        self.enclosure = QLineEdit()
        self.enclosure.setPlaceholderText("по умолчанию — по виду письма; пусто — без отметки о приложении")
        self.rows: dict[str, QWidget] = {}
        for label, field, widget in (
            ("&Дата письма:", "made_on", self.made_on), ("&Подписывает:", "signatory", self.signatory),
            ("Пере&адресация:", "forwarding_id", self.forwarding),
            ("Окончательный ответ &до:", "final_on", self.final_on), ("Адрес на &сайте:", "url", self.url),
            ("Дата &решения:", "decision_on", self.decision_on), ("Дата при&ёма:", "reception_on", self.reception_on),
            ("&Время приёма:", "reception_at", self.reception_at),
            ("&Место приёма:", "reception_place", self.reception_place), ("&Текст:", "text", self.text),
            ("Прило&жение:", "enclosure", self.enclosure),
        ):
            box, err = with_error(widget)
            self.form.addRow(label, box)
            self.errors.bind(field, widget, err)
            self.rows[field] = box
        self.pdf = QCheckBox("Также PDF во вложения обращения")
        self.open_word = QCheckBox("Открыть в Word после сохранения")
        self.open_word.setChecked(open_word)
        self.folder = QLabel()
        self.folder.setWordWrap(True)
        change = QPushButton("Папка…")
        change.setAutoDefault(False)
        change.clicked.connect(self._choose_folder)
        frow = QHBoxLayout()
        frow.addWidget(self.folder, 1)
        frow.addWidget(change)
        self.form.addRow("", self.pdf)
        self.form.addRow("", self.open_word)
        self.form.addRow("Файл в папке:", frow)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_box)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.banner)
        rl.addWidget(self.term)
        rl.addWidget(scroll, 1)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        hint = QLabel("Жирным — письма, которых требует состояние обращения; серым — те, что составить нельзя "
                      "(подсказка при наведении).")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        ll.addWidget(self.kinds, 1)
        ll.addWidget(hint)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([330, 620])
        # -- the buttons
        self.buttons = QDialogButtonBox()
        self.preview_button = self.buttons.addButton("&Просмотр…", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = self.buttons.addButton("&Сохранить", QDialogButtonBox.ButtonRole.AcceptRole)
        close = self.buttons.addButton("Закрыть", QDialogButtonBox.ButtonRole.RejectRole)
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(split, 1)
        lay.addWidget(self.buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(960, screen.width() - 40) if screen else 960, min(640, screen.height() - 60) if screen else 640)
        self._show_folder()
        first = kind or next((c.code for c in self.choices.values() if c.available), None)
        for i in range(self.kinds.count()):
            if self.kinds.item(i).data(Qt.ItemDataRole.UserRole) == first:
                self.kinds.setCurrentRow(i)
                break
        else:
            self._kind_changed()

    # -- the chosen kind -------------------------------------------------------------------------
    def current_kind(self) -> str | None:
        item = self.kinds.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _kind_changed(self) -> None:
        from appealdesk.letters import kinds as K

        code = self.current_kind()
        self.errors.clear()
        self.banner.hide()
        choice = self.choices.get(code)
        k = self.kinds_info.get(code)
        enabled = bool(choice and choice.available)
        self.save_button.setEnabled(enabled)
        self.preview_button.setEnabled(enabled)
        if k is None:
            self.term.setText("Выберите вид письма.")
            return
        needs = set(k.needs)
        show = {
            "forwarding_id": K.NEEDS_FORWARDING in needs, "final_on": K.NEEDS_FINAL_DATE in needs,
            "url": K.NEEDS_URL in needs, "decision_on": K.NEEDS_DECISION in needs,
            "reception_on": K.NEEDS_RECEPTION in needs, "reception_at": K.NEEDS_RECEPTION in needs,
            "reception_place": K.NEEDS_RECEPTION in needs,
        }
        for field, visible in show.items():
            self.form.setRowVisible(self.rows[field], visible)
        self.text.setPlaceholderText(k.text_hint or "Необязательно")
        default = ""
        if k.answers:
            default = self.card.answer_text or ""
        elif code in ("extension_notice", "info_delay_notice") and self.card.extension is not None:
            default = self.card.extension.reason
        self.text.setPlainText(default)
        lines = [f"{k.title} ({k.basis})."]
        today = self.desk.today()
        if choice and choice.term_on:
            late = choice.term_on < today
            lines.append(f"Срок письма: до {fmt_date(choice.term_on)}" + (" — срок истёк; письмо будет учтено в "
                                                                          "исполнительской дисциплине как отправленное "
                                                                          "с нарушением срока." if late else "."))
        self.term.setText(" ".join(lines))
        self.term.setStyleSheet("color: #b3261e;" if choice and choice.term_on and choice.term_on < today else "")
        a = self.card.applicant
        if k.to == K.TO_APPLICANT and a is not None and not (a.address or a.email):
            self._banner("У заявителя не указан ни почтовый адрес, ни адрес электронной почты: письмо некуда "
                         "направить (ч. 1 ст. 7 59-ФЗ). Укажите адрес в карточке (вкладка «Регистрация»).")
        elif choice and not choice.available:
            self._banner(f"Это письмо сейчас составить нельзя: {choice.why_not}.")
        if not self.desk.letters.signatories():
            self._banner("Не указан подписант письма: впишите ФИО и должность главы в Настройки → Организация.")

    def _banner(self, text: str, error: bool = True) -> None:
        self.banner.setText(text)
        self.banner.setProperty("role", "banner-error" if error else "banner-info")
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.show()

    # -- the input -------------------------------------------------------------------------------
    def letter_input(self):
        from appealdesk.letters.values import LetterInput

        enclosure = self.enclosure.text().strip()
        return LetterInput(
            kind=self.current_kind(), made_on=self.made_on.date(), text=self.text.toPlainText(),
            forwarding_id=self.forwarding.value() if self.card.forwardings else None,
            final_on=self.final_on.date(), url=self.url.text().strip() or None, decision_on=self.decision_on.date(),
            reception_on=self.reception_on.date(), reception_at=self.reception_at.text().strip() or None,
            reception_place=self.reception_place.text().strip() or None,
            enclosure=enclosure if enclosure else None, signatory=self.signatory.value(),
            pdf=self.pdf.isChecked(),
        )

    def _precheck(self) -> bool:
        from appealdesk.errors import FieldError

        bad = [FieldError(f, "Неверная дата: введите ДД.ММ.ГГГГ")
               for f, w in (("made_on", self.made_on), ("final_on", self.final_on), ("decision_on", self.decision_on),
                            ("reception_on", self.reception_on)) if not w.is_valid()]
        if bad:
            self.errors.show(bad)
            return False
        return True

    def _run(self, call):
        from appealdesk.errors import DomainError, ValidationError

        self.banner.hide()
        self.errors.clear()
        if not self._precheck():
            return None
        try:
            return call()
        except ValidationError as exc:
            first, rest = self.errors.show(exc.errors)
            if rest:
                self._banner("\n".join(rest))
            if first is not None:
                first.setFocus()
        except DomainError as exc:
            self._banner(str(exc))
        return None

    # -- the actions -----------------------------------------------------------------------------
    def preview(self):
        from ..print_preview import PrintPreview

        draft = self._run(lambda: self.desk.letters.draft(self.card.id, self.letter_input()))
        if draft is None:
            return None
        if draft.warnings:
            self._banner(" ".join(draft.warnings), error=draft.late)
        pdf = self.desk.letters.docx_pdf(draft.docx, draft.title)
        self.preview_dialog = PrintPreview(f"{draft.title.lower()} (черновик: номер будет присвоен при сохранении)",
                                           pdf, draft.file_name + ".pdf", self)
        self.preview_dialog.open()
        return self.preview_dialog

    def save(self):
        folder = letters_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            from appealdesk.os_errors import os_error_text

            self._banner(f"Не удалось создать папку писем «{folder}»: {os_error_text(exc)}. Выберите другую папку.")
            return None
        data = self.letter_input()
        card = self.card

        def call():
            return self.desk.letters.save(card.id, data, out=folder)

        saved = self._run(call)
        if saved is None:
            return None
        self.saved = saved
        self.saved_letter.emit(saved)
        if self.open_word.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(saved.path)))
        self.done.emit(self.desk.appeals.get(card.id))
        self.accept()
        return saved

    def _show_folder(self) -> None:
        self.folder.setText(str(letters_folder()))

    def _choose_folder(self) -> None:
        from .. import prefs

        chosen = QFileDialog.getExistingDirectory(self, "Папка для писем", str(letters_folder()))
        if chosen:
            prefs.put(FOLDER_PREF, chosen)
            self._show_folder()

