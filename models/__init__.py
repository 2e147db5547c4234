"""SQLModel tables of the programme, one module per aggregate."""

from models.accounts import AuditEntry, LoginSession, LoginThrottle, User
from models.concerns import Concern
from models.data_version import DataVersion
from models.evidence import EvidenceFile
from models.good_practice import GoodPractice
from models.governance import Action, ActionUpdate, Meeting, MouTerm
from models.inspections import InformationRequest, Inspection, JudgementRecord
from models.national import NationalRecommendation, NationalRecommendationUpdate
from models.programme import InspectionGroup, Provider, Service
from models.recommendations import (
    Escalation,
    FollowUp,
    Recommendation,
    RecommendationTimescale,
)

__all__ = [
    "Action",
    "ActionUpdate",
    "AuditEntry",
    "Concern",
    "DataVersion",
    "Escalation",
    "EvidenceFile",
    "FollowUp",
    "GoodPractice",
    "InformationRequest",
    "Inspection",
    "InspectionGroup",
    "JudgementRecord",
    "LoginSession",
    "LoginThrottle",
    "Meeting",
    "MouTerm",
    "NationalRecommendation",
    "NationalRecommendationUpdate",
    "Provider",
    "Recommendation",
    "RecommendationTimescale",
    "Service",
    "User",
]
