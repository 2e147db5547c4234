"""The data exchange format: one declarative spec per file, in dependency order."""

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from sqlmodel import SQLModel

from dashboard.core.vocabulary import (
    ActionStatus,
    GroupBasis,
    InspectionMode,
    InspectionStatus,
    InspectionType,
    Judgement,
    KeyQuestion,
    MeetingKind,
    OwnerOrg,
    RecommendationOwner,
    RecommendationStatus,
    Risk,
    ServiceType,
    Trigger,
)
from dashboard.inspections.rules import FactualAccuracyOutcome
from models import (
    Action,
    ActionUpdate,
    Escalation,
    EvidenceFile,
    FollowUp,
    GoodPractice,
    InformationRequest,
    Inspection,
    InspectionGroup,
    JudgementRecord,
    Meeting,
    MouTerm,
    Provider,
    Recommendation,
    Service,
)

LIST_SEPARATOR = ";"


class Kind(StrEnum):
    """How a column's cells are written and parsed."""

    TEXT = "text"
    DATE = "date"
    INT = "int"
    YES_NO = "yes-no"
    # An instant: ISO 8601 date and time with its UTC offset, written in UTC.
    TIMESTAMP = "timestamp"
    # A SHA-256 checksum: 64 hexadecimal digits, written in lower case.
    SHA256 = "sha-256"
    ENUM = "enum"
    ENUM_LIST = "list-of-enum"


@dataclass(frozen=True)
class Column:
    """One column of a file: its kind, whether required, and what it maps to in the table."""

    name: str
    kind: Kind = Kind.TEXT
    required: bool = False
    values: tuple[str, ...] = ()
    field: str = ""
    references: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    # Part of a composite reference to a row of another file, a file whose key has several
    # columns: (that file, the model field holding the row's id, position in that file's key).
    part_of: tuple[str, str, int] | None = None

    @cached_property
    def attribute(self) -> str:
        """The model attribute this column is stored in."""
        return self.field or self.name


@dataclass(frozen=True)
class FileFormat:
    """One file of the exchange format and the table it fills."""

    name: str
    label: str
    model: type[SQLModel]
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    # (earlier, later) date columns: `later` may not be before `earlier` when both are given.
    date_order: tuple[tuple[str, str], ...] = ()
    # (column, value, other): `other` is required when the row's `column` is `value`, and must be
    # empty when the row gives `column` another value (e.g. a reason only for a cancellation).
    only_when: tuple[tuple[str, str, str], ...] = ()
    # (column, other): the two may not hold the same value (e.g. a row naming itself).
    not_same: tuple[tuple[str, str], ...] = ()

    @property
    def file_name(self) -> str:
        """The CSV file name, e.g. `services.csv`."""
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        """Column names in the order files write them."""
        return tuple(column.name for column in self.columns)

    @cached_property
    def _column_by_name(self) -> dict[str, Column]:
        return {column.name: column for column in self.columns}

    def column(self, name: str) -> Column:
        """The column called `name`."""
        return self._column_by_name[name]

    def max_length(self, column: Column) -> int | None:
        """The longest text the table can store for a text column, if limited."""
        if column.kind is not Kind.TEXT or column.references or column.part_of:
            return None
        table_column = self.model.__table__.c[column.attribute]  # type: ignore[attr-defined]
        length = getattr(table_column.type, "length", None)
        return length if isinstance(length, int) else None


def _values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


def text(name: str, *, required: bool = False, field: str = "") -> Column:
    """A free-text column."""
    return Column(name, Kind.TEXT, required, field=field)


def on(name: str, *, required: bool = False, field: str = "") -> Column:
    """An ISO date column."""
    return Column(name, Kind.DATE, required, field=field)


def choice(name: str, enum: type[StrEnum], *, required: bool = False) -> Column:
    """A column holding one value of an enumeration."""
    return Column(name, Kind.ENUM, required, _values(enum))


def choices(name: str, enum: type[StrEnum]) -> Column:
    """A column holding a `;`-separated list of values of an enumeration."""
    return Column(name, Kind.ENUM_LIST, values=_values(enum))


def reference(name: str, file: str, field: str, *, required: bool = True) -> Column:
    """A column naming the key of a row in another file."""
    return Column(name, Kind.TEXT, required, field=field, references=file)


