"""Who came to a meeting, by organisation, and the refs of the actions raised at it."""

from collections.abc import Sequence

from dashboard.core.vocabulary import OwnerOrg


def attendee_organisation(attendee: str) -> OwnerOrg:
    """Which organisation an attendee such as `Home Office SCA` comes from."""
    words = attendee.strip().lower()
    if words.startswith("cqc") or "care quality commission" in words:
        return OwnerOrg.CQC
    if "home office" in words:
        return OwnerOrg.HOME_OFFICE
    if "salvation army" in words or words.startswith("tsa"):
        return OwnerOrg.PRIME_CONTRACTOR
    return OwnerOrg.PROVIDER


def attendees_by_organisation(attendees: str | None) -> dict[OwnerOrg, list[str]]:
    """A meeting's `;`-separated attendees grouped by organisation, in the vocabulary's order."""
    grouped: dict[OwnerOrg, list[str]] = {org: [] for org in OwnerOrg}
    for attendee in (attendees or "").split(";"):
        if attendee.strip():
            grouped[attendee_organisation(attendee)].append(attendee.strip())
    return {org: names for org, names in grouped.items() if names}


def action_stem(meeting_ref: str) -> str:
    """What the refs of a meeting's actions start with: MTG-X → ACT-X."""
    return "ACT-" + meeting_ref.removeprefix("MTG-")


def next_action_ref(meeting_ref: str, existing: Sequence[str]) -> str:
    """A free action ref for a meeting, numbered as the demo does: MTG-X → ACT-X-1, ACT-X-2, …"""
    stem = action_stem(meeting_ref)
    number = 1
    taken = set(existing)
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"
