"""Several counts in one line, each word agreeing with its own number: "0 créé,
2 modifiés", never "modifié(s)"."""

from delegation.i18n.formatting import format_number
from delegation.i18n.translation import _, ngettext


def readiness_counts(blocking: int, warnings: int) -> str:
    """ "3 blocking, 1 to check" """
    return _("{blocking}, {warnings}").format(
        blocking=ngettext("{n} blocking", "{n} blocking", blocking).format(
            n=format_number(blocking)
        ),
        warnings=ngettext("{n} to check", "{n} to check", warnings).format(
            n=format_number(warnings)
        ),
    )


def import_counts(created: int, changed: int, unchanged: int) -> str:
    """ "3 created, 0 changed, 59 unchanged" """
    return _("{created}, {changed}, {unchanged}").format(
        created=ngettext("{n} created", "{n} created", created).format(n=format_number(created)),
        changed=ngettext("{n} changed", "{n} changed", changed).format(n=format_number(changed)),
        unchanged=ngettext("{n} unchanged", "{n} unchanged", unchanged).format(
            n=format_number(unchanged)
        ),
    )
