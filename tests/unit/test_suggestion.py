"""The type suggested for a group's next inspection, with its reason, worked by hand."""

from datetime import date

import pytest

from dashboard.planning.rules.suggestion import (
    GroupHistory,
    PastInspection,
    ServiceOpening,
    Suggestion,
    suggest_next_inspection,
)

D = date.fromisoformat
AS_OF = D("2026-11-02")
ALL_FIVE = ("safe", "effective", "caring", "responsive", "well-led")


def history(**overrides: object) -> GroupHistory:
    """A group opened in 2020, inspected (routine) in January 2026, nothing open."""
    values: dict[str, object] = {
        "group_code": "G1",
        "as_of": AS_OF,
        "services": (ServiceOpening("S1", D("2020-05-01")),),
        "inspections": (PastInspection("I1", D("2026-01-12"), "routine"),),
    }
    values.update(overrides)
    return GroupHistory(**values)  # type: ignore[arg-type]


def kind_and_scope(suggestion: Suggestion) -> tuple[str, tuple[str, ...]]:
    return suggestion.inspection_type, suggestion.key_questions


def test_group_with_nothing_open_gets_assurance_on_safe_and_well_led() -> None:
    suggestion = suggest_next_inspection(history())
    assert kind_and_scope(suggestion) == ("assurance", ("safe", "well-led"))
    assert suggestion.trigger == "routine"
    assert suggestion.reason.startswith("Assurance:")


def test_service_opened_after_the_last_inspection_makes_it_comprehensive() -> None:
    services = (ServiceOpening("S1", D("2020-05-01")), ServiceOpening("S2", D("2026-03-02")))
    suggestion = suggest_next_inspection(history(services=services))
    assert kind_and_scope(suggestion) == ("comprehensive", ALL_FIVE)
    assert suggestion.trigger == "new service"
    assert suggestion.reason == (
        "Comprehensive: service S2 opened on 2 March 2026 and has not been inspected since."
    )


def test_service_opened_on_the_day_of_the_last_inspection_counts_as_inspected() -> None:
    services = (ServiceOpening("S2", D("2026-01-12")),)
    assert suggest_next_inspection(history(services=services)).inspection_type == "assurance"


def test_closed_new_service_does_not_make_it_comprehensive() -> None:
    services = (
        ServiceOpening("S1", D("2020-05-01")),
        ServiceOpening("S2", D("2026-03-02"), closed_on=D("2026-06-30")),
    )
    assert suggest_next_inspection(history(services=services)).inspection_type == "assurance"


def test_a_planned_inspection_does_not_count_as_inspecting_a_new_service() -> None:
    services = (ServiceOpening("S2", D("2026-03-02")),)
    inspections = (
        PastInspection("I1", D("2026-01-12"), "routine"),
        PastInspection("I2", D("2026-12-01"), "new service"),
    )
    suggestion = suggest_next_inspection(history(services=services, inspections=inspections))
    assert suggestion.inspection_type == "comprehensive"


def test_group_never_inspected_names_every_open_service() -> None:
    services = (ServiceOpening("S1", D("2026-05-01")), ServiceOpening("S2", D("2026-06-01")))
    suggestion = suggest_next_inspection(history(services=services, inspections=()))
    assert suggestion.inspection_type == "comprehensive"
    assert "services S1 and S2 have not been inspected" in suggestion.reason


@pytest.mark.parametrize(
    ("inspections", "flag", "why"),
    [
        # the latest inspection was asked for by the Home Office
        ((PastInspection("I1", D("2026-01-12"), "home office request"),), False, "(I1)"),
        # an earlier one was, the latest was routine: the request has been answered
        (
            (
                PastInspection("I0", D("2025-01-13"), "home office request"),
                PastInspection("I1", D("2026-01-12"), "routine"),
            ),
            None,
            None,
        ),
        # a planned inspection carries the request
        (
            (
                PastInspection("I1", D("2026-01-12"), "routine"),
                PastInspection("I2", D("2027-01-11"), "home office request"),
            ),
            False,
            "(I2)",
        ),
        # the caller passes the request
        ((PastInspection("I1", D("2026-01-12"), "routine"),), True, "has asked"),
    ],
)
def test_home_office_request_makes_it_comprehensive(
    inspections: tuple[PastInspection, ...], flag: bool | None, why: str | None
) -> None:
    suggestion = suggest_next_inspection(
        history(inspections=inspections, home_office_request=bool(flag))
    )
    if why is None:
        assert suggestion.inspection_type == "assurance"
        return
    assert kind_and_scope(suggestion) == ("comprehensive", ALL_FIVE)
    assert suggestion.trigger == "home office request"
    assert why in suggestion.reason


def test_new_service_outranks_open_recommendations() -> None:
    services = (ServiceOpening("S2", D("2026-03-02")),)
    suggestion = suggest_next_inspection(
        history(services=services, open_recommendation_key_questions=("safe",))
    )
    assert suggestion.inspection_type == "comprehensive"