# The most of anything an inspection counts (responses, interviews, cases): far above any real
# inspection, far below what an INTEGER column holds.
MAX_COUNT = 100_000


def count(name: str) -> Column:
    """An optional whole number, 0 to MAX_COUNT."""
    return Column(name, Kind.INT, minimum=0, maximum=MAX_COUNT)


def at(name: str, *, required: bool = False) -> Column:
    """A timestamp column (date, time and UTC offset)."""
    return Column(name, Kind.TIMESTAMP, required)


def key_part(
    name: str, kind: Kind, file: str, field: str, position: int, *, required: bool
) -> Column:
    """One column of a composite reference: the `position`th key column of a row of `file`."""
    return Column(name, kind, required, part_of=(file, field, position))


FORMATS: tuple[FileFormat, ...] = (
    FileFormat(
        "mou_terms",
        "MoU term",
        MouTerm,
        (
            text("ref", required=True),
            on("starts_on", required=True),
            on("ends_on", required=True),
            text("note"),
        ),
        key=("ref",),
        date_order=(("starts_on", "ends_on"),),
    ),
    FileFormat(
        "providers",
        "provider",
        Provider,
        (
            text("code", required=True),
            text("name", required=True),
            text("lead_contact_name"),
            text("lead_contact_email"),
            text("lead_contact_phone"),
            text("allocated_inspector"),
        ),
        key=("code",),
    ),
    FileFormat(
        "inspection_groups",
        "inspection group",
        InspectionGroup,
        (
            text("code", required=True),
            text("name", required=True),
            reference("provider_code", "providers", "provider_id"),
            choice("basis", GroupBasis),
        ),
        key=("code",),
    ),
    FileFormat(
        "services",
        "service",
        Service,
        (
            text("code", required=True),
            text("name", required=True),
            reference("provider_code", "providers", "provider_id"),
            reference("group_code", "inspection_groups", "group_id"),
            choice("service_type", ServiceType, required=True),
            text("region"),
            on("opened_on", required=True),
            on("closed_on"),
            Column("bed_spaces", Kind.INT, minimum=0),
            Column("accommodates_children", Kind.YES_NO),
        ),
        key=("code",),
        date_order=(("opened_on", "closed_on"),),
    ),
    FileFormat(
        "inspections",
        "inspection",
        Inspection,
        (
            text("ref", required=True),
            reference("group_code", "inspection_groups", "group_id"),
            choice("inspection_type", InspectionType, required=True),
            choice("mode", InspectionMode),
            choices("key_questions", KeyQuestion),
            choice("trigger", Trigger),
            text("lead_inspector"),
            on("announced_on"),
            on("pir_requested_on"),
            on("pir_returned_on"),
            on("start_on", required=True),
            on("end_on"),
            on("draft_sent_on"),
            on("fa_returned_on"),
            on("final_sent_on"),
            on("early_outcome_letter_on"),
            choice("status", InspectionStatus),
            text("cancelled_reason"),
            count("survey_responses"),
            text("survey_languages"),
            count("survivors_spoken_with"),
            count("staff_interviewed"),
            count("cases_reviewed"),
            choice("fa_outcome", FactualAccuracyOutcome),
            Column("quality_panel_review", Kind.YES_NO),
            text("internal_notes"),
        ),
        key=("ref",),
        date_order=(
            ("start_on", "end_on"),
            ("pir_requested_on", "pir_returned_on"),
            ("start_on", "draft_sent_on"),
            ("draft_sent_on", "fa_returned_on"),
            ("start_on", "final_sent_on"),
        ),
        only_when=(("status", InspectionStatus.CANCELLED, "cancelled_reason"),),
    ),
    FileFormat(
        "judgements",
        "judgement",
        JudgementRecord,
        (
            reference("inspection_ref", "inspections", "inspection_id"),
            choice("key_question", KeyQuestion, required=True),
            choice("judgement", Judgement, required=True),
        ),
        key=("inspection_ref", "key_question"),
    ),
    FileFormat(
        "recommendations",
        "recommendation",
        Recommendation,
        (
            text("ref", required=True),
            reference("inspection_ref", "inspections", "inspection_id"),
            reference("service_code", "services", "service_id", required=False),
            choice("key_question", KeyQuestion),
            text("kloe"),
            text("theme"),
            choice("risk", Risk, required=True),
            text("text", required=True),
            choice("owner", RecommendationOwner),
            on("due_on"),
            choice("status", RecommendationStatus, required=True),
            on("closed_on"),
            text("verified_by"),
            on("verified_on"),
            # Another row of this same file: linked once every row of the file is in.
            reference("superseded_by", "recommendations", "superseded_by_id", required=False),
            text("due_on_reason"),
        ),
        key=("ref",),
        not_same=(("ref", "superseded_by"),),
    ),
    FileFormat(
        "follow_ups",
        "follow-up",
        FollowUp,
        (
            reference("recommendation_ref", "recommendations", "recommendation_id"),
            on("on", required=True, field="made_on"),
            text("by", field="made_by"),
            text("note"),
            choice("status", RecommendationStatus),
        ),
        key=("recommendation_ref", "on", "by", "note"),
    ),
    FileFormat(
        "escalations",
        "escalation",
        Escalation,
        (
            text("ref", required=True),
            reference("inspection_ref", "inspections", "inspection_id"),
            on("raised_on", required=True),
            text("concern", required=True),
            choices("escalated_to", RecommendationOwner),
            on("early_outcome_letter_on"),
            on("resolved_on"),
            text("resolution_note"),
        ),
        key=("ref",),
    ),
    FileFormat(
        "meetings",
        "meeting",
        Meeting,
        (
            text("ref", required=True),
            on("held_on", required=True),
            choice("kind", MeetingKind, required=True),
            text("attendees"),
            text("notes"),
        ),
        key=("ref",),
    ),
    FileFormat(
        "actions",
        "action",
        Action,
        (
            text("ref", required=True),
            reference("meeting_ref", "meetings", "meeting_id"),
            text("text", required=True),
            choice("owner_org", OwnerOrg, required=True),
            text("owner_name"),
            on("due_on", required=True),
            choice("status", ActionStatus, required=True),
            on("closed_on"),
        ),
        key=("ref",),
    ),
    # Files added after the first eleven: appended, so earlier files keep their places.
    FileFormat(
        "information_requests",
        "information request",
        InformationRequest,
        (
            reference("inspection_ref", "inspections", "inspection_id"),
            on("asked_on", required=True),
            text("text", required=True),
            on("due_on", required=True),
            on("received_on"),
            text("asked_by"),
        ),
        key=("inspection_ref", "asked_on", "text"),
        date_order=(("asked_on", "due_on"), ("asked_on", "received_on")),
    ),
    FileFormat(
        "good_practice",
        "good practice",
        GoodPractice,
        (
            reference("inspection_ref", "inspections", "inspection_id"),
            text("theme", required=True),
            text("text", required=True),
            text("recorded_by", required=True),
            at("recorded_at", required=True),
        ),
        key=("inspection_ref", "theme", "text"),
    ),
    FileFormat(
        "action_updates",
        "action update",
        ActionUpdate,
        (
            reference("action_ref", "actions", "action_id"),
            on("on", required=True),
            text("by"),
            text("note"),
            choice("status", ActionStatus),
        ),
        key=("action_ref", "on", "by", "note"),
    ),
    FileFormat(
        "evidence_files",
        "evidence file",
        EvidenceFile,
        (
            # The follow-up the file is attached to, by the four columns of its key.
            key_part(
                "recommendation_ref", Kind.TEXT, "follow_ups", "follow_up_id", 0, required=True
            ),
            key_part("follow_up_on", Kind.DATE, "follow_ups", "follow_up_id", 1, required=True),
            key_part("follow_up_by", Kind.TEXT, "follow_ups", "follow_up_id", 2, required=False),
            key_part("follow_up_note", Kind.TEXT, "follow_ups", "follow_up_id", 3, required=False),
            text("filename", required=True),
            text("content_type", required=True),
            Column("size_bytes", Kind.INT, required=True, minimum=0),
            Column("sha256", Kind.SHA256, required=True),
            text("uploaded_by", required=True),
            at("uploaded_at", required=True),
        ),
        key=(
            "recommendation_ref",
            "follow_up_on",
            "follow_up_by",
            "follow_up_note",
            "sha256",
            "filename",
        ),
    ),
)

FORMAT_BY_NAME: dict[str, FileFormat] = {fmt.name: fmt for fmt in FORMATS}
