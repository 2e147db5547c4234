"""Providers: each provider in full, and how they rank for attention."""
