"""Values the exchange format lets a row leave blank and the app always stores."""

from typing import Any

from dashboard.core.vocabulary import InspectionStatus


def with_derived_values(file: str, values: dict[str, Any], stored: Any) -> dict[str, Any]:
    """The row's values with what a blank implies filled in (`stored`: the row it updates)."""
    if file == "inspections":
        return _with_inspection_status(values, stored)
    return values


def _with_inspection_status(values: dict[str, Any], stored: Any) -> dict[str, Any]:
    """A blank status is carried out when the inspection has an end date, else planned.

    A row that updates a stored inspection without a status column keeps the stored status.
    """
    if values.get("status") is not None or (stored is not None and "status" not in values):
        return values
    end_on = values["end_on"] if "end_on" in values else getattr(stored, "end_on", None)
    status = InspectionStatus.CARRIED_OUT if end_on else InspectionStatus.PLANNED
    return {**values, "status": status.value}
