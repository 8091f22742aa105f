"""Editors opened from the pages: participant, agenda item, venue, trip."""
