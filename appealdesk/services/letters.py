"""Letters as a service (``desk.letters``): the kinds an appeal calls for, a draft to look at, and the saved
letter — numbered from the office's outgoing series, its DOCX (and PDF) attached to the appeal, the
notice date recorded where the letter is a notice (the today panel's line clears through here), the
answer number where it is the answer, all in one unit of work; and the office's templates.

Nothing half-made is saved: a missing signatory, an appeal without an address, a broken template are
refused in Russian before anything is written, and the number is taken inside the same transaction that
stores the letter (``reg_counters``, series ``letter``), so numbers are unique and without gaps.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..domain.codes import Kind
from ..domain.numbering import NumberPattern
from ..domain.roles import Permission as P
from ..errors import DomainError, FieldError, NotFoundError, ValidationError
from ..letters import kinds as K
from ..letters.fields import FIELDS, LetterFacts
from ..letters.names import FullName
from ..letters.values import (
    KindChoice,
    LetterDraft,
    LetterInput,
    LetterView,
    Person,
    SavedLetter,
    Signatory,
    TemplateInfo,
)
from ..os_errors import os_error_text
from ..storage.models import (
    Appeal,
    Applicant,
    Attachment,
    AttachmentContent,
    ClassifierEntry,
    Forwarding,
    Letter,
    LetterTemplate,
    Official,
    RegCounter,
)
from . import audit
from .access import requires
from .attachments import MAX_SIZE
from .context import ServiceContext

SERIES = "letter"  # the outgoing series' row in reg_counters
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class LetterService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    # -- what can be made ------------------------------------------------------------------------
    @requires(P.READ)
    def kinds(self, appeal_id: int) -> tuple[KindChoice, ...]:
        """Every kind, whether it can be made for this appeal now (and why not), the ones its state calls
        for first."""
        ctx = self._ctx
        with ctx.read() as s:
            appeal = _load(s, appeal_id)
            made: dict[str, int] = {
                k: n for k, n in s.execute(
                    select(Letter.kind, func.count()).where(Letter.appeal_id == appeal.id).group_by(Letter.kind))
            }
            suggested = _suggested(appeal, made)
            out = []
            for k in K.KINDS:
                why = _why_not(appeal, k)
                out.append(KindChoice(k.code, k.title, not why, why, k.code in suggested,
                                      _term(ctx, appeal, k) if not why else None, made.get(k.code, 0)))
            order = {code: n for n, code in enumerate(suggested)}
            out.sort(key=lambda c: (not c.suggested, order.get(c.code, 99), not c.available))
            return tuple(out)

    @requires(P.READ)
    def signatories(self) -> tuple[Signatory, ...]:
        """Who may sign: the head of the settings first, then the officials marked as heads (deputies)."""
        ctx = self._ctx
        settings = ctx.settings()
        out = []
        if settings.head_name.strip():
            out.append(Signatory("head", settings.head_position.strip(), settings.head_name.strip()))
        with ctx.read() as s:
            rows = s.execute(
                select(Official.id, Official.full_name, Official.position)
                .where(Official.is_head.is_(True), Official.active.is_(True)).order_by(Official.full_name)
            ).all()
        for oid, name, position in rows:
            if any(x.name == name for x in out):
                continue
            out.append(Signatory(f"official:{oid}", (position or "").strip(), name))
        return tuple(out)

    @requires(P.READ)
    def list(self, appeal_id: int) -> tuple[LetterView, ...]:
        """The appeal's letters, oldest first."""
        with self._ctx.read() as s:
            rows = s.execute(
                select(Letter, Appeal.reg_number, Attachment.file_name)
                .join(Appeal, Appeal.id == Letter.appeal_id)
                .outerjoin(Attachment, Attachment.id == Letter.docx_id)
                .where(Letter.appeal_id == appeal_id).order_by(Letter.id)
            ).all()
            return tuple(_view(letter, number, name) for letter, number, name in rows)

    # -- making one ------------------------------------------------------------------------------
    @requires(P.LETTER)
    def draft(self, appeal_id: int, data: LetterInput) -> LetterDraft:
        """The letter as it will be, without its number (given at saving): for the dialog's look before
        saving. Raises what ``save`` would raise."""
        ctx = self._ctx
        with ctx.read() as s:
            appeal = _load(s, appeal_id)
            facts, warnings = self._facts(s, appeal, data, number="")
            content = self._render(s, facts)
            return LetterDraft(facts.kind.code, facts.kind.title, appeal.id, facts.made_on,
                               _term(ctx, appeal, facts.kind), _late(ctx, appeal, facts), tuple(warnings),
                               _addressee(facts), content, _file_name(facts.kind, "", appeal.reg_number))

    @requires(P.LETTER)
    def save(self, appeal_id: int, data: LetterInput, out: str | os.PathLike | None = None) -> SavedLetter:
        """Number the letter, attach its DOCX (and PDF) to the appeal, record the notice or the answer
        number, and audit it, in one unit of work; ``out``: also write the DOCX there — a file, or a folder
        where it is named after its number — before the commit (a file that cannot be written saves
        nothing)."""
        ctx = self._ctx
        target = Path(out) if out is not None else None
        folder = target if target is not None and target.is_dir() else None
        if target is not None and folder is None:
            _check_target(target)
        written = False
        try:
            with ctx.uow() as s:
                appeal = _load(s, appeal_id)
                facts, warnings = self._facts(s, appeal, data, number="")
                number, seq = _next_number(s, ctx.settings().letter_number_pattern, facts.made_on.year)
                facts = replace(facts, number=number)
                content = self._render(s, facts)
                name = _file_name(facts.kind, number, appeal.reg_number)
                pdf = self._pdf(content, name) if data.pdf else None
                now = ctx.now()
                docx_id = _attach(s, ctx, appeal.id, name + ".docx", content, now)
                pdf_id = _attach(s, ctx, appeal.id, name + ".pdf", pdf, now) if pdf is not None else None
                changes = _record(s, ctx, appeal, facts, number)
                term = _term(ctx, appeal, facts.kind)
                letter = Letter(
                    appeal_id=appeal.id, kind=facts.kind.code, number=number, year=facts.made_on.year, seq=seq,
                    made_on=facts.made_on, term_on=term, late=_late(ctx, appeal, facts),
                    addressee=_addressee(facts)[:400], signatory=facts.signatory.label[:200],
                    forwarding_id=_forwarding(appeal, data).id if K.NEEDS_FORWARDING in facts.kind.needs else None,
                    docx_id=docx_id, pdf_id=pdf_id, made_at=now, made_by=ctx.user,
                )
                s.add(letter)
                appeal.updated_at, appeal.updated_by = now, ctx.user
                appeal.version = (appeal.version or 0) + 1
                s.flush()
                late = f" (позже срока {term:%d.%m.%Y})" if letter.late and term else ""
                audit.record(s, ctx, "appeal", appeal.id, "letter", [
                    ("letter", None, f"{facts.kind.title}, {number} от {facts.made_on:%d.%m.%Y}{late}"),
                    *changes,
                ])
                if folder is not None:
                    target = _free(folder / (name + ".docx"))
                if target is not None:
                    _write(target, content)
                    written = True
                view = _view(letter, appeal.reg_number, name + ".docx")
            return SavedLetter(view, content, tuple(warnings), target)
        except BaseException:
            if written and target is not None:
                with contextlib.suppress(OSError):
                    target.unlink()
            raise

    @requires(P.READ)
    def pdf(self, letter_id: int) -> bytes:
        """The letter as PDF (its attached PDF, else made from its DOCX by the program's own renderer)."""
        ctx = self._ctx
        with ctx.read() as s:
            letter = s.get(Letter, letter_id)
            if letter is None:
                raise NotFoundError("Письмо не найдено")
            for att_id in (letter.pdf_id, letter.docx_id):
                if att_id is None:
                    continue
                data = s.scalar(select(AttachmentContent.data).where(AttachmentContent.attachment_id == att_id))
                if data is None:
                    continue
                if att_id == letter.pdf_id:
                    return bytes(data)
                return self._pdf(bytes(data), letter.number)
        raise DomainError("Файл письма не найден в базе данных")

    @requires(P.READ)
    def docx_pdf(self, content: bytes, title: str = "Письмо") -> bytes:
        """A DOCX (a draft, a template) as PDF by the program's own renderer: for the preview."""
        return self._pdf(content, title)

    # -- the templates ---------------------------------------------------------------------------
    @requires(P.READ)
    def fields(self) -> dict[str, str]:
        """The placeholders a template may use, with what each holds."""
        return dict(FIELDS)

    @requires(P.READ)
    def templates(self) -> tuple[TemplateInfo, ...]:
        with self._ctx.read() as s:
            rows = {r.kind: r for r in s.execute(
                select(LetterTemplate.kind, LetterTemplate.updated_at, LetterTemplate.updated_by)).all()}
        return tuple(
            TemplateInfo(k.code, k.title, k.code in rows, rows[k.code].updated_at if k.code in rows else None,
                         rows[k.code].updated_by if k.code in rows else "")
            for k in K.KINDS
        )

    @requires(P.READ)
    def template(self, kind: str) -> bytes:
        """The template in use for ``kind``: the office's own, else the default."""
        K.kind(kind)
        with self._ctx.read() as s:
            return _template(s, kind)

    @requires(P.READ)
    def default_template(self, kind: str) -> bytes:
        from ..letters.defaults import default_template

        K.kind(kind)
        return default_template(kind)

    @requires(P.READ)
    def check_template(self, content: bytes, what: str = "Шаблон") -> tuple[str, ...]:
        """The fields a template uses; ``TemplateProblem`` (Russian) when it cannot be used."""
        from ..letters.render import check

        return tuple(sorted(check(content, what)))

    @requires(P.SETTINGS)
    def save_template(self, kind: str, source: bytes | str | os.PathLike) -> TemplateInfo:
        """Store the office's template for ``kind`` (bytes, or a DOCX file), checked first."""
        from ..letters.render import check

        k = K.kind(kind)
        content = _read_source(source)
        what = f"Шаблон «{k.title}»"
        check(content, what)
        ctx = self._ctx
        with ctx.uow() as s:
            row = s.get(LetterTemplate, kind)
            now = ctx.now()
            digest = hashlib.sha256(content).hexdigest()
            if row is None:
                s.add(LetterTemplate(kind=kind, content=content, sha256=digest, updated_at=now, updated_by=ctx.user))
            else:
                row.content, row.sha256, row.updated_at, row.updated_by = content, digest, now, ctx.user
            audit.record(s, ctx, "settings", None, "letter_template", [("letter_template", None, k.title)])
        return TemplateInfo(kind, k.title, True, now, ctx.user)

    @requires(P.SETTINGS)
    def restore_default(self, kind: str) -> TemplateInfo:
        k = K.kind(kind)
        ctx = self._ctx
        with ctx.uow() as s:
            row = s.get(LetterTemplate, kind)
            if row is not None:
                s.delete(row)
                audit.record(s, ctx, "settings", None, "letter_template",
                             [("letter_template", k.title, "стандартный шаблон")])
        return TemplateInfo(kind, k.title, False, None, "")

    # -- inside ----------------------------------------------------------------------------------
    def _facts(self, s: Session, appeal: Appeal, data: LetterInput, number: str) -> tuple[LetterFacts, list[str]]:
        ctx = self._ctx
        k = K.kind(data.kind)
        why = _why_not(appeal, k)
        if why:
            raise DomainError(f"Письмо «{k.title}» для обращения № {appeal.reg_number} составить нельзя: {why}")
        settings = ctx.settings()
        made_on = data.made_on or ctx.today()
        errors: list[FieldError] = []
        warnings: list[str] = []
        if made_on > ctx.today():
            errors.append(FieldError("made_on", "Дата письма не может быть позже сегодняшней"))
        if made_on < appeal.registered_on:
            errors.append(FieldError("made_on", "Дата письма раньше даты регистрации обращения"))
        fw = _forwarding(appeal, data) if K.NEEDS_FORWARDING in k.needs else None
        if K.NEEDS_FORWARDING in k.needs and made_on < fw.forwarded_on:
            errors.append(FieldError("made_on", f"Письмо о переадресации не может быть раньше самой переадресации "
                                                f"({fw.forwarded_on:%d.%m.%Y})"))
        ext = appeal.extension
        if K.NEEDS_EXTENSION in k.needs and ext is not None and made_on < ext.extended_on:
            errors.append(FieldError("made_on", "Уведомление о продлении не может быть раньше продления "
                                                f"({ext.extended_on:%d.%m.%Y})"))
        if K.NEEDS_FINAL_DATE in k.needs:
            if data.final_on is None:
                errors.append(FieldError("final_on", "Укажите дату окончательного ответа"))
            elif data.final_on <= made_on:
                errors.append(FieldError("final_on", "Дата окончательного ответа должна быть позже даты письма"))
            elif data.final_on > appeal.deadline:
                warnings.append(f"Дата окончательного ответа {data.final_on:%d.%m.%Y} позже срока рассмотрения "
                                f"{appeal.deadline:%d.%m.%Y}: срок нужно продлить (ч. 2 ст. 12 59-ФЗ).")
        if K.NEEDS_URL in k.needs and not (data.url or "").strip():
            errors.append(FieldError("url", "Укажите адрес страницы сайта, где размещён ответ"))
        if K.NEEDS_DECISION in k.needs and data.decision_on is None:
            errors.append(FieldError("decision_on", "Укажите дату решения о прекращении переписки"))
        if K.NEEDS_RECEPTION in k.needs:
            if data.reception_on is None:
                errors.append(FieldError("reception_on", "Укажите дату приёма"))
            elif data.reception_on < made_on:
                errors.append(FieldError("reception_on", "Дата приёма раньше даты письма"))
            if not (data.reception_at or "").strip():
                errors.append(FieldError("reception_at", "Укажите время приёма"))
            if not (data.reception_place or "").strip():
                errors.append(FieldError("reception_place", "Укажите место приёма"))
        if k.answers:
            text = data.text if data.text is not None else (appeal.answer_text or "")
            if not text.strip():
                errors.append(FieldError("text", "Введите текст ответа: ответ даётся по существу каждого "
                                                 "поставленного вопроса (ст. 10 59-ФЗ)"))
        if k.code == "correspondence_end" and not (data.text or "").strip():
            errors.append(FieldError("text", "Перечислите прежние ответы по существу (даты и номера)"))
        signatory = self._signatory(s, data.signatory)
        applicant: Applicant | None = appeal.applicant
        address = (applicant.address or "").strip() if applicant else ""
        email = (applicant.email or "").strip() if applicant else ""
        if k.to == K.TO_APPLICANT and not (address or email):
            errors.append(FieldError("address", (
                f"У заявителя обращения № {appeal.reg_number} не указан ни почтовый адрес, ни адрес "
                "электронной почты: письмо некуда направить (ч. 1 ст. 7 59-ФЗ). Укажите адрес в карточке "
                "обращения (вкладка «Регистрация»)."
            )))
        if errors:
            raise ValidationError(errors)
        term = _term(ctx, appeal, k)
        if term is not None and made_on > term:
            warnings.insert(0, f"Срок этого письма истёк {term:%d.%m.%Y} ({k.basis}): письмо будет составлено, "
                               "но в отчёте об исполнительской дисциплине оно учтётся как отправленное с "
                               "нарушением срока.")
        if k.to == K.TO_APPLICANT and not address and email:
            warnings.append("Почтового адреса нет: письмо нужно направить по электронной почте "
                            f"({email}).")
        person = None
        if applicant is not None and applicant.type == "person" and applicant.last_name:
            person = FullName(applicant.last_name or "", applicant.first_name or "", applicant.middle_name or "")
        questions = tuple(
            f"{q.classifier_code} {name}".strip()
            for q, name in ((q, s.scalar(select(ClassifierEntry.name).where(ClassifierEntry.code == q.classifier_code)))
                            for q in appeal.questions)
        )
        facts = LetterFacts(
            kind=k, data=data, made_on=made_on, number=number,
            organisation=settings.organisation, organisation_address=settings.organisation_address,
            organisation_phone=settings.organisation_phone, organisation_email=settings.organisation_email,
            organisation_site=settings.organisation_site,
            applicant=person, applicant_display=appeal.applicant_name, applicant_address=address,
            applicant_email=email, reg_number=appeal.reg_number, registered_on=appeal.registered_on,
            received_on=appeal.received_on, cover_letter=appeal.cover_letter or "", summary=appeal.summary,
            questions=questions, deadline=appeal.deadline,
            new_deadline=ext.new_deadline if ext is not None else None,
            extension_days=ext.days if ext is not None else None,
            extension_reason=ext.reason if ext is not None else "",
            to_body=fw.to_body if fw is not None else "", forwarded_on=fw.forwarded_on if fw is not None else None,
            forwarding_number=(fw.outgoing_number or "") if fw is not None else "",
            answer_text=appeal.answer_text or "", signatory=signatory, executor=self._executor(s, appeal),
        )
        return facts, warnings

    def _signatory(self, s: Session, key: str | None) -> Signatory:
        settings = self._ctx.settings()
        if key and key.startswith("official:"):
            try:
                oid = int(key.partition(":")[2])
            except ValueError:
                oid = -1
            row = s.get(Official, oid)
            if row is None:
                raise NotFoundError("Подписант не найден среди должностных лиц")
            name, position = row.full_name.strip(), (row.position or "").strip()
        else:
            name, position = settings.head_name.strip(), settings.head_position.strip()
        if not name:
            raise ValidationError([FieldError("signatory", (
                "Не указан подписант письма: впишите ФИО и должность главы в Настройки → Организация "
                "(или отметьте должностное лицо как главу в Настройки → Исполнители)."
            ))])
        if not position:
            raise ValidationError([FieldError("signatory", f"Не указана должность подписанта «{name}»: впишите "
                                                           "её в Настройки → Организация")])
        return Signatory(key or "head", position, name)

    def _executor(self, s: Session, appeal: Appeal) -> Person:
        ctx = self._ctx
        official = s.get(Official, appeal.executor_id) if appeal.executor_id else None
        user = ctx.principal
        if ctx.settings().letter_executor == "user" and user is not None:
            own = s.get(Official, user.official_id) if user.official_id else None
            if own is not None:
                official = own
            elif user.name and user.id is not None:
                return Person(user.name)
        if official is None:
            return Person(user.name if user is not None else "")
        return Person(official.full_name, (official.phone or "").strip(), (official.email or "").strip())

    def _render(self, s: Session, facts: LetterFacts) -> bytes:
        from ..letters.fields import context
        from ..letters.render import render

        template = _template(s, facts.kind.code)
        return render(template, context(facts), f"Шаблон «{facts.kind.title}»")

    def _pdf(self, content: bytes, title: str) -> bytes:
        from ..paper.docx_reader import document_of_docx
        from ..paper.pdf import render_pdf

        return render_pdf(document_of_docx(content, title))


