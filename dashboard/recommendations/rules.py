"""Default due dates for recommendations, so the timescale follows the risk."""

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

from dashboard.core.vocabulary import Risk
from dashboard.core.workdays import add_working_days

DEFAULT_DUE_WORKING_DAYS: Mapping[Risk, int] = MappingProxyType(
    {Risk.HIGH: 20, Risk.MEDIUM: 60, Risk.LOW: 120}
)


def default_due_on(
    risk: Risk, inspection_end_on: date, working_days: Mapping[Risk, int] | None = None
) -> date:
    """The recommendation's due date: its risk's working days after the inspection ended."""
    timescales = DEFAULT_DUE_WORKING_DAYS if working_days is None else working_days
    return add_working_days(inspection_end_on, timescales[Risk(risk)])
