"""Sharing a server database: making someone an organiser or a viewer of it."""

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from delegation.domain.errors import DatabaseError, NotFoundError, ValidationError, first_line
from delegation.i18n import _
from delegation.persistence.database import create_database_engine, resolve_location
from delegation.persistence.roles import (
    ROLES,
    VIEWER,
    apply_privileges,
    data_schema,
    give_role,
    group_role,
)
from delegation.services.workspace import open_workspace


@dataclass(frozen=True)
class GrantResult:
    user: str
    role: str  # "organiser" or "viewer"
    group: str  # the server's group role the user is now a member of
    database: str  # how to name the database to the user, never with its password
    search_path_set: bool  # False: the program sets it on each connection instead


def grant_role(requested: str | None, user: str, role: str) -> GrantResult:
    """Make `user` (a login role of the server) an organiser or a viewer of the database,
    and only that. Run by the database's owner; all in one transaction."""
    if role not in ROLES:
        raise ValidationError("role", _("{role}: use organiser or viewer").format(role=role))
    location = resolve_location(requested)
    if location.path is not None or location.url.get_backend_name() != "postgresql":
        raise DatabaseError(
            _(
                "{location}: roles exist only on a database server; an SQLite file is"
                " protected by its file permissions"
            ).format(location=location.display)
        )
    open_workspace(requested, sample_on_first_start=False).close()  # created or upgraded
    engine = create_database_engine(location)
    try:
        with engine.begin() as connection:
            _check_user(connection, user, role)
            _check_owner(connection, location.display)
            try:
                apply_privileges(connection)
                path_set = give_role(connection, user, role)
            except DBAPIError as error:
                raise DatabaseError(
                    _("{location}: cannot give roles ({error})").format(
                        location=location.display, error=first_line(error.orig)
                    )
                ) from None
            group = group_role(str(connection.scalar(text("SELECT current_database()"))), role)
    finally:
        engine.dispose()
    return GrantResult(user, role, group, location.display, path_set)


def _check_user(connection, user: str, role: str) -> None:
    row = connection.execute(
        text("SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = :user"), {"user": user}
    ).one_or_none()
    if row is None:
        raise NotFoundError(
            _(
                "{user}: no such role on the server; its administrator creates login roles"
                " (CREATE ROLE {user} LOGIN PASSWORD …)"
            ).format(user=user)
        )
    if role == VIEWER and (row.rolsuper or _owns_tables(connection, user)):
        raise ValidationError(
            "user",
            _(
                "{user} is a superuser or owns the database's tables: the server lets them"
                " read everything, so they cannot be a viewer"
            ).format(user=user),
        )


def _owns_tables(connection, user: str) -> bool:
    return bool(
        connection.scalar(
            text(
                "SELECT pg_has_role(:user, tableowner, 'MEMBER') FROM pg_tables"
                " WHERE schemaname = :schema AND tablename = 'participants'"
            ),
            {"user": user, "schema": data_schema(connection)},
        )
    )


def _check_owner(connection, display: str) -> None:
    me = str(connection.scalar(text("SELECT current_user")))
    if not _owns_tables(connection, me):
        raise DatabaseError(
            _("{location}: only the owner of the database's tables may give roles").format(
                location=display
            )
        )
