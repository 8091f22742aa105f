"""An agenda item's times against the clock of the trip's zone, in words.

A time the clocks skip that day (spring forward) is refused, saying why and which time
comes next; a time that happens twice (autumn back) is allowed and read as its first
occurrence (domain/scheduling.py), and the editor says so.
"""

from datetime import date, time

from delegation.domain.errors import ValidationError
from delegation.domain.scheduling import ClockChange, item_moments, repeated_by, skipped_by
from delegation.i18n import _, ngettext
from delegation.i18n.formatting import format_date, format_time, format_utc_offset


def _moments(day: date, start: time, end: time | None) -> list[tuple[str, date, time]]:
    """Each time of an item with its field and the date it falls on (past midnight: next)."""
    moments = item_moments(day, start, end)
    fields = ("start_time", "end_time")[: len(moments)]
    return [(field, *moment) for field, moment in zip(fields, moments, strict=True)]


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


def repeated_change(day: date, start: time, end: time | None, zone: str):
    """The autumn change that makes the item's start or end happen twice, or None."""
    for _field, moment_day, at in _moments(day, start, end):
        change = repeated_by(moment_day, at, zone)
        if change is not None:
            return change
    return None


def occurrence_labels(change: ClockChange) -> tuple[str, str]:
    """How an editor offers the two occurrences of a repeated time: first, then second."""
    before, after = format_utc_offset(change.offset_before), format_utc_offset(change.offset_after)
    if change.summer_time_before:
        first = _("the first, in summer time ({offset})").format(offset=before)
    else:
        first = _("the first ({offset})").format(offset=before)
    return first, _("the second, after the clocks go back ({offset})").format(offset=after)


def repeated_time_note(
    day: date, start: time, end: time | None, zone: str, *, second: bool = False
) -> str | None:
    """ "03:30 happens twice that night: the clocks go back from 04:00 to 03:00. The first
    time, in summer time (UTC+3), is meant." — or the second, when `second`; None when
    no time of the item happens twice.
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
    if second:
        meant = _("The second time ({offset}), after the clocks go back, is meant.")
        offset = change.offset_after
    elif change.summer_time_before:
        meant, offset = (
            _("The first time, in summer time ({offset}), is meant."),
            change.offset_before,
        )
    else:
        meant, offset = _("The first time ({offset}) is meant."), change.offset_before
    return f"{twice} {meant.format(offset=format_utc_offset(offset))}"
