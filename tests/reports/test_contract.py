"""The JSON of exchange_formats.md section 2 and its version 2 (2.1) on small hand-built data
(tests/reports/conftest.py): keys and their order, zeros, nulls, the percent rule, the quarters a period
covers, measures_taken inside supported, in_progress and overdue at the end of the period, deleted appeals
left out; messages apart from the appeals, questions by form, oral appeals, shares, the organisation."""

from __future__ import annotations

import json
from datetime import date

import pytest

from appealdesk.reports import Figure, Period, report_to_json, write_report_json
from appealdesk.reports.json_report import report_json_text

H1 = Period(date(2026, 1, 1), date(2026, 6, 30))

CONTRACT_ORDER = [
    "appeals", "questions", "by_quarter", "by_form", "by_source", "by_kind", "by_section", "by_thematic",
    "by_settlement", "results", "checks", "repeated", "collective", "overdue", "satisfaction",
    # version 2
    "messages", "questions_by_form", "oral", "by_quarter_form_questions", "shares",
]
VOCABULARY_KEYS = {
    "by_form": ["written", "electronic", "personal_reception", "visiting_reception", "phone"],
    "by_source": ["direct", "region", "president", "other_body", "feedback_platform", "social_media"],
    "by_kind": ["proposal", "statement", "complaint", "info_request", "message"],
    "by_section": ["0001", "0002", "0003", "0004", "0005"],
    "results": ["supported", "measures_taken", "explained", "not_supported", "forwarded", "answered",
                "left_without_answer", "in_progress", "returned"],
    "checks": ["on_control", "commission", "on_site", "with_author"],
    "satisfaction": ["satisfied", "partly_satisfied", "not_satisfied"],
}
COUNTER_KEYS = ["current", "previous", "delta", "percent"]


def c(current, previous=None):
    """The counter the contract expects."""
    f = Figure(current, previous)
    return {"current": current, "previous": previous, "delta": f.delta, "percent": f.percent}


@pytest.fixture
def data(office):
    return report_to_json(office.reports.build(H1, compare=True))


def test_top_level_and_section_order(data):
    assert list(data) == ["format_version", "organisation", "as_of", "period_complete", "period", "previous",
                          "sections"]
    assert data["format_version"] == 2
    assert data["organisation"] == {"name": "Администрация Ключевского сельсовета", "oktmo": None, "inn": None}
    assert data["as_of"] == "2026-11-20" and data["period_complete"] is True
    assert data["period"] == {"from": "2026-01-01", "to": "2026-06-30"}
    assert data["previous"] == {"from": "2025-01-01", "to": "2025-06-30"}
    assert list(data["sections"]) == CONTRACT_ORDER


def test_every_vocabulary_key_in_order_with_zeros(data):
    s = data["sections"]
    for section, keys in VOCABULARY_KEYS.items():
        assert list(s[section]) == keys, section
        for key in keys:
            assert list(s[section][key]) == COUNTER_KEYS
    assert s["by_form"]["visiting_reception"] == c(0, 0)
    assert s["by_source"]["president"] == c(0, 0)
    assert s["by_kind"]["info_request"] == c(0, 0)
    assert s["by_section"]["0001"] == c(0, 0)
    assert s["satisfaction"]["partly_satisfied"] == c(0, 0)


def test_appeal_units(data):
    s = data["sections"]
    # A1..A5 and A8 (A6 is a message, A7 deleted, C1 after the period); B1, B2 a year earlier
    assert s["appeals"] == {"current": 6, "previous": 2, "delta": 4, "percent": 200.0}
    assert s["by_quarter"] == {"1": c(2, 2), "2": c(4, 0)}
    assert s["by_quarter"]["2"]["percent"] is None  # previous 0
    assert s["by_kind"]["statement"] == c(4, 1)
    assert s["by_kind"]["complaint"] == {"current": 1, "previous": 1, "delta": 0, "percent": 0.0}
    assert s["by_kind"]["message"] == c(1, 0) == s["messages"]  # by_kind.message always equals messages
    assert s["by_form"]["written"] == c(4, 2)
    assert s["by_form"]["electronic"] == c(1, 0)  # A2; the message A6 is not counted
    assert s["by_source"]["region"] == c(1, 0)
    assert s["by_source"]["feedback_platform"] == c(0, 0)
    assert s["repeated"] == c(1, 0)
    assert s["collective"] == c(1, 0)
    assert s["satisfaction"]["satisfied"] == c(1, 0)
    assert s["by_settlement"] == {"д. Малиновка": c(2, 0), "с. Ключи": c(4, 2)}  # A6 (no settlement) is a message


