"""SQLModel tables of the programme, one module per aggregate."""

from models.accounts import AuditEntry, User
from models.governance import Action, Meeting, MouTerm
from models.inspections import Inspection, JudgementRecord
from models.programme import InspectionGroup, Provider, Service
from models.recommendations import Escalation, FollowUp, Recommendation

__all__ = [
    "Action",
    "AuditEntry",
    "Escalation",
    "FollowUp",
    "Inspection",
    "InspectionGroup",
    "JudgementRecord",
    "Meeting",
    "MouTerm",
    "Provider",
    "Recommendation",
    "Service",
    "User",
]
