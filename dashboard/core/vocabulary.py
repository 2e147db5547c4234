"""The programme's enumerations, written exactly as the data exchange format spells them."""

from enum import StrEnum


class ServiceType(StrEnum):
    SAFEHOUSE = "safehouse"
    OUTREACH = "outreach"


class GroupBasis(StrEnum):
    LOCATION = "location"
    MANAGEMENT = "management"


class InspectionType(StrEnum):
    COMPREHENSIVE = "comprehensive"
    FOCUSED = "focused"
    ASSURANCE = "assurance"


class InspectionStatus(StrEnum):
    PLANNED = "planned"
    CARRIED_OUT = "carried out"
    CANCELLED = "cancelled"


class InspectionMode(StrEnum):
    ON_SITE = "on-site"
    REMOTE = "remote"


class Trigger(StrEnum):
    NEW_SERVICE = "new service"
    HOME_OFFICE_REQUEST = "home office request"
    FOLLOW_UP = "follow-up"
    CONCERN = "concern"
    ROUTINE = "routine"


class KeyQuestion(StrEnum):
    SAFE = "safe"
    EFFECTIVE = "effective"
    CARING = "caring"
    RESPONSIVE = "responsive"
    WELL_LED = "well-led"


class Judgement(StrEnum):
    MEETING = "meeting"
    NOT_MEETING = "not meeting"


class Risk(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class RecommendationOwner(StrEnum):
    PROVIDER = "provider"
    PRIME_CONTRACTOR = "prime contractor"
    HOME_OFFICE = "home office"
    CQC = "cqc"


class RecommendationStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in progress"
    EVIDENCE_SUBMITTED = "evidence submitted"
    CLOSED = "closed"
    SUPERSEDED = "superseded"


class MeetingKind(StrEnum):
    MOU_GOVERNANCE = "mou governance"
    PROGRAMME_BOARD = "programme board"
    PROVIDER_ENGAGEMENT = "provider engagement"
    INFORMATION_SHARING = "information sharing"


class OwnerOrg(StrEnum):
    CQC = "cqc"
    HOME_OFFICE = "home office"
    PRIME_CONTRACTOR = "prime contractor"
    PROVIDER = "provider"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in progress"
    DONE = "done"
    DROPPED = "dropped"


class ConcernSource(StrEnum):
    PRIME_CONTRACTOR = "prime contractor"
    HOME_OFFICE = "home office"
    PROVIDER = "provider"
    WHISTLEBLOWER = "whistleblower"
    ANTI_SLAVERY_COMMISSIONER = "anti-slavery commissioner"
    OTHER = "other"


class ConcernStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ConcernResponse(StrEnum):
    NOTED = "noted"
    ENGAGEMENT_MEETING = "engagement meeting"
    FOCUSED_INSPECTION = "focused inspection"
    ESCALATED = "escalated"


class Role(StrEnum):
    ADMIN = "admin"
    PROGRAMME_MANAGER = "programme_manager"
    INSPECTOR = "inspector"
    PARTNER = "partner"


ALL_KEY_QUESTIONS: tuple[KeyQuestion, ...] = tuple(KeyQuestion)
ASSURANCE_KEY_QUESTIONS: tuple[KeyQuestion, ...] = (KeyQuestion.SAFE, KeyQuestion.WELL_LED)
OPEN_RECOMMENDATION_STATUSES = frozenset(
    {
        RecommendationStatus.OPEN,
        RecommendationStatus.IN_PROGRESS,
        RecommendationStatus.EVIDENCE_SUBMITTED,
    }
)
CLOSED_RECOMMENDATION_STATUSES = frozenset(
    {RecommendationStatus.CLOSED, RecommendationStatus.SUPERSEDED}
)
OPEN_ACTION_STATUSES = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})

# Codes as people read them. Organisations are the same words for a recommendation's owner
# and an action's owner organisation.
_WORDS: dict[str, str] = {
    Role.ADMIN: "Administrator",
    Role.PROGRAMME_MANAGER: "Programme manager",
    Role.INSPECTOR: "Inspector",
    Role.PARTNER: "Partner",
    OwnerOrg.CQC: "CQC",
    OwnerOrg.HOME_OFFICE: "Home Office",
    OwnerOrg.PRIME_CONTRACTOR: "Prime contractor",
    OwnerOrg.PROVIDER: "Provider",
}


def in_words(code: str | None) -> str:
    """A stored code as people read it: a role or an owner organisation in words
    ('Programme manager', 'Home Office'); another code with its underscores as spaces; none
    as ''."""
    if code is None:
        return ""
    return _WORDS.get(code, code.replace("_", " "))
