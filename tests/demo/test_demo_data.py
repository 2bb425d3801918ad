"""The demo data: valid by the same rules as the card, deterministic, realistic enough for every screen."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import timedelta

import pytest

from appealdesk.demo import names
from appealdesk.demo.topics import TOPICS
from appealdesk.domain.law import ground_result
from appealdesk.services.journal_values import JournalQuery
from appealdesk.storage.models import Appeal, Applicant, Extension, Forwarding, Question

from .conftest import DEMO_APPEALS, DEMO_SEED, DEMO_TODAY, build_demo, table_rows

# ---------------------------------------------------------------------------------------------------
# validity


def test_every_appeal_passes_the_rules(demo):
    assert demo.problems == []


def test_topic_codes_are_questions_of_the_classifier(demo):
    items = [demo.desk.reference.classifier_item(t.code) for t in TOPICS]
    assert all(i is not None and i.level in (4, 5) for i in items)
    assert len({t.code for t in TOPICS}) == len(TOPICS) >= 40


def test_summary_matches_the_database(demo, appeals, questions, extensions, forwardings):
    s = demo.summary
    assert s.appeals == len(appeals) == DEMO_APPEALS
    assert s.questions == sum(len(q) for q in questions.values())
    assert s.settlements == len(demo.desk.reference.settlements()) == 12
    assert s.officials == len(demo.desk.reference.officials()) == 8
    assert s.closed == sum(a["status"] == "closed" for a in appeals)
    assert s.in_progress == sum(a["status"] == "in_progress" for a in appeals)
    assert s.extended == len(extensions)
    assert s.forwarded == len(forwardings)
    assert s.overdue == demo.desk.deadlines.overdue_count()
    assert s.repeated == sum(a["is_repeated"] for a in appeals)
    assert s.collective == sum(a["is_collective"] for a in appeals)
    assert s.anonymous == sum(a["is_anonymous"] for a in appeals)
    assert s.messages == sum(a["kind"] == "message" for a in appeals)
    assert dict(s.by_year) == Counter(a["registered_on"].year for a in appeals)


def test_office_settings_and_officials(demo):
    settings = demo.desk.settings.get()
    assert "Берёзовского сельского поселения" in settings.organisation
    assert settings.head_name and settings.organisation_address
    officials = demo.desk.reference.officials(executors_only=True)
    assert sum(o.is_head for o in officials) == 1
    assert 6 <= len(officials) <= 8


# ---------------------------------------------------------------------------------------------------
# determinism

_VOLATILE = ("created_at", "updated_at")


def _snapshot(desk):
    return [
        table_rows(desk, model, skip=_VOLATILE)
        for model in (Appeal, Question, Applicant, Extension, Forwarding)
    ]


def test_same_seed_same_data(demo, template_db, fresh):
    again = build_demo(fresh.copy(template_db, "again"), DEMO_APPEALS, DEMO_SEED)
    try:
        assert replace(again.summary, seconds=0) == replace(demo.summary, seconds=0)
        assert _snapshot(again.desk) == _snapshot(demo.desk)
    finally:
        again.desk.close()


def test_other_seed_other_data(demo, template_db, fresh):
    other = build_demo(fresh.copy(template_db, "other"), 60, DEMO_SEED + 1)
    try:
        mine = [a["summary"] for a in table_rows(demo.desk, Appeal)[:60]]
        theirs = [a["summary"] for a in table_rows(other.desk, Appeal)]
        assert mine != theirs
    finally:
        other.desk.close()


# ---------------------------------------------------------------------------------------------------
# dates and deadlines


def test_two_years_never_after_today(appeals):
    years = Counter(a["registered_on"].year for a in appeals)
    assert set(years) == {DEMO_TODAY.year - 1, DEMO_TODAY.year}
    assert all(a["received_on"] <= a["registered_on"] <= DEMO_TODAY for a in appeals)
    assert all(a["answer_on"] is None or a["registered_on"] <= a["answer_on"] <= DEMO_TODAY for a in appeals)
    assert all(a["closed_on"] is None or a["closed_on"] <= DEMO_TODAY for a in appeals)


def test_registrations_fall_on_working_days(demo, appeals):
    cal = demo.desk._ctx.engine().calendar
    working = sum(cal.is_working(a["registered_on"]) for a in appeals)
    assert working / len(appeals) > 0.9


def test_the_two_years_differ_for_the_same_period(appeals):
    """A report comparing with the same period of last year shows a change."""
    this = sum(a["registered_on"].year == DEMO_TODAY.year for a in appeals)
    cutoff = DEMO_TODAY.replace(year=DEMO_TODAY.year - 1)
    last = sum(a["registered_on"].year == DEMO_TODAY.year - 1 and a["registered_on"] <= cutoff for a in appeals)
    assert this > 0 and last > 0 and this != last


def test_deadlines_follow_the_engine(demo, appeals, extensions, forwardings):
    engine = demo.desk._ctx.engine()
    for a in appeals:
        legal = engine.legal_deadline(a["registered_on"], a["kind"], a["received_on"])
        assert a["legal_deadline"] == legal, a["reg_number"]
        assert a["control_deadline"] == engine.control_deadline(legal, a["registered_on"])
        ext = extensions.get(a["id"])
        if ext is None:
            assert a["extended_deadline"] is None and a["deadline"] == legal
        else:
            assert ext["previous_deadline"] == legal
            assert ext["new_deadline"] == a["extended_deadline"] == a["deadline"]
            assert a["extended_deadline"] == engine.extended_deadline(legal, ext["days"])
            assert 1 <= ext["days"] <= engine.max_extension_days(a["kind"])
            assert a["registered_on"] <= ext["extended_on"] <= legal
            assert ext["reason"] and ext["extended_by"]
            assert a["closed_on"] is None or ext["extended_on"] <= a["closed_on"]
            assert ext["notice_on"] is None or ext["extended_on"] <= ext["notice_on"] <= DEMO_TODAY
        for f in forwardings.get(a["id"], ()):
            assert a["registered_on"] <= f["forwarded_on"] <= engine.forwarding_deadline(a["registered_on"])
        if a["kind"] == "message":
            assert legal == a["received_on"] + timedelta(days=1)


def test_closed_appeals_are_complete(appeals, questions):
    for a in appeals:
        results = [q["result"] for q in questions[a["id"]]]
        assert 1 <= len(results) <= 3
        if a["status"] == "closed":
            assert all(results), a["reg_number"]
            assert a["answer_on"] is not None or all(r == "forwarded" for r in results)
        if a["no_answer_ground"]:  # art. 11: a court decision challenged is returned, the rest left unanswered
            assert set(results) == {ground_result(a["no_answer_ground"])}
        if "left_without_answer" in results or "returned" in results:
            assert a["no_answer_ground"]
        if a["is_anonymous"]:
            assert a["applicant_id"] is None and a["settlement_id"] is not None


def test_late_answers_and_open_appeals_exist(appeals):
    late = [a for a in appeals if a["answer_on"] and a["answer_on"] > a["deadline"]]
    assert late
    open_ = [a for a in appeals if a["status"] == "in_progress"]
    assert any(a["deadline"] < DEMO_TODAY for a in open_)  # overdue
    assert any(a["deadline"] >= DEMO_TODAY for a in open_)  # still in time


def test_deadline_screens_have_something_to_show(demo):
    counts = demo.desk.deadlines.counts()
    assert counts.overdue >= 3
    assert counts.in_progress > counts.overdue
    assert counts.due_today + counts.due_soon >= 1
    due = demo.desk.deadlines.due()
    assert {d.state for d in due} >= {"overdue"}
    assert demo.desk.journal.count(JournalQuery(state="open")) == counts.in_progress


# ---------------------------------------------------------------------------------------------------
# the mix


def test_every_form_kind_source_and_result_appears(demo, appeals, questions):
    vocab = demo.desk._ctx.vocabulary()
    assert {a["form"] for a in appeals} == set(vocab["form"])
    assert {a["kind"] for a in appeals} == set(vocab["kind"])
    assert {a["source"] for a in appeals} == set(vocab["source"])
    results = {q["result"] for qs in questions.values() for q in qs}
    assert results - {None} == set(vocab["result"]) - {"in_progress"}
    assert None in results  # questions still in progress
    assert {a["satisfaction"] for a in appeals} - {None} == set(vocab["satisfaction"])
    assert {a["answer_method"] for a in appeals} - {None} == set(vocab["answer_method"])
    for check in ("on_control", "commission", "on_site", "with_author"):
        assert any(a[check] for a in appeals), check


def test_the_proportions_look_like_the_reports(appeals, questions):
    n = len(appeals)
    kinds = Counter(a["kind"] for a in appeals)
    assert kinds["statement"] > 0.7 * n
    assert kinds["statement"] > kinds["complaint"] > kinds["proposal"] > 0
    sources = Counter(a["source"] for a in appeals)
    assert sources["direct"] > 0.7 * n
    results = Counter(q["result"] for qs in questions.values() for q in qs if q["result"])
    assert results.most_common(1)[0][0] == "explained"
    topics = Counter(q["classifier_code"] for qs in questions.values() for q in qs)
    top = [c for c, _ in topics.most_common(5)]
    assert top[0] in {t.code for t in TOPICS[:6]}  # skewed: a few topics dominate
    assert topics.most_common(1)[0][1] > 5 * topics.most_common()[-1][1]
    assert 20 <= len(topics) <= len(TOPICS)


def test_repeated_appeals_are_linked_to_an_earlier_one(appeals, questions):
    by_id = {a["id"]: a for a in appeals}
    repeated = [a for a in appeals if a["is_repeated"]]
    assert len(repeated) >= 5
    for a in repeated:
        prev = by_id[a["previous_appeal_id"]]
        assert prev["registered_on"] <= a["registered_on"] and prev["id"] < a["id"]
        assert prev["applicant_id"] == a["applicant_id"] is not None
        assert prev["status"] == "closed" and prev["closed_on"] < a["registered_on"]
        assert questions[prev["id"]][0]["classifier_code"] in {q["classifier_code"] for q in questions[a["id"]]}
        assert a["previous_number"] == prev["reg_number"]
        assert a["summary"].startswith("Повторное обращение") and prev["reg_number"] in a["summary"]


def test_collective_appeals_have_signatures(appeals):
    collective = [a for a in appeals if a["is_collective"]]
    assert len(collective) >= 3
    for a in collective:
        assert a["signatures"] >= 2
        assert a["summary"].startswith("Коллективное обращение жителей")
        assert "Прошу" not in a["summary"]
    assert any("Просим" in a["summary"] for a in collective)


def test_sources_and_complaints_carry_their_details(appeals):
    for a in appeals:
        if a["source"] in ("region", "president", "other_body"):
            assert a["cover_letter"], a["reg_number"]
        if a["kind"] == "complaint":
            assert a["complaint_about"]
        if a["kind"] == "message":
            assert a["source"] in ("feedback_platform", "social_media") and a["form"] == "electronic"
    numbers = [a["reg_number"] for a in appeals]
    assert len(set(numbers)) == len(numbers)
    assert any(n.endswith("-С/26") or n.endswith("-С/25") for n in numbers)


def test_answers_read_like_answers(appeals, applicants):
    answered = [a for a in appeals if a["answer_text"] and not a["no_answer_ground"] and a["applicant_id"]]
    assert answered
    for a in answered[:100]:
        person = applicants[a["applicant_id"]]
        if person["type"] == "person":
            assert a["answer_text"].startswith("Уважаем")
            assert person["first_name"] in a["answer_text"]
        assert "{" not in a["answer_text"] and "{" not in a["summary"]


# ---------------------------------------------------------------------------------------------------
# applicants


def test_applicants_agree_in_gender(applicants):
    people = [a for a in applicants.values() if a["type"] == "person"]
    assert len(people) > 50
    female_names = set(names.FEMALE_NAMES)
    for p in people:
        female = p["first_name"] in female_names
        assert p["middle_name"].endswith(("вна", "чна")) == female, p
        if female:
            assert not p["last_name"].endswith(("ов", "ев", "ёв", "ин", "ский", "цкий")), p
        else:
            assert not p["last_name"].endswith(("ова", "ева", "ёва", "ина", "ская", "цкая")), p
        assert p["address"] and p["settlement_id"]
    assert any("ё" in (p["last_name"] + p["first_name"] + p["middle_name"]) for p in people)
    assert any(p["email"] for p in people) and any(p["social_category"] for p in people)
    assert any(a["type"] == "organisation" for a in applicants.values())


def test_many_applicants_write_again(appeals):
    per_person = Counter(a["applicant_id"] for a in appeals if a["applicant_id"])
    assert max(per_person.values()) >= 5
    assert sum(1 for c in per_person.values() if c > 1) > len(per_person) / 3


@pytest.mark.parametrize(
    ("masculine", "feminine"),
    [("Фёдоров", "Фёдорова"), ("Ильин", "Ильина"), ("Островский", "Островская"), ("Толстой", "Толстая"),
     ("Шевченко", "Шевченко"), ("Седых", "Седых"), ("Ковальчук", "Ковальчук"), ("Соловьёв", "Соловьёва")],
)
def test_feminine_surnames(masculine, feminine):
    assert names.feminine(masculine) == feminine


# ---------------------------------------------------------------------------------------------------
# search and the journal over the demo


def test_search_finds_topic_words_and_names(demo, appeals, applicants):
    assert demo.desk.journal.page(JournalQuery(text="дороги")).total > 10
    assert demo.desk.journal.page(JournalQuery(text="дорогой")).total > 10  # another form of the word
    surname = applicants[appeals[0]["applicant_id"] or appeals[1]["applicant_id"]]["display_name"].split()[0]
    assert demo.desk.journal.page(JournalQuery(text=surname)).total >= 1


# ---------------------------------------------------------------------------------------------------
# calling it


def test_progress_is_reported(template_db, fresh):
    calls = []
    built = build_demo(fresh.copy(template_db, "p"), 120, 3, progress=lambda d, t: calls.append((d, t)))
    try:
        assert calls[-1] == (120, 120)
        assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    finally:
        built.desk.close()


def test_a_second_run_adds_to_the_first(template_db, fresh):
    built = build_demo(fresh.copy(template_db, "twice"), 40, 1)
    try:
        second = built.desk.demo.make(30, seed=2)
        assert second.appeals == 30
        rows = table_rows(built.desk, Appeal)
        assert len(rows) == 70
        assert len({r["reg_number"] for r in rows}) == 70
        assert len(built.desk.reference.officials()) == 8
        assert len(built.desk.reference.settlements()) == 12
    finally:
        built.desk.close()


def test_an_earlier_year(template_db, fresh):
    built = build_demo(fresh.copy(template_db, "year"), 50, 1, year=DEMO_TODAY.year - 1)
    try:
        assert {y for y, _ in built.summary.by_year} <= {DEMO_TODAY.year - 2, DEMO_TODAY.year - 1}
        with pytest.raises(ValueError):
            built.desk.demo.make(10, year=DEMO_TODAY.year + 1)
    finally:
        built.desk.close()
