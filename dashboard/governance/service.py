"""Writing governance records: meetings, actions and dated action updates.

Meetings and actions are checked and saved through the importer's rules
(`dashboard.exchange.forms`), so a form and an upload can never disagree. Bad input raises
`ImportRejected` whose problems name the field; nothing is written.
"""

from collections.abc import Iterable
from datetime import date

from sqlmodel import Session, col, select

from dashboard.core.audit import field_changes, record_change
from dashboard.core.editing import save_edit
from dashboard.core.permissions import MANAGERS, Actor, require_role
from dashboard.core.plain_text import refuse_control_characters
from dashboard.core.vocabulary import ActionStatus
from dashboard.exchange.cells import CellError, cell_text, parse_cell
from dashboard.exchange.formats import Column, Kind
from dashboard.exchange.forms import check_form_row, save_form_row, stored_row
from dashboard.exchange.problems import ImportRejected, Problem
from dashboard.follow_ups.rules import repeats_an_update
from dashboard.governance import queries
from dashboard.governance.rules import CLOSED_ACTION_STATUSES
from dashboard.governance.rules.meetings import action_stem, next_action_ref
from models.base import TEXT_LENGTH
from models.governance import Action, ActionUpdate, Meeting

MEETINGS = "meetings"
ACTIONS = "actions"
UPDATE_LABEL = "action update"
DateCell = date | str | None


def _text(value: DateCell) -> str:
    """A form value as the exchange format writes it (dates ISO, None empty)."""
    return cell_text(value).strip()


def attendees_cell(attendees: str | Iterable[str] | None) -> str:
    """Attendees from lines or a list as one `;`-separated cell, blanks dropped."""
    if attendees is None:
        return ""
    items = attendees.replace("\n", ";").split(";") if isinstance(attendees, str) else attendees
    return ";".join(item.strip() for item in items if item.strip())


def _meeting_cells(
    ref: str,
    held_on: DateCell,
    kind: str,
    attendees: str | Iterable[str] | None,
    notes: str | None,
) -> dict[str, str]:
    """A meeting form's values as the row of `meetings.csv` it creates or edits."""
    return {
        "ref": ref,
        "held_on": _text(held_on),
        "kind": kind,
        "attendees": attendees_cell(attendees),
        "notes": notes or "",
    }


def create_meeting(
    session: Session,
    *,
    actor: Actor,
    ref: str,
    held_on: DateCell,
    kind: str,
    attendees: str | Iterable[str] | None = None,
    notes: str | None = None,
) -> None:
    """Record a new meeting; its ref must be new."""
    require_role(actor, MANAGERS, "create a meeting")
    cells = _meeting_cells(ref, held_on, kind, attendees, notes)
    save_form_row(session, MEETINGS, cells, actor=actor, new=True)


def edit_meeting(
    session: Session,
    *,
    actor: Actor,
    ref: str,
    expected_version: int,
    held_on: DateCell,
    kind: str,
    attendees: str | Iterable[str] | None = None,
    notes: str | None = None,
) -> bool:
    """Save an edited meeting opened at `expected_version`; True when something changed."""
    require_role(actor, MANAGERS, "edit a meeting")
    cells = _meeting_cells(ref, held_on, kind, attendees, notes)
    summary = save_form_row(
        session, MEETINGS, cells, actor=actor, expected_version=expected_version
    )
    return summary.file(MEETINGS).updated > 0


def create_action(
    session: Session,
    *,
    actor: Actor,
    ref: str,
    meeting_ref: str,
    text: str,
    owner_org: str,
    owner_name: str | None,
    due_on: DateCell,
    status: str = ActionStatus.OPEN,
) -> str:
    """Raise a new action at a meeting and return its ref: one given must be new; a blank one
    takes the meeting's next free number, read in this transaction."""
    require_role(actor, MANAGERS, "add an action")
    made = not ref.strip()
    ref = ref.strip() or next_action_ref(
        meeting_ref, queries.action_refs(session, action_stem(meeting_ref))
    )
    cells = {
        "ref": ref,
        "meeting_ref": meeting_ref,
        "text": text,
        "owner_org": owner_org,
        "owner_name": owner_name or "",
        "due_on": _text(due_on),
        "status": status,
        "closed_on": "",
    }
    save_form_row(session, ACTIONS, cells, actor=actor, new=True, made_key=made)
    return ref


def edit_action(
    session: Session,
    *,
    actor: Actor,
    ref: str,
    expected_version: int,
    text: str,
    owner_org: str,
    owner_name: str | None,
    due_on: DateCell,
) -> bool:
    """Save an action's text, owner and due date (status changes go through updates)."""
    require_role(actor, MANAGERS, "edit an action")
    stored = stored_row(session, ACTIONS, {"ref": ref})
    if stored is None:
        raise ImportRejected([Problem("actions.csv", None, "ref", f"action {ref!r} not found")])
    cells = {
        **stored.cells,
        "text": text,
        "owner_org": owner_org,
        "owner_name": owner_name or "",
        "due_on": _text(due_on),
    }
    summary = save_form_row(session, ACTIONS, cells, actor=actor, expected_version=expected_version)
    return summary.file(ACTIONS).updated > 0


