"""Delegation: plan business study-trip delegations and print what the trip needs."""

__version__ = "0.1.0"

# The program's id on the desktop: its .desktop file, AppStream id and icon name
# (packaging/linux/), and the macOS bundle identifier.
APP_ID = "org.delegation.Delegation"