# -- helpers ----------------------------------------------------------------------------------------
def _load(s: Session, appeal_id: int) -> Appeal:
    appeal = s.scalar(
        select(Appeal).where(Appeal.id == appeal_id)
        .options(selectinload(Appeal.questions), selectinload(Appeal.forwardings))
    )
    if appeal is None:
        raise NotFoundError("Обращение не найдено")
    if appeal.deleted:
        raise DomainError(f"Обращение № {appeal.reg_number} удалено")
    return appeal


def _why_not(appeal: Appeal, k: K.LetterKind) -> str:
    if K.NEEDS_INFO_REQUEST in k.needs and appeal.kind != Kind.INFO_REQUEST:
        return "только для запроса информации (8-ФЗ)"
    if k.code in ("answer",) and appeal.kind == Kind.INFO_REQUEST:
        return "для запроса информации — «Ответ на запрос информации (8-ФЗ)»"
    if K.NEEDS_FORWARDING in k.needs and not appeal.forwardings:
        return "обращение не переадресовывалось (сначала «Переадресовать…»)"
    if K.NEEDS_EXTENSION in k.needs and appeal.extension is None:
        return "срок не продлевался (сначала «Продлить срок…»)"
    if k.to == K.TO_APPLICANT and appeal.applicant_id is None:
        return "анонимное обращение: письмо некуда направить (ч. 1 ст. 11 59-ФЗ)"
    return ""


