"""What a valid inspection draft is stored as: its ref, the importer's problems with it, the
key questions to store and the table fields."""

from collections.abc import Iterable
from dataclasses import asdict
from datetime import date
from typing import Any

from sqlmodel import Session

from dashboard.core.refusal import Problem
from dashboard.core.vocabulary import ALL_KEY_QUESTIONS
from dashboard.exchange.cells import cell_text
from dashboard.exchange.forms import check_form_row
from dashboard.inspections import queries
from dashboard.inspections.rules import (
    InspectionDraft,
    fixed_key_questions,
)


def next_inspection_ref(session: Session, start_on: date) -> str:
    """The next free ref of the start year, e.g. `INS-2026-038`."""
    prefix = f"INS-{start_on.year}-"
    numbers = [
        int(ref[len(prefix) :])
        for ref in queries.refs_starting(session, prefix)
        if ref[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def _field_problems(problems: Iterable[Problem]) -> list[Problem]:
    return [Problem.about(problem.field or "form", problem.message) for problem in problems]


def _draft_problems(
    session: Session, ref: str, draft: InspectionDraft, *, new: bool, made_key: bool = False
) -> list[Problem]:
    """The importer's problems with the row: the form and an upload follow one set of rules."""
    cells = {"ref": ref} | {name: cell_text(value) for name, value in asdict(draft).items()}
    return _field_problems(
        check_form_row(session, "inspections", cells, new=new, made_key=made_key)
    )


def _scope(draft: InspectionDraft, stored: str | None) -> str | None:
    """The key questions to store: empty for the type's own scope (or as already stored)."""
    named = {kq.strip().lower() for kq in draft.key_questions}
    fixed = fixed_key_questions(draft.inspection_type)
    if fixed is not None and (not named or named == set(fixed)):
        return (
            stored if stored is not None and set(queries.split_list(stored)) == set(fixed) else None
        )
    return ";".join(kq for kq in ALL_KEY_QUESTIONS if kq in named) or None


def _fields(session: Session, draft: InspectionDraft, stored: str | None) -> dict[str, Any]:
    """Table fields for a valid draft."""
    values = asdict(draft)
    group_code = values.pop("group_code")
    values["key_questions"] = _scope(draft, stored)
    for name in ("mode", "trigger", "lead_inspector"):
        values[name] = " ".join((values[name] or "").split()) or None
    return {"group_id": queries.group_id(session, group_code or ""), **values}
