"""Safehouse and outreach inspection programme oversight dashboard."""
