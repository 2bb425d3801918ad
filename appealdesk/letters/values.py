"""Values of the letters: what the dialog and the command line give, what the service returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..domain.text import CleanText


@dataclass(frozen=True)
class LetterInput(CleanText):
    """A letter to make. Empty fields take the defaults of the kind (the text of the answer from the card,
    the reason of the extension, the latest forwarding, the head as the signatory)."""

    kind: str
    made_on: date | None = None  # None: today
    text: str | None = None
    forwarding_id: int | None = None
    final_on: date | None = None  # interim answer: the date of the final one
    url: str | None = None  # an answer already published: where
    decision_on: date | None = None  # end of correspondence: the head's decision
    reception_on: date | None = None  # the invitation: when and where
    reception_at: str | None = None
    reception_place: str | None = None
    enclosure: str | None = None  # «Приложение: …»; None: the kind's default
    signatory: str | None = None  # ``Signatory.key``; None: the head of the settings
    pdf: bool = False  # attach a PDF beside the DOCX


@dataclass(frozen=True)
class Signatory:
    key: str  # "head" (the settings) or "official:<id>"
    position: str
    name: str  # «Фамилия Имя Отчество»

    @property
    def label(self) -> str:
        return f"{self.position} — {self.name}" if self.position else self.name


@dataclass(frozen=True)
class Person:
    """The executor mark of a letter (отметка об исполнителе)."""

    name: str
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class KindChoice:
    """A kind the dialog offers for one appeal: whether it can be made now, and why not."""

    code: str
    title: str
    available: bool
    why_not: str = ""
    suggested: bool = False  # what the appeal's state calls for
    term_on: date | None = None
    made: int = 0  # letters of this kind the appeal already has


@dataclass(frozen=True)
class LetterDraft:
    """A letter before it is saved: the DOCX (its number still to be assigned), its term, the warnings."""

    kind: str
    title: str
    appeal_id: int
    made_on: date
    term_on: date | None
    late: bool
    warnings: tuple[str, ...]
    addressee: str
    docx: bytes
    file_name: str


@dataclass(frozen=True)
class LetterView:
    id: int
    appeal_id: int
    reg_number: str
    kind: str
    title: str
    number: str
    made_on: date
    term_on: date | None
    late: bool
    addressee: str
    signatory: str
    docx_id: int | None
    pdf_id: int | None
    made_at: datetime
    made_by: str
    file_name: str = ""


@dataclass(frozen=True)
class SavedLetter:
    letter: LetterView
    docx: bytes
    warnings: tuple[str, ...] = ()
    path: Path | None = None  # where the DOCX was written beside the database


@dataclass(frozen=True)
class TemplateInfo:
    kind: str
    title: str
    edited: bool  # the office's own template (else the program's default)
    updated_at: datetime | None
    updated_by: str