def _suggested(appeal: Appeal, made: dict[str, int]) -> list[str]:
    out: list[str] = []
    info = appeal.kind == Kind.INFO_REQUEST
    if any(f.notice_on is None for f in appeal.forwardings):
        out.append("forwarding_notice")
    if any(not f.outgoing_number for f in appeal.forwardings) and not made.get("cover_letter"):
        out.append("cover_letter")
    if appeal.extension is not None and appeal.extension.notice_on is None:
        out.append("info_delay_notice" if info else "extension_notice")
    ground = K.GROUND_LETTERS.get(appeal.no_answer_ground or "")
    if ground and not made.get(ground):
        out.append(ground)
    answer = "info_answer" if info else "answer"
    answered = any(q.result and q.result not in ("forwarded", "left_without_answer") for q in appeal.questions)
    if answered and not made.get(answer) and not ground:
        out.append(answer)
    if not out and appeal.status != "closed":
        out.append("interim_answer")
    return out


def _term(ctx: ServiceContext, appeal: Appeal, k: K.LetterKind) -> date | None:
    if k.term == K.TERM_SEVEN_DAYS:
        return ctx.engine().forwarding_deadline(appeal.registered_on)
    if k.term == K.TERM_DEADLINE:
        return appeal.deadline
    if k.term == K.TERM_EXTENSION:
        return appeal.extension.previous_deadline if appeal.extension is not None else None
    return None


