"""The protective marking every export, pack and page footer carries."""

MARKING = "OFFICIAL-SENSITIVE"
