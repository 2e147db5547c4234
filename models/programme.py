"""Programme structure: providers, their inspection groups and services."""

from datetime import date

from sqlmodel import Field

from models.base import CODE_LENGTH, NAME_LENGTH, Versioned


class Provider(Versioned, table=True):
    """A subcontracted organisation running safehouse and outreach services."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=CODE_LENGTH, unique=True, index=True)
    name: str = Field(max_length=NAME_LENGTH)
    lead_contact_name: str | None = Field(default=None, max_length=NAME_LENGTH)
    lead_contact_email: str | None = Field(default=None, max_length=NAME_LENGTH)
    lead_contact_phone: str | None = Field(default=None, max_length=40)
    allocated_inspector: str | None = Field(default=None, max_length=NAME_LENGTH)


class InspectionGroup(Versioned, table=True):
    """Linked services inspected together, by location or by management structure."""

    __tablename__ = "inspection_group"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=CODE_LENGTH, unique=True, index=True)
    name: str = Field(max_length=NAME_LENGTH)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    basis: str | None = Field(default=None, max_length=20)


class Service(Versioned, table=True):
    """A safehouse or outreach service in one region, open between two dates."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=CODE_LENGTH, unique=True, index=True)
    name: str = Field(max_length=NAME_LENGTH)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    group_id: int = Field(foreign_key="inspection_group.id", index=True)
    service_type: str = Field(max_length=20)
    region: str | None = Field(default=None, max_length=60)
    opened_on: date
    closed_on: date | None = None
    bed_spaces: int | None = None
    accommodates_children: bool | None = None
