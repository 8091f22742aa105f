"""Every row of every table from one open database into another, ids and versions kept."""

from collections.abc import Sequence

from sqlalchemy import Connection, Table, bindparam, delete, exists, insert, select, text, update

import delegation.persistence.models  # noqa: F401  (registers every table in the metadata)
from delegation.persistence.base import Base

# Rows read and written per executemany: few round trips, bounded memory.
BATCH_SIZE = 1000


def copied_tables() -> Sequence[Table]:
    """The tables of the models, each after those it refers to."""
    return Base.metadata.sorted_tables


def holds_rows(connection: Connection) -> bool:
    return any(connection.scalar(select(exists().select_from(table))) for table in copied_tables())


def delete_all_rows(connection: Connection) -> None:
    """Empty every table, those referring to others first."""
    for table in reversed(copied_tables()):
        connection.execute(delete(table))


def copy_rows(source: Connection, target: Connection) -> int:
    """Insert every row of `source` into `target`, as they are; returns how many.

    The caller owns both transactions: a failure leaves the target as it was.
    """
    count = 0
    for table in copied_tables():
        count += _copy_table(source, target, table)
    if target.dialect.name == "postgresql":
        _move_sequences_past_ids(target)
    return count


def _copy_table(source: Connection, target: Connection, table: Table) -> int:
    # A row may refer to a later row of its own table (a roommate): such references
    # are written once every row is there, as the foreign key is checked at once.
    later = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    # Leaving a column with an "on update" out of the UPDATE would restamp it.
    restored = later + [column.name for column in table.c if column.onupdate is not None]
    key = [column.name for column in table.primary_key.columns]
    statement = select(table).order_by(*table.primary_key.columns)
    result = source.execution_options(yield_per=BATCH_SIZE).execute(statement)
    count = 0
    pending: list[dict] = []
    for batch in result.partitions():
        rows = [dict(row._mapping) for row in batch]
        if later:
            pending += [row for row in rows if any(row[name] is not None for name in later)]
            rows = [{**row, **dict.fromkeys(later)} for row in rows]
        target.execute(insert(table), rows)
        count += len(rows)
    for start in range(0, len(pending), BATCH_SIZE):
        change = (
            update(table)
            .where(*(table.c[name] == bindparam(f"key_{name}") for name in key))
            .values({name: bindparam(f"value_{name}") for name in restored})
        )
        target.execute(
            change,
            [
                {f"key_{name}": row[name] for name in key}
                | {f"value_{name}": row[name] for name in restored}
                for row in pending[start : start + BATCH_SIZE]
            ],
        )
    return count


def _move_sequences_past_ids(target: Connection) -> None:
    """Rows inserted with their ids leave the sequences behind: the next insert would
    take an id already there."""
    preparer = target.dialect.identifier_preparer
    for table in copied_tables():
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        name = preparer.format_table(table)
        target.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, 'id'),"
                f" coalesce((SELECT max(id) FROM {name}), 0) + 1, false)"
            ),
            {"table": name},
        )