def _late(ctx: ServiceContext, appeal: Appeal, facts: LetterFacts) -> bool:
    term = _term(ctx, appeal, facts.kind)
    return term is not None and facts.made_on > term


def _forwarding(appeal: Appeal, data: LetterInput) -> Forwarding:
    if not appeal.forwardings:
        raise DomainError("Обращение не переадресовывалось")
    if data.forwarding_id is None:
        return appeal.forwardings[-1]
    for fw in appeal.forwardings:
        if fw.id == data.forwarding_id:
            return fw
    raise NotFoundError("Переадресация не относится к этому обращению")


def _addressee(f: LetterFacts) -> str:
    if f.kind.to == K.TO_BODY:
        return f.to_body
    return f.applicant.full if f.applicant is not None else f.applicant_display


def _next_number(s: Session, pattern_text: str, year: int) -> tuple[str, int]:
    """The next number of the outgoing series: its ``reg_counters`` row is locked by this transaction
    (``FOR UPDATE``; the unit of work holds the office's write lock), so two workstations never get one."""
    pattern = NumberPattern(pattern_text)
    row = s.scalar(select(RegCounter).where(RegCounter.series == SERIES, RegCounter.year == year).with_for_update())
    if row is None:
        top = s.scalar(select(func.max(Letter.seq)).where(Letter.year == year)) or 0
        row = RegCounter(series=SERIES, year=year, last_seq=top)
        s.add(row)
        s.flush()
    seq = row.last_seq + 1
    while True:
        number = pattern.format(seq, year)
        if s.scalar(select(Letter.id).where(Letter.number == number)) is None:
            break
        seq += 1
    row.last_seq = seq
    return number, seq


