"""The pages of the main window, one per part of a trip."""
