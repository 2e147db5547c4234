"""One inspection's detail for its page: the draft its edit form starts from, the evidence base
and the information request log."""

from datetime import date

import pandas as pd

from dashboard.inspections.queries import InspectionDetail, RequestFact
from dashboard.inspections.rules import (
    InspectionDraft,
    default_request_due_on,
)

# What a partner reads in place of judgements, draft and factual accuracy until the final
# report was sent to them.
REPORT_IN_PROGRESS = "report in progress"


def draft_of(detail: InspectionDetail) -> InspectionDraft:
    """An inspection as its edit form starts out."""
    row, dates = detail.row, detail.row.dates
    fixed = row.inspection_type in ("comprehensive", "assurance")
    return InspectionDraft(
        group_code=row.group_code,
        inspection_type=row.inspection_type,
        mode=row.mode,
        key_questions=() if fixed else row.key_questions,
        trigger=row.trigger,
        lead_inspector=row.lead_inspector,
        announced_on=dates.announced_on,
        pir_requested_on=dates.pir_requested_on,
        pir_returned_on=dates.pir_returned_on,
        start_on=dates.start_on,
        end_on=dates.end_on,
        draft_sent_on=dates.draft_sent_on,
        fa_returned_on=dates.fa_returned_on,
        final_sent_on=dates.final_sent_on,
        early_outcome_letter_on=row.early_outcome_letter_on,
    )


def evidence_frame(detail: InspectionDetail) -> pd.DataFrame:
    """The evidence base as counts (never survivor details), and the factual accuracy outcome."""
    evidence = detail.evidence
    languages = evidence.survey_languages

    def shown(value: object) -> str:
        return "not recorded" if value is None else str(value)

    panel = {True: "yes", False: "no", None: "not recorded"}[evidence.quality_panel_review]
    rows = [
        ("Survivor survey responses received", shown(evidence.survey_responses)),
        (
            "Languages of the responses",
            f"{len(languages)}: {', '.join(languages)}" if languages else "none recorded",
        ),
        ("Survivors spoken with", shown(evidence.survivors_spoken_with)),
        ("Staff interviewed", shown(evidence.staff_interviewed)),
        ("Cases reviewed", shown(evidence.cases_reviewed)),
        ("Factual accuracy outcome", shown(evidence.fa_outcome)),
        ("Quality panel review needed (a judgement changed)", panel),
    ]
    if detail.row.dates.report_withheld:
        rows[-2:] = [("Factual accuracy and quality panel", REPORT_IN_PROGRESS)]
    return pd.DataFrame(rows, columns=["Evidence", "Value"])


def requests_frame(detail: InspectionDetail, as_of: date) -> pd.DataFrame:
    """The information request log, with whether each answer is late."""

    def state(request: RequestFact) -> str:
        if request.received_on is not None and request.received_on <= as_of:
            return "received late" if request.received_on > request.due_on else "received"
        return "overdue" if as_of > request.due_on else "awaited"

    return pd.DataFrame(
        [
            {
                "Asked on": r.asked_on,
                "What was asked": r.text,
                "Due on": r.due_on,
                "Received on": r.received_on,
                "State": state(r),
                "Asked by": r.asked_by or "",
            }
            for r in detail.requests
        ],
        columns=["Asked on", "What was asked", "Due on", "Received on", "State", "Asked by"],
    )


def request_due_default(detail: InspectionDetail, asked_on: date | None) -> date:
    """When a new information request falls due unless the inspector says otherwise."""
    dates = detail.row.dates
    return default_request_due_on(dates.end_on or dates.start_on, asked_on)