def _record(s: Session, ctx: ServiceContext, appeal: Appeal, f: LetterFacts, number: str) -> list[tuple]:
    """What the letter records on the appeal: a notice's date, the cover letter's number, the answer's
    number. Returns the audit's changes."""
    code, made_on = f.kind.code, f.made_on
    changes: list[tuple] = []
    day = made_on.strftime("%d.%m.%Y")
    if code == "forwarding_notice":
        fw = _forwarding(appeal, f.data)
        if fw.notice_on is None:
            fw.notice_on = made_on
            changes.append(("notice_on", None, day))
    elif code == "cover_letter":
        fw = _forwarding(appeal, f.data)
        if not fw.outgoing_number:
            fw.outgoing_number = number
            changes.append(("outgoing_number", None, number))
    elif code in ("extension_notice", "info_delay_notice"):
        ext = appeal.extension
        if ext is not None and ext.notice_on is None:
            ext.notice_on = made_on
            changes.append(("notice_on", None, day))
    elif f.kind.answers:
        if appeal.answer_number != number:
            changes.append(("answer_number", appeal.answer_number, number))
            appeal.answer_number = number
        if appeal.answer_on is None:
            appeal.answer_on = made_on
            changes.append(("answer_on", None, day))
        if not appeal.answer_text and f.data.text:
            appeal.answer_text = f.data.text.strip()
    return changes