def test_open_recommendations_focus_on_their_key_questions_in_canonical_order() -> None:
    suggestion = suggest_next_inspection(
        history(open_recommendation_key_questions=("well-led", "caring", "well-led", None))
    )
    assert kind_and_scope(suggestion) == ("focused", ("caring", "well-led"))
    assert suggestion.trigger == "follow-up"
    assert suggestion.reason == (
        "Focused on caring and well-led: 4 open recommendations to follow up."
    )


def test_unresolved_escalation_alone_focuses_on_safe_and_well_led() -> None:
    suggestion = suggest_next_inspection(history(unresolved_escalations=("ESC-7",)))
    assert kind_and_scope(suggestion) == ("focused", ("safe", "well-led"))
    assert suggestion.trigger == "concern"
    assert suggestion.reason == (
        "Focused on safe and well-led: 1 unresolved escalation (ESC-7) to follow up."
    )


def test_escalation_with_recommendations_keeps_the_recommendations_scope() -> None:
    suggestion = suggest_next_inspection(
        history(open_recommendation_key_questions=("effective",), unresolved_escalations=("E1",))
    )
    assert kind_and_scope(suggestion) == ("focused", ("effective",))
    assert "1 open recommendation and 1 unresolved escalation (E1)" in suggestion.reason


def test_recommendations_without_key_questions_focus_on_safe_and_well_led() -> None:
    suggestion = suggest_next_inspection(history(open_recommendation_key_questions=(None,)))
    assert kind_and_scope(suggestion) == ("focused", ("safe", "well-led"))


def test_suggestion_is_frozen() -> None:
    suggestion = suggest_next_inspection(history())
    with pytest.raises(AttributeError):
        suggestion.inspection_type = "focused"  # type: ignore[misc]


# Boundaries, each on the day before, the day itself and the day after (docs/mutation.md).


@pytest.mark.parametrize(
    ("inspected_on", "kind"),
    [
        ("2026-11-01", "assurance"),
        ("2026-11-02", "assurance"),  # inspected on the as-of date: done by then
        ("2026-11-03", "comprehensive"),  # after it: planned, not done
    ],
)
def test_an_inspection_done_by_the_as_of_date_inspects_a_new_service(
    inspected_on: str, kind: str
) -> None:
    services = (ServiceOpening("S2", D("2026-03-02")),)
    inspections = (PastInspection("I2", D(inspected_on), "new service"),)
    suggestion = suggest_next_inspection(history(services=services, inspections=inspections))
    assert suggestion.inspection_type == kind


@pytest.mark.parametrize(
    ("closed_on", "kind"),
    [
        ("2026-11-01", "assurance"),
        ("2026-11-02", "assurance"),  # closes on the as-of date: not open on it
        ("2026-11-03", "comprehensive"),  # still open on the as-of date
    ],
)
def test_a_new_service_counts_until_the_day_it_closes(closed_on: str, kind: str) -> None:
    services = (
        ServiceOpening("S1", D("2020-05-01")),
        ServiceOpening("S2", D("2026-03-02"), closed_on=D(closed_on)),
    )
    assert suggest_next_inspection(history(services=services)).inspection_type == kind


@pytest.mark.parametrize("asked_on", ["2026-11-01", "2026-11-02", "2026-11-03"])
def test_a_home_office_request_counts_done_or_planned_around_the_as_of_date(
    asked_on: str,
) -> None:
    # done by the date, it is the latest inspection; after it, a planned one
    inspections = (
        PastInspection("I1", D("2026-01-12"), "routine"),
        PastInspection("I2", D(asked_on), "home office request"),
    )
    suggestion = suggest_next_inspection(history(inspections=inspections))
    assert (suggestion.inspection_type, suggestion.reason) == (
        "comprehensive",
        "Comprehensive: the Home Office asked for it (I2).",
    )


def test_of_two_inspections_on_the_as_of_date_only_the_latest_ref_answers_for_the_request() -> None:
    # both done on the date: I3 (routine) is the latest, so I2's request has been answered
    inspections = (
        PastInspection("I2", AS_OF, "home office request"),
        PastInspection("I3", AS_OF, "routine"),
    )
    assert suggest_next_inspection(history(inspections=inspections)).inspection_type == (
        "assurance"
    )


@pytest.mark.parametrize(
    ("key_questions", "reason"),
    [
        (("safe",), "Focused on safe: 1 open recommendation to follow up."),
        (("safe", "safe"), "Focused on safe: 2 open recommendations to follow up."),
        (
            ("caring", "safe"),
            "Focused on safe and caring: 2 open recommendations to follow up.",
        ),
    ],
)
def test_the_focused_reason_counts_and_lists_in_words(
    key_questions: tuple[str, ...], reason: str
) -> None:
    suggestion = suggest_next_inspection(history(open_recommendation_key_questions=key_questions))
    assert suggestion.reason == reason
