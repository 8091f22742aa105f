"""Delegation: plan business study-trip delegations and print what the trip needs."""

__version__ = "0.1.0"