def _attach(s: Session, ctx: ServiceContext, appeal_id: int, name: str, data: bytes, now) -> int:
    if len(data) > MAX_SIZE:
        raise DomainError(f"Файл письма «{name}» больше {MAX_SIZE // (1024 * 1024)} МБ: его нельзя прикрепить")
    row = Attachment(appeal_id=appeal_id, file_name=name[:300], stored_name="", size=len(data), added_at=now,
                     added_by=ctx.user, deleted=False, sha256=hashlib.sha256(data).hexdigest())
    s.add(row)
    s.flush()
    s.add(AttachmentContent(attachment_id=row.id, data=data))
    return row.id


def _template(s: Session, kind: str) -> bytes:
    from ..letters.defaults import default_template

    data = s.scalar(select(LetterTemplate.content).where(LetterTemplate.kind == kind))
    return bytes(data) if data is not None else default_template(kind)


def _read_source(source: bytes | str | os.PathLike) -> bytes:
    if isinstance(source, bytes | bytearray):
        return bytes(source)
    path = Path(source)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DomainError(f"Файл «{path}» не найден или недоступен: {os_error_text(exc)}") from exc
    if size > 20 * 1024 * 1024:
        raise DomainError(f"Файл «{path.name}» слишком большой для шаблона письма (больше 20 МБ)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DomainError(f"Не удалось прочитать «{path.name}»: {os_error_text(exc)}. Если он открыт в Word, "
                          "закройте его и повторите.") from exc


