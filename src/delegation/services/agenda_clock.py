"""An agenda item's times against the clock of the trip's zone, in words.

A time the clocks skip that day (spring forward) is refused, saying why and which time
comes next; a time that happens twice (autumn back) is allowed and read as its first
occurrence (domain/scheduling.py), and the editor says so.
"""

from datetime import date, time

from delegation.domain.errors import ValidationError
from delegation.domain.scheduling import ClockChange, end_date, repeated_by, skipped_by
from delegation.i18n import _, ngettext
from delegation.i18n.formatting import format_date, format_time, format_utc_offset


def _moments(day: date, start: time, end: time | None) -> list[tuple[str, date, time]]:
    """Each time of an item with its field and the date it falls on (past midnight: next)."""
    moments = [("start_time", day, start)]
    if end is not None:
        moments.append(("end_time", end_date(day, start, end), end))
    return moments


def skipped_time_text(day: date, at: time, change: ClockChange) -> str:
    """ "02:30 does not exist on 29/03/2024 in this trip’s time zone: clocks go forward
    from 02:00 to 03:00; the next valid time is 03:00"."""
    return _(
        "{time} does not exist on {day} in this trip’s time zone: clocks go forward from"
        " {before} to {after}; the next valid time is {next}"
    ).format(
        time=format_time(at),
        day=format_date(day, "short"),
        before=format_time(change.before.time()),
        after=format_time(change.after.time()),
        next=format_time(change.after.time()),
    )


def skipped_time_problems(
    day: date, start: time, end: time | None, zone: str
) -> list[ValidationError]:
    """The item's start or end when the clocks skip it that day in `zone`."""
    problems = []
    for field, moment_day, at in _moments(day, start, end):
        change = skipped_by(moment_day, at, zone)
        if change is not None:
            problems.append(ValidationError(field, skipped_time_text(moment_day, at, change)))
    return problems


def repeated_time_note(day: date, start: time, end: time | None, zone: str) -> str | None:
    """What the editor says under times that happen twice that night, or None.

    "03:30 happens twice that night: the clocks go back from 04:00 to 03:00. The first
    time, in summer time (UTC+3), is meant."
    """
    repeated = []
    for _field, moment_day, at in _moments(day, start, end):
        change = repeated_by(moment_day, at, zone)
        if change is not None:
            repeated.append((at, change))
    if not repeated:
        return None
    change = repeated[0][1]
    times = [format_time(at) for at, _change in repeated]
    listed = (
        times[0]
        if len(times) == 1
        else _("{first} and {second}").format(first=times[0], second=times[1])
    )
    twice = ngettext(
        "{times} happens twice that night: the clocks go back from {before} to {after}.",
        "{times} happen twice that night: the clocks go back from {before} to {after}.",
        len(times),
    ).format(
        times=listed,
        before=format_time(change.before.time()),
        after=format_time(change.after.time()),
    )
    offset = format_utc_offset(change.offset_before)
    if change.summer_time_before:
        meant = _("The first time, in summer time ({offset}), is meant.")
    else:
        meant = _("The first time ({offset}) is meant.")
    return f"{twice} {meant.format(offset=offset)}"
