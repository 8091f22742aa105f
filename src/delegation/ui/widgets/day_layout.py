"""Where each item of a day goes: full width, its groups' lanes, or a shared column.

On a day where groups have items at the same time, each group keeps one lane all day;
items for the whole delegation span the width; overlaps that do not divide the
delegation between groups (often a conflict) share the width in columns. An item ending
past midnight runs to the bottom of its day and is marked as continuing.
"""

from dataclasses import dataclass
from itertools import pairwise

from delegation.domain.scheduling import ends_next_day, minutes_of_day
from delegation.services.agenda import AgendaItemRow
from delegation.services.participant_rows import GroupRow

DAY_MINUTES = 24 * 60
SHORTEST_MINUTES = 15  # an item without end, or a very short one, still shows its title


@dataclass
class Placed:
    row: AgendaItemRow
    start: int  # minutes since midnight
    end: int  # at most midnight at the end of the day (1440)
    lane: float  # left edge, as a fraction of the lanes' width
    width: float
    continues: bool = False  # it ends the next day, after `end`


def _clusters(placed: list[Placed]) -> list[list[Placed]]:
    """Runs of items that overlap in time, one after the other; placed is sorted by start."""
    clusters: list[list[Placed]] = []
    cluster_end = -1
    for item in placed:
        if clusters and item.start < cluster_end:
            clusters[-1].append(item)
            cluster_end = max(cluster_end, item.end)
        else:
            clusters.append([item])
            cluster_end = item.end
    return clusters


def _is_split(cluster: list[Placed], order: dict[str, int]) -> bool:
    """Parallel items that divide the delegation: each for known groups, no group twice."""
    codes = [item.row.details.group_codes for item in cluster]
    flat = [code for item_codes in codes for code in item_codes]
    return all(codes) and len(flat) == len(set(flat)) and all(code in order for code in flat)


def day_lanes(rows: list[AgendaItemRow], groups: list[GroupRow]) -> list[str]:
    """The groups given a lane for the whole day, in the trip's order.

    None when nothing runs in parallel for different groups: then every item spans the
    width. Otherwise every group with an item that day keeps one column from morning to
    night, so that a group is always found in the same place.
    """
    order = {group.code: index for index, group in enumerate(groups)}
    if not any(
        len(cluster) > 1 and _is_split(cluster, order) for cluster in _clusters(_sorted(rows))
    ):
        return []
    used = {code for row in rows for code in row.details.group_codes if code in order}
    return sorted(used, key=order.__getitem__)


def _placed(row: AgendaItemRow) -> Placed:
    details = row.details
    start = minutes_of_day(details.start_time)
    if ends_next_day(details.start_time, details.end_time):
        return Placed(row, start, DAY_MINUTES, 0.0, 1.0, continues=True)
    end = minutes_of_day(details.end_time or details.start_time)
    # Late short items stop at midnight too, not beyond the day's last line.
    return Placed(row, start, min(max(end, start + SHORTEST_MINUTES), DAY_MINUTES), 0.0, 1.0)


def _sorted(rows: list[AgendaItemRow]) -> list[Placed]:
    return [_placed(row) for row in sorted(rows, key=lambda r: (r.details.start_time, r.id))]


def place_items(rows: list[AgendaItemRow], groups: list[GroupRow]) -> list[Placed]:
    """Decide where each item goes: full width, its groups' lanes, or a shared column.

    Items for the whole delegation span every lane; overlaps that are not a split of
    the delegation (often a conflict) share the width in columns.
    """
    order = {group.code: index for index, group in enumerate(groups)}
    lanes = {code: index for index, code in enumerate(day_lanes(rows, groups))}
    placed = _sorted(rows)
    for cluster in _clusters(placed):
        spans = [_span(item, lanes) for item in cluster]
        if len(cluster) == 1 or (_is_split(cluster, order) and _apart(spans)):
            for item, span in zip(cluster, spans, strict=True):
                if span is not None:
                    item.lane = span[0] / len(lanes)
                    item.width = (span[1] - span[0] + 1) / len(lanes)
        else:
            _place_in_columns(cluster)
    return placed


def _span(item: Placed, lanes: dict[str, int]) -> tuple[int, int] | None:
    """The first and last lane of an item's groups; None: the whole width."""
    codes = item.row.details.group_codes
    if not codes or not lanes or any(code not in lanes for code in codes):
        return None
    indices = [lanes[code] for code in codes]
    return min(indices), max(indices)


def _apart(spans: list[tuple[int, int] | None]) -> bool:
    """No two spans share a lane (an item for groups A and C covers B's lane too)."""
    known = [span for span in spans if span is not None]
    if len(known) < len(spans):
        return False
    ordered = sorted(known)
    return all(a[1] < b[0] for a, b in pairwise(ordered))


def _place_in_columns(cluster: list[Placed]) -> None:
    column_ends: list[int] = []
    columns: list[int] = []
    for item in cluster:
        for index, end in enumerate(column_ends):
            if end <= item.start:
                column_ends[index] = item.end
                columns.append(index)
                break
        else:
            column_ends.append(item.end)
            columns.append(len(column_ends) - 1)
    for item, column in zip(cluster, columns, strict=True):
        item.lane = column / len(column_ends)
        item.width = 1 / len(column_ends)
