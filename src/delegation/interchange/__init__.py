"""Readers and writers of other people's formats: CSV, XLSX, iCalendar. No database."""
