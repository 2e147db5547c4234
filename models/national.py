"""Recommendations of the national report, to the Home Office, TSA, CQC or providers as a
whole: not tied to one inspection, followed to done or dropped through dated updates."""

from datetime import date

from sqlmodel import Field

from models.base import CODE_LENGTH, NAME_LENGTH, TEXT_LENGTH, Versioned


class NationalRecommendation(Versioned, table=True):
    """A recommendation of a programme year's national report, owned by an organisation."""

    __tablename__ = "national_recommendation"

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(max_length=CODE_LENGTH, unique=True, index=True)
    programme_year: int = Field(index=True)  # 2023 means 2023/24
    owner_org: str = Field(max_length=30)
    text: str = Field(max_length=TEXT_LENGTH)
    due_on: date = Field(index=True)
    status: str = Field(max_length=20, index=True)
    closed_on: date | None = None


class NationalRecommendationUpdate(Versioned, table=True):
    """A dated update on a national recommendation, and the status it left it in."""

    __tablename__ = "national_recommendation_update"

    id: int | None = Field(default=None, primary_key=True)
    national_recommendation_id: int = Field(foreign_key="national_recommendation.id", index=True)
    on: date = Field(index=True)
    by: str | None = Field(default=None, max_length=NAME_LENGTH)
    note: str | None = Field(default=None, max_length=TEXT_LENGTH)
    status: str | None = Field(default=None, max_length=20)
