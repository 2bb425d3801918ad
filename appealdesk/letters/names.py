"""Russian names in a letter: the addressee in the dative («Фёдорову И.И.»), the applicant in the genitive
(«обращение Фёдорова Ивана Ильича»), the greeting («Уважаемый Иван Ильич!») and the signature's
«И.О. Фамилия». Declension and the gender come from pytrovich (the petrovich rules); a name it does not
know is left as it is."""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True)
class FullName:
    last: str = ""
    first: str = ""
    middle: str = ""

    @classmethod
    def parse(cls, text: str) -> FullName:
        """«Фамилия Имя Отчество» as typed in one field (an official, the head)."""
        parts = (text or "").split()
        if not parts:
            return cls()
        if len(parts) == 1:
            return cls(parts[0])
        return cls(parts[0], parts[1], " ".join(parts[2:]))

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.last, self.first, self.middle) if p)

    def initials(self) -> str:
        return "".join(f"{p[0]}." for p in (self.first, self.middle) if p)


@functools.lru_cache(maxsize=1)
def _tools():
    from pytrovich.detector import PetrovichGenderDetector
    from pytrovich.maker import PetrovichDeclinationMaker

    return PetrovichDeclinationMaker(), PetrovichGenderDetector()


def gender(name: FullName) -> str:
    """"male", "female" or "" (not known)."""
    if not name.first and not name.middle:
        return ""
    from pytrovich.enums import Gender

    _maker, detector = _tools()
    try:
        g = detector.detect(firstname=name.first or None, middlename=name.middle or None)
    except Exception:  # a name the rules cannot read
        return ""
    return {Gender.MALE: "male", Gender.FEMALE: "female"}.get(g, "")


def _decline(name: FullName, case_name: str) -> FullName:
    from pytrovich.enums import Case, Gender, NamePart

    g = gender(name)
    if not g:
        return name
    maker, _ = _tools()
    case = getattr(Case, case_name)
    sex = Gender.MALE if g == "male" else Gender.FEMALE

    def one(part, value: str) -> str:
        if not value:
            return value
        try:
            # a double surname: each part declined («Петров-Водкин» → «Петрову-Водкину»)
            return "-".join(maker.make(part, sex, case, piece) for piece in value.split("-"))
        except Exception:
            return value

    return FullName(one(NamePart.LASTNAME, name.last), one(NamePart.FIRSTNAME, name.first),
                    one(NamePart.MIDDLENAME, name.middle))


def dative(name: FullName) -> FullName:
    return _decline(name, "DATIVE")


def genitive(name: FullName) -> FullName:
    return _decline(name, "GENITIVE")


def short_dative(name: FullName) -> str:
    """«Фёдорову И.И.» (the addressee of a letter to a citizen)."""
    d = dative(name)
    return f"{d.last} {d.initials()}".strip()


def greeting(name: FullName) -> str:
    """«Уважаемый Иван Ильич!»; without a first name: «Уважаемый(ая) Фёдоров!»-free form
    «Уважаемый заявитель!»."""
    g = gender(name)
    word = {"male": "Уважаемый", "female": "Уважаемая"}.get(g, "Уважаемый(ая)")
    call = " ".join(p for p in (name.first, name.middle) if p)
    if not call:
        return "Уважаемый заявитель!" if not g else f"{word} {name.last}!".replace("  ", " ")
    return f"{word} {call}!"


def signature_name(text: str) -> str:
    """«Иванов Иван Иванович» → «И.И. Иванов» (ГОСТ Р 7.0.97: initials before the surname)."""
    n = FullName.parse(text)
    if not n.first:
        return n.last
    return f"{n.initials()} {n.last}"