def test_question_units(data):
    s = data["sections"]
    assert s["questions"] == c(7, 2)
    assert s["by_section"]["0003"] == c(5, 2)
    assert s["by_section"]["0005"] == c(2, 0)
    assert s["by_thematic"] == {"0003.0009": c(5, 2), "0005.0005": c(2, 0)}  # only those that occur
    assert s["checks"] == {"on_control": c(2, 0), "commission": c(1, 0), "on_site": c(0, 0), "with_author": c(0, 0)}


def test_version_2_messages_questions_by_form_oral_and_shares(data):
    s = data["sections"]
    assert s["messages"] == c(1, 0)
    # questions by the appeal's form: written A1 (2), A4, A5, A8; electronic A2; phone A3; 2025: B1, B2 written
    assert s["questions_by_form"] == {"written": c(5, 2), "electronic": c(1, 0), "personal_reception": c(0, 0),
                                      "visiting_reception": c(0, 0), "phone": c(1, 0)}
    assert sum(v["current"] for v in s["questions_by_form"].values()) == s["questions"]["current"]
    assert s["oral"] == c(1, 0)  # A3 by phone
    assert s["by_quarter_form_questions"] == {
        "1": {"written": c(2, 2), "electronic": c(1, 0), "personal_reception": c(0, 0), "visiting_reception": c(0, 0),
              "phone": c(0, 0)},
        "2": {"written": c(3, 0), "electronic": c(0, 0), "personal_reception": c(0, 0), "visiting_reception": c(0, 0),
              "phone": c(1, 0)},
    }
    shares = s["shares"]
    assert list(shares) == ["results", "by_form", "by_kind"]
    # of the 7 questions: 1 supported (measures taken), 1 explained, ..., 3 in progress
    assert shares["results"]["in_progress"] == 42.9 and shares["results"]["supported"] == 14.3
    assert shares["results"]["answered"] == 0.0
    # of the 6 appeals: 4 written, 1 electronic, 1 by phone; 4 statements
    assert shares["by_form"] == {"written": 66.7, "electronic": 16.7, "personal_reception": 0.0,
                                 "visiting_reception": 0.0, "phone": 16.7}
    assert shares["by_kind"] == {"proposal": 16.7, "statement": 66.7, "complaint": 16.7, "info_request": 0.0}


def test_results_measures_taken_inside_supported_and_state_at_period_end(data):
    r = data["sections"]["results"]
    # A1: measures_taken + explained; A2: not_supported; A8: forwarded; A3 and A4 unanswered, A5 answered on
    # 05.07 (after the period): in progress. A6 (a message, supported) is not counted here.
    assert r["supported"] == c(1, 1)
    assert r["measures_taken"] == c(1, 0)
    assert r["explained"] == c(1, 1)
    assert r["not_supported"] == c(1, 0)
    assert r["forwarded"] == c(1, 0)
    assert r["answered"] == c(0, 0) and r["left_without_answer"] == c(0, 0)
    assert r["in_progress"] == c(3, 0)
    partition = sum(v["current"] for k, v in r.items() if k != "measures_taken")
    assert partition == data["sections"]["questions"]["current"]


def test_overdue_at_period_end(data):
    # A2 answered after its deadline; A4 unanswered with the deadline (04.06) before 30.06.
    # Not A3 (deadline after the period) nor A5 (answered after the period but within its deadline).
    assert data["sections"]["overdue"] == c(2, 0)