def _safe(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", text).strip(" .-")


def _file_name(k: K.LetterKind, number: str, reg_number: str) -> str:
    short = {"answer": "Ответ", "info_answer": "Ответ на запрос", "interim_answer": "Промежуточный ответ",
             "cover_letter": "Сопроводительное письмо"}.get(k.code, k.title.split(":")[0])
    parts = [short, f"к {reg_number}"]
    if number:
        parts.append(f"исх {number}")
    return _safe(" ".join(parts))[:150]


def _check_target(path: Path) -> None:
    if path.is_dir():
        raise DomainError(f"«{path}» — это папка, а не файл")
    if not path.parent.exists():
        raise DomainError(f"Папка «{path.parent}» не существует")


def _free(path: Path) -> Path:
    """``path``, or «name (2).docx»… when a file of that name is there already."""
    n = 1
    out = path
    while out.exists():
        n += 1
        out = path.with_name(f"{path.stem} ({n}){path.suffix}")
    return out


def _write(path: Path, data: bytes) -> None:
    from ..private_files import make_private

    try:
        path.write_bytes(data)
    except OSError as exc:
        raise DomainError(f"Не удалось записать «{path}»: {os_error_text(exc)}") from exc
    make_private(path)  # personal data: owner-only


def _view(letter: Letter, reg_number: str, file_name: str | None) -> LetterView:
    k = K.BY_CODE.get(letter.kind)
    return LetterView(letter.id, letter.appeal_id, reg_number, letter.kind, k.title if k else letter.kind,
                      letter.number, letter.made_on, letter.term_on, letter.late, letter.addressee, letter.signatory,
                      letter.docx_id, letter.pdf_id, letter.made_at, letter.made_by, file_name or "")


__all__ = ["DOCX_MIME", "LetterService"]
