"""What the database already holds that an import's references may point at."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, select

from dashboard.core.key_questions import key_questions_in_scope, parse_key_questions
from dashboard.core.vocabulary import InspectionType
from dashboard.exchange.rows import KeyIndex
from models import (
    Action,
    Inspection,
    InspectionGroup,
    JudgementRecord,
    Meeting,
    NationalRecommendation,
    Provider,
    Recommendation,
    Service,
)


@dataclass(frozen=True)
class InspectionFacts:
    """The parts of an inspection other files are checked against."""

    group_code: str | None
    inspection_type: str | None
    key_questions: tuple[str, ...]

    def scope(self) -> tuple[str, ...] | None:
        """The key questions in scope, or None when the type or list is itself invalid."""
        try:
            return tuple(
                key_questions_in_scope(
                    InspectionType(self.inspection_type or ""),
                    parse_key_questions(";".join(self.key_questions)),
                )
            )
        except ValueError:
            return None


@dataclass
class Known:
    """Keys and links by code: from the database, then overlaid with the import's own rows."""

    keys: dict[str, set[str]] = field(default_factory=dict)
    group_provider: dict[str, str] = field(default_factory=dict)
    service_group: dict[str, str] = field(default_factory=dict)
    inspections: dict[str, InspectionFacts] = field(default_factory=dict)
    # recommendation ref → (inspection ref, service code) as stored
    recommendation_links: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    # inspection ref → key questions judged, as stored (a new scope must keep them)
    judged: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The database's keys of a file keyed by several columns (follow-ups), read when first asked.
    stored_keys: Callable[[str], set[tuple[Any, ...]]] = field(default=lambda _file: set())

    def has(self, file: str, key: str) -> bool:
        """Whether a row of `file` with this key exists."""
        return key in self.keys.get(file, set())


def load_known(session: Session) -> Known:
    """The keys and links held in the database, a handful of queries in all."""
    groups = session.exec(
        select(InspectionGroup.code, Provider.code).join(
            Provider,
            InspectionGroup.provider_id == Provider.id,  # type: ignore[arg-type]
        )
    ).all()
    services = session.exec(
        select(Service.code, InspectionGroup.code).join(
            InspectionGroup,
            Service.group_id == InspectionGroup.id,  # type: ignore[arg-type]
        )
    ).all()
    inspections = session.exec(
        select(
            Inspection.ref,
            InspectionGroup.code,
            Inspection.inspection_type,
            Inspection.key_questions,
        ).join(InspectionGroup, Inspection.group_id == InspectionGroup.id)  # type: ignore[arg-type]
    ).all()
    recommendations = session.exec(
        select(Recommendation.ref, Inspection.ref, Service.code)
        .join(Inspection, Recommendation.inspection_id == Inspection.id)  # type: ignore[arg-type]
        .outerjoin(Service, Recommendation.service_id == Service.id)  # type: ignore[arg-type]
    ).all()
    return Known(
        keys={
            "providers": set(session.exec(select(Provider.code)).all()),
            "inspection_groups": {code for code, _ in groups},
            "services": {code for code, _ in services},
            "inspections": {ref for ref, *_ in inspections},
            "recommendations": {ref for ref, *_ in recommendations},
            "meetings": set(session.exec(select(Meeting.ref)).all()),
            "actions": set(session.exec(select(Action.ref)).all()),
            "national_recommendations": set(session.exec(select(NationalRecommendation.ref)).all()),
        },
        group_provider=dict(groups),
        service_group=dict(services),
        inspections={
            ref: InspectionFacts(group, kind, _split(given))
            for ref, group, kind, given in inspections
        },
        recommendation_links={
            ref: (inspection, service) for ref, inspection, service in recommendations
        },
        judged=_judged(session),
        stored_keys=_stored_keys(session),
    )


def _judged(session: Session) -> dict[str, tuple[str, ...]]:
    """Key questions judged per inspection ref."""
    judged: dict[str, tuple[str, ...]] = {}
    for ref, key_question in session.exec(
        select(Inspection.ref, JudgementRecord.key_question).join(
            Inspection,
            JudgementRecord.inspection_id == Inspection.id,  # type: ignore[arg-type]
        )
    ):
        judged[ref] = (*judged.get(ref, ()), key_question)
    return judged


def _stored_keys(session: Session) -> Callable[[str], set[tuple[Any, ...]]]:
    """Composite keys by file, each file read from the database once, only when asked."""
    return KeyIndex(session).keys


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(item.strip() for item in (text or "").split(";") if item.strip())
