"""The role table, enforced at the service layer: every public method of every service, called as every
role. The policy below is written from the issue's words, apart from ``domain.roles``: a method missing
from it (a new one) fails the test, and so does a method whose refusals differ from it.

A refused call raises ``PermissionDenied`` (Russian) and writes nothing: the database file and its
write-ahead log are not touched. An allowed call is made with placeholder arguments: whatever it raises
then (a validation error, a missing record), it must not be a refusal.
"""

from __future__ import annotations

import inspect
import os
from datetime import date

import pytest

from appealdesk.errors import PermissionDenied
from appealdesk.services import AppealDesk
from appealdesk.services.access import permission_of
from appealdesk.services.users import UserInput

from .helpers import appeal, executor

pytestmark = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")  # placeholder ids of None

ROLES = ("admin", "head", "clerk", "executor", "viewer")
ALL = frozenset(ROLES)
STAFF = frozenset({"admin", "head", "clerk"})
HEAD = frozenset({"admin", "head"})
ADMIN = frozenset({"admin"})
OWN = STAFF | {"executor"}  # an executor: on the appeals assigned to them (checked below, on real appeals)
OPEN = None  # works before anybody signs in

POLICY: dict[str, frozenset[str] | None] = {
    # appeals: registration and the workflow
    "appeals.get": ALL, "appeals.by_number": ALL, "appeals.register": STAFF, "appeals.update": STAFF,
    "appeals.set_resolution": HEAD, "appeals.extend": HEAD, "appeals.record_extension_notice": STAFF,
    "appeals.forward": STAFF, "appeals.record_forwarding_notice": STAFF, "appeals.answer": OWN, "appeals.interim_answer": OWN,
    "appeals.close": STAFF, "appeals.reopen": STAFF, "appeals.delete": ADMIN, "appeals.restore": ADMIN,
    # applicants
    "applicants.search": ALL, "applicants.get": ALL, "applicants.find_duplicates": ALL,
    "applicants.appeals_of": ALL, "applicants.suggest_repeated": ALL, "applicants.merge": STAFF,
    # reference data: reading for all; officials, settlements (the settings) and the calendar for the admin
    "reference.summary": ALL, "reference.vocabulary": ALL, "reference.label": ALL,
    "reference.classifier_item": ALL, "reference.classifier_children": ALL, "reference.classifier_search": ALL,
    "reference.favourites": ALL, "reference.pin_favourite": STAFF, "reference.forget_classifier_cache": ALL,
    "reference.settlements": ALL, "reference.add_settlement": ADMIN, "reference.rename_settlement": ADMIN,
    "reference.officials": ALL, "reference.save_official": ADMIN, "reference.calendar_overrides": ALL,
    "reference.set_calendar_override": ADMIN, "reference.remove_calendar_override": ADMIN,
    "settings.get": ALL, "settings.save": ADMIN, "settings.preview": ADMIN,
    "journal.page": ALL, "journal.count": ALL, "journal.ids": ALL, "journal.rows": ALL,
    "deadlines.counts": ALL, "deadlines.overdue_count": ALL, "deadlines.due": ALL,
    "audit.history": ALL, "audit.recent": ALL,
    # attachments: executors add them to their own appeals
    "attachments.list": ALL, "attachments.add": OWN, "attachments.remove": STAFF, "attachments.content": ALL,
    "attachments.open_copy": ALL, "attachments.save_copy": ALL,
    # users: the admin's; the sign-in's lists are open; the file holder resets a forgotten password
    "users.list": ADMIN, "users.get": ADMIN, "users.add": ADMIN, "users.update": ADMIN, "users.set_role": ADMIN,
    "users.disable": ADMIN, "users.enable": ADMIN, "users.set_password": ADMIN,
    "users.change_own_password": ALL, "users.logins": OPEN, "users.sign_in_needed": OPEN,
    "users.reset_password": OPEN,
    # personal reception: the clerk's (and the head's)
    "reception.rules": ALL, "reception.save_rule": STAFF, "reception.delete_rule": STAFF,
    "reception.exceptions": ALL, "reception.save_exception": STAFF, "reception.delete_exception": STAFF,
    "reception.add_visiting": STAFF, "reception.cancel_reception": STAFF, "reception.schedule": ALL,
    "reception.entry": ALL, "reception.hold": STAFF, "reception.day": ALL, "reception.book": STAFF,
    "reception.move_booking": STAFF, "reception.cancel_booking": STAFF, "reception.mark_no_show": STAFF,
    "reception.card": ALL, "reception.save_card": STAFF, "reception.cards": ALL, "reception.figures": ALL,
    "reception.write_schedule_pdf": ALL,
    # deadline control: promises are part of the answer
    "control.month": ALL, "control.items": ALL, "control.day": ALL, "control.today": ALL,
    "control.today_items": ALL, "control.add_promise": OWN, "control.promises": ALL, "control.promise": ALL,
    "control.confirm_promise": OWN, "control.cancel_promise": OWN, "control.discipline": ALL,
    "control.export_discipline": ALL, "control.reminders": ALL, "control.reminders_pdf": ALL,
    "control.reminders_document": ALL, "control.add_document_request": STAFF,
    "control.answer_document_request": STAFF, "control.document_requests": ALL,
    # papers: everybody prints
    "papers.card": ALL, "papers.schedule": ALL, "papers.visitors": ALL, "papers.reception_card": ALL,
    "papers.reminders": ALL, "papers.report": ALL, "papers.pdf": ALL, "papers.write_pdf": ALL,
    # reports and prints: everybody reads and prints
    "reports.build": ALL, "reports.options": ALL, "reports.json_text": ALL,
    "reports.write": ALL, "reports.list_rows": ALL, "reports.write_list": ALL, "reports.rollup": ALL,
    "exchange.import_journal": STAFF, "exchange.export_journal": STAFF,
    # letters: the clerk's and the head's; the templates are settings (the admin's); reading for all
    "letters.kinds": ALL, "letters.signatories": ALL, "letters.list": ALL, "letters.draft": STAFF,
    "letters.save": STAFF, "letters.pdf": ALL, "letters.docx_pdf": ALL, "letters.fields": ALL,
    "letters.templates": ALL, "letters.template": ALL, "letters.default_template": ALL,
    "letters.check_template": ALL, "letters.save_template": ADMIN, "letters.restore_default": ADMIN,
    # the ССТУ upload is a report of the clerk and above; its state is read by the today panel of anyone
    "sstu.state": ALL, "sstu.check": STAFF, "sstu.upload": STAFF,
    # backups: the program's own copy for all; a copy anywhere for the staff; restore for the admin
    "backups.available": OPEN, "backups.folders": ALL, "backups.make_scheduled": ALL, "backups.make": STAFF,
    "backups.due_today": ALL, "backups.changed_since_last": ALL, "backups.list": ADMIN,
    "backups.inspect": ADMIN, "backups.restore": ADMIN,
    "calendar.is_working": ALL, "calendar.holiday_name": ALL, "calendar.national_reception_day": ALL,
    "calendar.next_working": ALL, "calendar.preview_override": ADMIN, "calendar.preview_removal": ADMIN,
    "demo.make": ADMIN, "setup.needed": ALL, "setup.check": ADMIN, "setup.apply": ADMIN, "transfer.move_to": ADMIN,
    "desk.check": ALL, "desk.check_integrity": ALL, "desk.schema_revision": ALL,
}

