"""The use cases the program offers, each one transaction, returning plain dataclasses."""
