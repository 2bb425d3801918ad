"""Reference data through the service layer: vocabularies, the classifier, settlements, officials and the
production calendar overrides the admin edits."""

from __future__ import annotations

import csv
import threading
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import delete, false, func, select

from ..domain.names import name_key
from ..domain.roles import Permission as P
from ..domain.text import stem, words
from ..errors import DomainError, FieldError, NotFoundError, ValidationError
from ..paths import resources_dir
from ..storage.models import (
    Appeal,
    Applicant,
    CalendarOverride,
    ClassifierEntry,
    ClassifierFavourite,
    Official,
    Question,
    Settlement,
)
from . import audit, recompute
from .access import requires
from .context import ServiceContext
from .values import ClassifierItem, DeadlineShift, Label, OfficialInput, OfficialView, SettlementView


@dataclass(frozen=True)
class DatabaseSummary:
    classifier: int
    appeals: int
    applicants: int


class ReferenceService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx
        self._classifier: dict[str, ClassifierItem] | None = None
        self._search_keys: list[tuple[str, list[tuple[str, str]]]] | None = None  # (code, [(word, stem)])
        self._lock = threading.Lock()

    @requires(P.READ)
    def summary(self) -> DatabaseSummary:
        """How much the database holds: classifier entries, appeals (not deleted), applicants."""
        with self._ctx.read() as s:
            return DatabaseSummary(
                classifier=s.scalar(select(func.count()).select_from(ClassifierEntry)) or 0,
                appeals=s.scalar(select(func.count()).select_from(Appeal).where(Appeal.deleted == false())) or 0,
                applicants=s.scalar(select(func.count()).select_from(Applicant)) or 0,
            )

    # -- vocabularies ----------------------------------------------------------------------------
    @requires(P.READ)
    def vocabulary(self, group: str) -> tuple[Label, ...]:
        return tuple(Label(c, lab) for c, lab in self._ctx.vocabulary().get(group, {}).items())

    @requires(P.READ)
    def label(self, group: str, code: str | None) -> str:
        return self._ctx.label(group, code)

    # -- the classifier --------------------------------------------------------------------------
    def _load_classifier(self) -> dict[str, ClassifierItem]:
        with self._lock:
            if self._classifier is None:
                with self._ctx.read() as s:
                    rows = s.execute(
                        select(
                            ClassifierEntry.code,
                            ClassifierEntry.name,
                            ClassifierEntry.level,
                            ClassifierEntry.parent_code,
                            ClassifierEntry.section,
                            ClassifierEntry.active,
                        ).order_by(ClassifierEntry.code)
                    ).all()
                names = {r.code: r.name for r in rows}
                parents = {r.code: r.parent_code for r in rows}
                items = {}
                for r in rows:
                    chain, parent = [], r.parent_code
                    while parent:
                        chain.append(names.get(parent, parent))
                        parent = parents.get(parent)
                    items[r.code] = ClassifierItem(
                        r.code, r.name, r.level, r.parent_code, r.section, bool(r.active), " › ".join(reversed(chain))
                    )
                self._classifier = items
                self._search_keys = [
                    (c, [(w, stem(w)) for w in words(i.name)]) for c, i in items.items()
                ]
            return self._classifier

    @requires(P.READ)
    def classifier_item(self, code: str) -> ClassifierItem | None:
        return self._load_classifier().get(code)

    @requires(P.READ)
    def classifier_children(self, parent_code: str | None) -> tuple[ClassifierItem, ...]:
        items = self._load_classifier()
        return tuple(i for i in items.values() if i.parent_code == (parent_code or None) and i.active)

    @requires(P.READ)
    def classifier_search(
        self, query: str, limit: int = 50, levels: tuple[int, ...] = (4, 5)
    ) -> tuple[ClassifierItem, ...]:
        """Entries whose code starts with ``query``, or whose name has, for every word typed, a word starting
        with it or with its stem (``дороги`` finds «дорог», ``площадка`` finds «площадок»). Everyday words
        are widened by ``classifier_synonyms.csv`` (``отопление`` also looks for «теплоснабжение»)."""
        items = self._load_classifier()
        q = query.strip()
        if not q:
            return ()
        if q[0].isdigit():
            found = [i for c, i in items.items() if c.startswith(q) and i.level in levels and i.active]
            return tuple(found[:limit])
        alternatives = [self._alternatives(w) for w in words(q)]
        scored = []
        for code, name_words in self._search_keys or []:
            item = items[code]
            if item.level not in levels or not item.active:
                continue
            if all(any(_word_match(p, name_words) for p in alts) for alts in alternatives):
                # the words as typed before synonyms; then whole-stem hits; then shorter names first
                # ("Уличное освещение" before a long sentence that mentions it)
                typed = sum(_word_match(alts[0], name_words) for alts in alternatives)
                exact = sum(any(s == alts[0][1] for _w, s in name_words) for alts in alternatives)
                scored.append((-typed, -exact, len(item.name), code))
        scored.sort()
        return tuple(items[row[-1]] for row in scored[:limit])

    def _alternatives(self, word: str) -> list[tuple[str, str]]:
        """(folded word, stem) pairs a typed word stands for: itself and its synonyms."""
        out = [(word, stem(word))]
        for extra in _synonyms().get(stem(word), ()):
            out.append((extra, stem(extra)))
        return out

    @requires(P.READ)
    def favourites(self) -> tuple[ClassifierItem, ...]:
        """The office's favourites: those pinned, then the codes used most, up to 30."""
        items = self._load_classifier()
        with self._ctx.read() as s:
            pinned = [c for (c,) in s.execute(select(ClassifierFavourite.code).order_by(ClassifierFavourite.position))]
            used = [
                c
                for (c, _n) in s.execute(
                    select(Question.classifier_code, func.count())
                    .group_by(Question.classifier_code)
                    .order_by(func.count().desc())
                    .limit(30)
                )
            ]
        out, seen = [], set()
        for c in pinned + used:
            if c in items and c not in seen:
                seen.add(c)
                out.append(items[c])
        return tuple(out[:30])

    @requires(P.FAVOURITES)
    def pin_favourite(self, code: str, pinned: bool = True) -> None:
        if code not in self._load_classifier():
            raise NotFoundError(f"Код классификатора «{code}» не найден")
        with self._ctx.uow() as s:
            row = s.get(ClassifierFavourite, code)
            if pinned and row is None:
                top = s.scalar(select(func.max(ClassifierFavourite.position))) or 0
                s.add(ClassifierFavourite(code=code, position=top + 1))
            elif not pinned and row is not None:
                s.delete(row)

    @requires(P.READ)
    def forget_classifier_cache(self) -> None:
        with self._lock:
            self._classifier = None
            self._search_keys = None
        self._ctx.invalidate()

    # -- settlements -----------------------------------------------------------------------------
    @requires(P.READ)
    def settlements(self, include_inactive: bool = False) -> tuple[SettlementView, ...]:
        with self._ctx.read() as s:
            stmt = select(Settlement).order_by(Settlement.name)
            if not include_inactive:
                stmt = stmt.where(Settlement.active.is_(True))
            return tuple(SettlementView(r.id, r.name, r.active) for r in s.scalars(stmt))

    @requires(P.SETTINGS)
    def add_settlement(self, name: str) -> SettlementView:
        clean = " ".join(name.split())
        if not clean:
            raise ValidationError([FieldError("name", "Укажите название населённого пункта")])
        with self._ctx.uow() as s:
            existing = s.scalar(select(Settlement).where(Settlement.name_key == name_key(clean)))
            if existing is not None:
                existing.active = True
                return SettlementView(existing.id, existing.name, True)
            row = Settlement(name=clean, name_key=name_key(clean), active=True)
            s.add(row)
            s.flush()
            audit.record(s, self._ctx, "settlement", row.id, "register", [("name", None, clean)])
            return SettlementView(row.id, row.name, True)

    @requires(P.SETTINGS)
    def rename_settlement(self, settlement_id: int, name: str, active: bool = True) -> SettlementView:
        clean = " ".join(name.split())
        if not clean:
            raise ValidationError([FieldError("name", "Укажите название населённого пункта")])
        with self._ctx.uow() as s:
            row = s.get(Settlement, settlement_id)
            if row is None:
                raise NotFoundError("Населённый пункт не найден")
            changes = audit.diff({"name": row.name, "active": row.active}, {"name": clean, "active": active})
            row.name, row.name_key, row.active = clean, name_key(clean), active
            audit.record(s, self._ctx, "settlement", row.id, "update", changes)
            return SettlementView(row.id, row.name, row.active)

    # -- officials and executors -----------------------------------------------------------------
    @requires(P.READ)
    def officials(self, executors_only: bool = False, include_inactive: bool = False) -> tuple[OfficialView, ...]:
        with self._ctx.read() as s:
            stmt = select(Official).order_by(Official.is_head.desc(), Official.full_name)
            if executors_only:
                stmt = stmt.where(Official.is_executor.is_(True))
            if not include_inactive:
                stmt = stmt.where(Official.active.is_(True))
            return tuple(_official_view(r) for r in s.scalars(stmt))

    @requires(P.SETTINGS)
    def save_official(self, data: OfficialInput, official_id: int | None = None) -> OfficialView:
        name = " ".join(data.full_name.split())
        if not name:
            raise ValidationError([FieldError("full_name", "Укажите фамилию, имя и отчество")])
        with self._ctx.uow() as s:
            if official_id is None:
                row = Official(full_name=name, name_key=name_key(name))
                s.add(row)
                before = {}
            else:
                row = s.get(Official, official_id)
                if row is None:
                    raise NotFoundError("Должностное лицо не найдено")
                before = _official_dict(row)
            row.full_name, row.name_key = name, name_key(name)
            row.position, row.department = data.position, data.department
            row.phone, row.email = data.phone, data.email
            row.is_executor, row.is_head, row.active = data.is_executor, data.is_head, data.active
            s.flush()
            audit.record(
                s, self._ctx, "official", row.id, "update" if before else "register",
                audit.diff(before, _official_dict(row)),
            )
            return _official_view(row)

    # -- production calendar overrides -----------------------------------------------------------
    @requires(P.READ)
    def calendar_overrides(self, year: int | None = None) -> tuple[tuple[date, bool, str | None, str], ...]:
        with self._ctx.read() as s:
            stmt = select(CalendarOverride).order_by(CalendarOverride.day)
            if year is not None:
                stmt = stmt.where(CalendarOverride.day.between(date(year, 1, 1), date(year, 12, 31)))
            return tuple((r.day, r.is_working, r.note, r.source) for r in s.scalars(stmt))

    @requires(P.CALENDAR)
    def set_calendar_override(self, day: date, is_working: bool, note: str | None = None,
                              confirmed: DeadlineShift | None = None) -> DeadlineShift:
        """Add or change a transferred day off / working Saturday (next year's decree). The deadlines of the
        appeals on consideration it moves are recomputed in the same transaction; when there are any, the
        change is made only with their list confirmed (``calendar.preview_override`` gives it; otherwise
        ``DeadlinesWouldMove`` carries it). Returns what moved."""
        ctx = self._ctx
        with ctx.uow() as s:
            rules = ctx.settings().deadline_rules()
            before = recompute.read_overrides(s)
            after = {**before, day: bool(is_working)}
            shift = recompute.plan(s, recompute.engine_of(before, rules), recompute.engine_of(after, rules),
                                   recompute.override_text(day, is_working, note))
            recompute.confirm(shift, confirmed)
            row = s.get(CalendarOverride, day)
            old = None if row is None else ("рабочий" if row.is_working else "выходной")
            if row is None:
                s.add(CalendarOverride(day=day, is_working=is_working, note=note, source="admin"))
            else:
                row.is_working, row.note, row.source = is_working, note, "admin"
            s.flush()
            audit.record(
                s, ctx, "calendar", None, "update",
                [(day.strftime("%d.%m.%Y"), old, "рабочий" if is_working else "выходной"),
                 ("recompute", None, f"сроки пересчитаны: {len(shift.moves)}")],
            )
            recompute.apply(s, ctx, shift)
        ctx.invalidate()
        return shift

    @requires(P.CALENDAR)
    def remove_calendar_override(self, day: date, confirmed: DeadlineShift | None = None) -> DeadlineShift:
        """Remove an override; the deadlines it moves back are recomputed as ``set_calendar_override`` does."""
        ctx = self._ctx
        with ctx.uow() as s:
            rules = ctx.settings().deadline_rules()
            before = recompute.read_overrides(s)
            if day not in before:
                raise DomainError(f"Для {day:%d.%m.%Y} особых отметок нет")
            after = {d: w for d, w in before.items() if d != day}
            shift = recompute.plan(s, recompute.engine_of(before, rules), recompute.engine_of(after, rules),
                                   recompute.override_text(day, None))
            recompute.confirm(shift, confirmed)
            s.execute(delete(CalendarOverride).where(CalendarOverride.day == day))
            audit.record(s, ctx, "calendar", None, "delete",
                         [(day.strftime("%d.%m.%Y"), "отметка", None),
                          ("recompute", None, f"сроки пересчитаны: {len(shift.moves)}")])
            recompute.apply(s, ctx, shift)
        ctx.invalidate()
        return shift


