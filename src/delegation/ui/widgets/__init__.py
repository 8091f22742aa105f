"""Reusable widgets: the day timeline, field error labels."""
