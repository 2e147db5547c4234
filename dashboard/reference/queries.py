"""Reads of the reference data (providers, groups, services, MoU terms) in the exchange format."""

from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import or_
from sqlmodel import Session, col, func, select

from dashboard.exchange.formats import FORMAT_BY_NAME
from dashboard.exchange.rows import KeyIndex, model_values
from models.programme import InspectionGroup, Provider, Service

REFERENCE_FILES = ("providers", "inspection_groups", "services", "mou_terms")


def exchange_frame(session: Session, file_name: str) -> pd.DataFrame:
    """Every row of one exchange file as the format's typed values (codes, not ids), by key."""
    fmt = FORMAT_BY_NAME[file_name]
    model: Any = fmt.model
    index = KeyIndex(session)
    rows = session.exec(select(model).order_by(getattr(model, fmt.key[0]))).all()
    records = [model_values(row, fmt.columns, index) for row in rows]
    return pd.DataFrame.from_records(records, columns=list(fmt.column_names))


def _open_on(on: date) -> Any:
    """Services open on a date: opened by then and not closed by then."""
    return (Service.opened_on <= on) & or_(
        Service.closed_on.is_(None),  # type: ignore[union-attr]
        col(Service.closed_on) > on,  # type: ignore[operator]
    )


def open_service_counts(session: Session, on: date) -> dict[str, dict[str, int]]:
    """Open services on a date per group code and per provider code."""
    by_group = session.exec(
        select(InspectionGroup.code, func.count(col(Service.id)))
        .join(Service, col(Service.group_id) == col(InspectionGroup.id))
        .where(_open_on(on))
        .group_by(col(InspectionGroup.code))
    ).all()
    by_provider = session.exec(
        select(Provider.code, func.count(col(Service.id)))
        .join(Service, col(Service.provider_id) == col(Provider.id))
        .where(_open_on(on))
        .group_by(col(Provider.code))
    ).all()
    return {"inspection_groups": dict(by_group), "providers": dict(by_provider)}


def reference_frame(session: Session, file_name: str, on: date) -> pd.DataFrame:
    """A reference file's rows for the admin list, with open services counted on a date."""
    frame = exchange_frame(session, file_name)
    if file_name in ("providers", "inspection_groups"):
        counts = open_service_counts(session, on)[file_name]
        frame["open_services"] = [counts.get(code, 0) for code in frame["code"]]
    if file_name == "inspection_groups":
        members = group_members(session)
        frame["services"] = ["; ".join(members.get(code, [])) for code in frame["code"]]
    elif file_name == "services":
        frame["open"] = [
            opened is not None and opened <= on and (closed is None or closed > on)
            for opened, closed in zip(frame["opened_on"], frame["closed_on"], strict=True)
        ]
    return frame


def group_members(session: Session) -> dict[str, list[str]]:
    """The codes of every group's services (open or closed), by group code."""
    rows = session.exec(
        select(InspectionGroup.code, Service.code)
        .join(Service, col(Service.group_id) == col(InspectionGroup.id))
        .order_by(col(InspectionGroup.code), col(Service.code))
    ).all()
    members: dict[str, list[str]] = {}
    for group_code, service_code in rows:
        members.setdefault(group_code, []).append(service_code)
    return members


def services_left_open(
    session: Session,
    on: date,
    *,
    group_code: str | None = None,
    provider_code: str | None = None,
) -> list[str]:
    """Codes of a group's or provider's services not closed on or before a date, by code."""
    statement = select(Service.code).where(
        or_(col(Service.closed_on).is_(None), col(Service.closed_on) > on)
    )
    if group_code is not None:
        statement = statement.join(
            InspectionGroup,
            col(Service.group_id) == col(InspectionGroup.id),
        ).where(InspectionGroup.code == group_code)
    if provider_code is not None:
        statement = statement.join(
            Provider,
            col(Service.provider_id) == col(Provider.id),
        ).where(Provider.code == provider_code)
    return list(session.exec(statement.order_by(col(Service.code))).all())