def _official_dict(row: Official) -> dict[str, object]:
    return {
        "full_name": row.full_name,
        "position": row.position,
        "department": row.department,
        "phone": row.phone,
        "email": row.email,
        "is_executor": row.is_executor,
        "is_head": row.is_head,
        "active": row.active,
    }


def _official_view(r: Official) -> OfficialView:
    return OfficialView(
        r.id, r.full_name, r.position, r.department, r.phone, r.email, bool(r.is_executor), bool(r.is_head),
        bool(r.active),
    )


def _word_match(probe: tuple[str, str], name_words: list[tuple[str, str]]) -> bool:
    typed, typed_stem = probe
    loose = typed_stem[:-1] if len(typed_stem) >= 5 else typed_stem  # fleeting vowels: площадка / площадок
    return any(w.startswith(typed) or s.startswith(typed_stem) or w.startswith(loose) for w, s in name_words)


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, tuple[str, ...]]:
    """Everyday words -> the classifier's words (``resources/reference/classifier_synonyms.csv``)."""
    path = resources_dir() / "reference" / "classifier_synonyms.csv"
    out: dict[str, tuple[str, ...]] = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                word = (row.get("word") or "").strip().lower().replace("ё", "е")
                means = tuple(m.strip().lower() for m in (row.get("means") or "").split(";") if m.strip())
                if word and means:
                    out[stem(word)] = means
    except OSError:
        return {}
    return out
