"""A server database shared by its owner with login roles the tests make, dropped after."""

import contextlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool
from tests.server_databases import SKIP_REASON, ServerDatabases, server_url

from delegation.persistence.roles import ROLES, group_role


@dataclass(frozen=True)
class SharedDatabase:
    url: str  # the owner's
    name: str
    viewer: str  # login roles, members of nothing yet
    organiser: str
    password: str  # each login role's, as the server asks for one over TCP

    def url_of(self, user: str) -> str:
        """The URL a login role connects with."""
        return (
            make_url(self.url)
            .set(username=user, password=self.password)
            .render_as_string(hide_password=False)
        )

    def libpq_of(self, user: str) -> str:
        url = make_url(self.url_of(user))
        return (
            f"host={url.host} port={url.port} dbname={url.database} user={user}"
            f" password={self.password}"
        )


@contextlib.contextmanager
def shared_database(server_databases: ServerDatabases | None) -> Iterator[SharedDatabase]:
    """Roles are the server's, not the database's: each made here is dropped at the end,
    with the group roles a grant made, once the database (holding their privileges) is."""
    if server_databases is None:
        pytest.skip(SKIP_REASON)
    url = server_databases.create()
    name = make_url(url).database
    assert name is not None
    shared = SharedDatabase(url, name, f"{name}_vera", f"{name}_otto", secrets.token_hex(12))
    # Connected to the tests' own database: the shared one is dropped before the roles.
    admin = create_engine(server_url() or "", poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            for user in (shared.viewer, shared.organiser):
                connection.execute(
                    text(f"CREATE ROLE \"{user}\" LOGIN PASSWORD '{shared.password}'")
                )
        yield shared
    finally:
        server_databases.drop(url)
        with admin.connect() as connection:
            for role in (shared.viewer, shared.organiser, *(group_role(name, r) for r in ROLES)):
                connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


@contextlib.contextmanager
def shared_sample(server_databases: ServerDatabases | None) -> Iterator[SharedDatabase]:
    """A shared database holding the sample trip, loaded by its owner."""
    from delegation.services.demo import load_demo
    from delegation.services.workspace import open_workspace

    with shared_database(server_databases) as shared:
        owner = open_workspace(shared.url)
        try:
            load_demo(owner)
        finally:
            owner.close()
        yield shared