def test_a_later_period_end_sees_the_later_answer(office):
    s = report_to_json(office.reports.build(Period(date(2026, 1, 1), date(2026, 7, 31)), compare=False))["sections"]
    assert s["results"]["explained"]["current"] == 2  # A5 answered on 05.07
    assert s["results"]["in_progress"]["current"] == 2  # A3 and A4
    assert s["overdue"]["current"] == 3  # A3's deadline (20.07) has passed by 31.07
    assert list(s["by_quarter"]) == ["1", "2", "3"]


def test_period_ending_in_the_future_counts_overdue_as_of_today(office):
    # today is 20.11.2026; C1 (registered 01.08, deadline 31.08) is unanswered: overdue today already,
    # and a deadline after today would not be
    year = report_to_json(office.reports.build(Period(date(2026, 7, 1), date(2026, 12, 31)), compare=False))
    assert year["sections"]["overdue"]["current"] == 1


def test_without_comparison_previous_delta_percent_are_null(office):
    data = report_to_json(office.reports.build(H1, compare=False))
    assert data["previous"] is None
    s = data["sections"]
    assert s["appeals"] == {"current": 6, "previous": None, "delta": None, "percent": None}
    for section, keys in VOCABULARY_KEYS.items():
        for key in keys:
            assert s[section][key]["previous"] is None and s[section][key]["percent"] is None


@pytest.mark.parametrize(
    ("current", "previous", "percent"),
    [(1273, 1129, 12.8), (1434, 2601, -44.9), (163, 166, -1.8), (2, 3, -33.3), (4, 3, 33.3), (7, 7, 0.0),
     (1, 0, None), (0, 0, None), (5, None, None), (0, 4, -100.0)],
)
def test_percent_rule(current, previous, percent):
    f = Figure(current, previous)
    assert f.percent == percent
    if previous is not None and previous:
        assert f.percent == round((current - previous) / previous * 100, 1)


@pytest.mark.parametrize(
    ("start", "end", "quarters"),
    [
        ((2026, 1, 1), (2026, 3, 31), ["1"]),
        ((2026, 1, 1), (2026, 9, 30), ["1", "2", "3"]),
        ((2026, 7, 1), (2026, 12, 31), ["3", "4"]),
        ((2026, 3, 15), (2026, 4, 2), ["1", "2"]),
        ((2025, 11, 1), (2026, 2, 28), ["1", "4"]),
        ((2026, 5, 1), (2026, 5, 31), ["2"]),
    ],
)
def test_by_quarter_only_for_quarters_the_period_covers(office, start, end, quarters):
    data = report_to_json(office.reports.build(Period(date(*start), date(*end)), compare=True))
    assert list(data["sections"]["by_quarter"]) == quarters


def test_json_file_is_the_same_object(office, tmp_path):
    report = office.reports.build(H1, compare=True)
    path = write_report_json(report, tmp_path / "report.json")
    assert json.loads(path.read_text(encoding="utf-8")) == report_to_json(report)
    assert report_json_text(report).endswith("\n")
    # Russian text kept as is, not \u-escaped
    assert "с. Ключи" in path.read_text(encoding="utf-8")


def test_messages_are_apart_from_the_appeals(office):
    report = office.reports.build(H1, compare=True)
    m = report.messages
    assert m.messages.current == 1 and report.figure("appeals").current == 6
    assert m.by_source["feedback_platform"].current == 1
    assert m.results["supported"].current == 1


def test_largest_topics(office):
    report = office.reports.build(H1, compare=True, top_n=1)
    assert [t.code for t in report.top_thematics] == ["0003.0009"]
    assert report.top_thematics[0].figure == Figure(5, 2)
    assert report.top_thematics[0].name == "Хозяйственная деятельность"
    assert len(report.top_questions) == 1
    assert report.top_questions[0].code == "0003.0009.0097.0690"
    assert office.reports.build(H1, top_n=0).top_questions == ()


def test_aggregation_runs_a_handful_of_queries(office):
    """Two grouped queries per period (plus the names of settlements and classifier entries)."""
    from sqlalchemy import event

    statements = []
    engine = office._db.engine

    def count(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        office.reports.build(H1, compare=True)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    grouped = [s for s in statements if "GROUP BY" in s.upper()]
    assert len(grouped) == 4
    assert len(statements) <= 10