def _update_day(on: DateCell) -> tuple[date | None, list[Problem]]:
    """The update's date, or the problem with it."""
    try:
        day = parse_cell(Column("on", Kind.DATE), _text(on))
    except CellError as error:
        return None, [Problem(UPDATE_LABEL, None, "on", str(error))]
    if day is None:
        return None, [Problem(UPDATE_LABEL, None, "on", "a value is required")]
    return day, []


def _update_problems(status: str | None, note: str | None) -> list[Problem]:
    """The update's other fields: a known status, a note that fits, and one of the two given."""
    problems = []
    if status and status not in tuple(ActionStatus):
        message = f"{status!r} is not allowed; use one of: {', '.join(ActionStatus)}"
        problems.append(Problem(UPDATE_LABEL, None, "status", message))
    if note and len(note) > TEXT_LENGTH:
        message = f"is {len(note)} characters long; at most {TEXT_LENGTH} fit"
        problems.append(Problem(UPDATE_LABEL, None, "note", message))
    if not (note or "").strip() and not status:
        problems.append(Problem(UPDATE_LABEL, None, "note", "give a note or a new status"))
    return problems


def _action(session: Session, ref: str) -> tuple[Action, date]:
    """The action with this ref and the date of the meeting it was raised at."""
    row = session.exec(
        select(Action, col(Meeting.held_on))
        .join(Meeting, col(Action.meeting_id) == col(Meeting.id))
        .where(Action.ref == ref)
    ).first()
    if row is None:
        raise ImportRejected([Problem(UPDATE_LABEL, None, "action", f"action {ref!r} not found")])
    return row[0], row[1]


def add_action_update(
    session: Session,
    *,
    actor: Actor,
    action_ref: str,
    expected_version: int,
    on: DateCell,
    note: str | None = None,
    status: str | None = None,
) -> ActionUpdate:
    """Add a dated update; a new status moves the action (closing or reopening it), audited."""
    require_role(actor, MANAGERS, "update an action")
    refuse_control_characters(note=note)
    action, raised_on = _action(session, action_ref)
    day, problems = _update_day(on)
    if day is not None and day < raised_on:
        message = f"{day.isoformat()} is before the meeting it was raised at ({raised_on})"
        problems.append(Problem(UPDATE_LABEL, None, "on", message))
    problems += _update_problems(status, note)
    if problems or day is None:
        raise ImportRejected(problems)
    _refuse_a_repeat(session, action_ref, day, note, status)
    values = _status_values(action, status, day)
    _check_action_row(session, action_ref, values)
    save_edit(
        session,
        action,
        values,
        actor=actor.username,
        entity=ACTIONS,
        key=action_ref,
        expected_version=expected_version,
    )
    assert action.id is not None  # read from the database
    update = ActionUpdate(
        action_id=action.id,
        on=day,
        by=actor.display_name,
        note=(note or "").strip() or None,
        status=status or None,
    )
    session.add(update)
    session.flush()
    logged = {
        "action_ref": action_ref,
        "on": day,
        "by": update.by,
        "note": update.note,
        "status": update.status,
    }
    record_change(
        session,
        actor=actor.username,
        action="create",
        entity="action_updates",
        entity_key=f"{action_ref} | {day.isoformat()}",
        changes=field_changes({}, logged),
    )
    return update


def _refuse_a_repeat(
    session: Session, action_ref: str, day: date, note: str | None, status: str | None
) -> None:
    """Refuse an update the same as one already on the action for that day (a second click)."""
    earlier = [
        u.note
        for u in queries.action_updates(session, action_ref)
        if u.on == day and (u.status or None) == (status or None)
    ]
    if repeats_an_update(note, earlier):
        message = (
            f"this update was already added to {action_ref} for {day.isoformat()}; "
            "it is not added twice"
        )
        raise ImportRejected([Problem(UPDATE_LABEL, None, "note", message)])


def _status_values(action: Action, status: str | None, day: date) -> dict[str, object]:
    """The action's new status and closed date: closing sets it, reopening clears it."""
    if not status or status == action.status:
        return {}
    closed_on = day if status in CLOSED_ACTION_STATUSES else None
    return {"status": status, "closed_on": closed_on}


def _check_action_row(session: Session, ref: str, values: dict[str, object]) -> None:
    """The action as the update leaves it must still pass the importer's rules."""
    if not values:
        return
    stored = stored_row(session, ACTIONS, {"ref": ref})
    if stored is None:
        return
    cells = {**stored.cells, **{name: cell_text(value) for name, value in values.items()}}
    problems = check_form_row(session, ACTIONS, cells)
    if problems:
        raise ImportRejected(problems)