SERVICES = ("appeals", "applicants", "reference", "settings", "journal", "deadlines", "audit", "attachments",
            "users", "reception", "control", "reports", "exchange", "backups", "calendar", "demo", "setup",
            "transfer", "letters", "sstu", "papers")
# the facade's own methods that are not data: who is signed in, "today", where the database is
DESK_PLAIN = {"can", "sign_in", "sign_in_by_itself", "sign_out", "today", "location", "warm_up", "close", "open"}


def service_methods(desk):
    """``(name, bound method)`` of every public method of every service, and of the facade."""
    for svc_name in SERVICES:
        svc = getattr(desk, svc_name)
        for name, _member in inspect.getmembers(type(svc), inspect.isfunction):
            if not name.startswith("_"):
                yield f"{svc_name}.{name}", getattr(svc, name)
    for name, _member in inspect.getmembers(type(desk), inspect.isfunction):
        if not name.startswith("_") and name not in DESK_PLAIN:
            yield f"desk.{name}", getattr(desk, name)


def placeholders(method) -> list:
    params = [p for p in inspect.signature(method).parameters.values()
              if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return [None] * len(params)


@pytest.fixture(scope="module")
def office(tmp_path_factory, databases, template_db):
    """A database with one user of each role (the executor linked to an official), and a desk for each."""
    folder = tmp_path_factory.mktemp("roles")
    path = databases.copy(template_db, folder, "roles")
    setup = AppealDesk.open(path, today=lambda: date(2026, 11, 20))
    setup.users.set_password("admin", "пароль-админа")
    official = executor(setup, "Исполнителев Пётр Петрович").id
    for role in ROLES[1:]:
        setup.users.add(UserInput(role, f"{role.title()} Тестовый Пользователь", role, password=f"пароль-{role}",
                                  official_id=official if role == "executor" else None))
    setup.close()
    desks = {}
    for role in ROLES:
        password = "пароль-админа" if role == "admin" else f"пароль-{role}"
        desks[role] = AppealDesk.open(path, user=role, password=password, today=lambda: date(2026, 11, 20))
    yield path, desks, official
    for d in desks.values():
        d.close()
    databases.drop(path)


# the tables a service call can write to (a server's files cannot be watched as an SQLite file can)
WATCHED = ("audit_log", "appeals", "applicants", "users", "settlements", "officials", "settings",
           "calendar_overrides", "classifier_favourites", "attachments", "reception_rules", "reception_exceptions",
           "receptions", "reception_bookings", "reception_cards", "promises", "reg_counters", "letters",
           "letter_templates", "sstu_batches", "sstu_uploads")


def _file_state(path, desk) -> tuple:
    """What would show a write: the SQLite file and its log (size and time), or the rows of a server."""
    if isinstance(path, str):
        from sqlalchemy import text

        with desk._ctx.read() as s:
            return tuple(s.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in WATCHED)
    out = []
    for p in (path, path.with_name(path.name + "-wal")):
        try:
            st = os.stat(p)
            out.append((st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            out.append(None)
    return tuple(out)


def test_every_service_method_is_guarded_and_in_the_policy(office):
    _path, desks, _ = office
    found = dict(service_methods(desks["admin"]))
    unmarked = [name for name, m in found.items() if permission_of(m) == "unmarked"]
    assert not unmarked, f"service methods without @requires or @unguarded: {unmarked}"
    assert set(found) == set(POLICY), (
        f"not in the policy table: {sorted(set(found) - set(POLICY))}; "
        f"no longer there: {sorted(set(POLICY) - set(found))}"
    )
    open_ones = sorted(name for name, m in found.items() if permission_of(m) is None)
    assert open_ones == sorted(n for n, roles in POLICY.items() if roles is OPEN)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_is_refused_exactly_what_the_policy_refuses(office, role):
    path, desks, _ = office
    desk = desks[role]
    wrong = []
    for name, method in service_methods(desk):
        allowed = POLICY[name]
        before = _file_state(path, desks["admin"])
        try:
            method(*placeholders(method))
            refused = None
        except PermissionDenied as exc:
            refused = str(exc)
        except Exception:  # placeholder arguments: anything but a refusal means "allowed"
            refused = None
        if allowed is OPEN or role in allowed:
            if refused is not None:
                wrong.append(f"{name}: refused to {role}: {refused}")
        else:
            if refused is None:
                wrong.append(f"{name}: allowed to {role}")
            elif "Недостаточно прав" not in refused:
                wrong.append(f"{name}: refusal not in Russian words expected: {refused}")
            if _file_state(path, desks["admin"]) != before:
                wrong.append(f"{name}: refused to {role}, but the database file changed")
    assert not wrong, "\n".join(wrong)


def test_nobody_signed_in_is_refused_everything_but_the_sign_in(office):
    path, _desks, _ = office
    desk = AppealDesk.open(path)  # several users: nobody is signed in by itself
    try:
        assert desk.current_user is None
        for name, method in service_methods(desk):
            if POLICY[name] is OPEN:
                continue
            with pytest.raises(PermissionDenied, match="Вход не выполнен"):
                method(*placeholders(method))
    finally:
        desk.close()


# -- an executor: only on their own questions -----------------------------------------------------------
@pytest.fixture
def two_appeals(office):
    """One appeal assigned to the executor's official, one to somebody else."""
    _path, desks, official = office
    clerk = desks["clerk"]
    others = [o for o in clerk.reference.officials() if o.full_name == "Другой Исполнитель Иванович"]
    other = others[0].id if others else executor(desks["admin"], "Другой Исполнитель Иванович").id
    mine = clerk.appeals.register(appeal(executor_id=official, summary="Поручено исполнителю"))
    theirs = clerk.appeals.register(appeal(executor_id=other, summary="Поручено другому"))
    return mine, theirs


def test_an_executor_answers_only_their_own_questions(office, two_appeals, tmp_path):
    from appealdesk.services.values import AnswerInput

    _path, desks, _ = office
    ex = desks["executor"]
    mine, theirs = two_appeals
    q_mine = mine.questions[0].id
    card = ex.appeals.answer(mine.id, AnswerInput(date(2026, 11, 20), results={q_mine: "explained"},
                                                  text="Разъяснено", close=False))
    assert card.questions[0].result == "explained"
    with pytest.raises(PermissionDenied, match="только по вопросам, поручённым ему"):
        ex.appeals.answer(theirs.id, AnswerInput(date(2026, 11, 20), results={theirs.questions[0].id: "explained"},
                                                 close=False))
    with pytest.raises(PermissionDenied, match="не может закрывать обращения"):
        ex.appeals.answer(mine.id, AnswerInput(date(2026, 11, 20), results={q_mine: "explained"}, close=True))
    assert desks["clerk"].appeals.get(theirs.id).questions[0].result is None

    scan = tmp_path / "акт.pdf"
    scan.write_bytes(b"%PDF-1.4 act")
    assert ex.attachments.add(mine.id, scan).file_name == "акт.pdf"
    with pytest.raises(PermissionDenied):
        ex.attachments.add(theirs.id, scan)
    assert not ex.attachments.list(theirs.id)


def test_an_executor_keeps_only_their_own_promises(office, two_appeals):
    from appealdesk.control.values import PromiseInput

    _path, desks, _ = office
    ex = desks["executor"]
    mine, theirs = two_appeals
    promise = ex.control.add_promise(mine.id, PromiseInput("Отремонтировать освещение", date(2026, 12, 20)))
    assert promise.appeal_id == mine.id
    with pytest.raises(PermissionDenied):
        ex.control.add_promise(theirs.id, PromiseInput("Чужое обещание", date(2026, 12, 20)))
    other = desks["clerk"].control.add_promise(theirs.id, PromiseInput("Обещание другого", date(2026, 12, 20)))
    with pytest.raises(PermissionDenied):
        ex.control.cancel_promise(other.id, "не моё")
    assert desks["clerk"].control.promise(other.id).status == "open"


def test_the_resolution_is_the_heads_also_through_the_card(office):
    """A clerk saving the card cannot write or change the resolution; the head can."""
    from dataclasses import replace

    _path, desks, _ = office
    clerk, head = desks["clerk"], desks["head"]
    with pytest.raises(PermissionDenied, match="не может вносить резолюции"):
        clerk.appeals.register(appeal(resolution="Разобраться и ответить"))
    card = clerk.appeals.register(appeal())
    data = card.to_input()
    with pytest.raises(PermissionDenied, match="не может вносить резолюции"):
        clerk.appeals.update(card.id, replace(data, resolution="Разобраться"))
    card = head.appeals.update(card.id, replace(data, resolution="Разобраться", resolution_on=date(2026, 11, 20)))
    changed = clerk.appeals.update(card.id, replace(card.to_input(), summary="Уточнённое содержание"))
    assert changed.resolution == "Разобраться" and changed.summary == "Уточнённое содержание"
