"""A throwaway PostgreSQL server for the tests (course.hub.postgres's cluster, durability off).

The Debian service and its clusters are never used. `postgres_url` (one server per test session,
or per xdist worker) runs initdb in a fresh directory under the temporary directory, starts the
server on 127.0.0.1 on a free port with its unix socket in that directory, and stops and removes
it all at the end. PostgreSQL refuses to run as root, so under root the server runs as the
`postgres` system user (created by the Debian package) through runuser (or setpriv).

Use in a test module:

    from tests.postgres import create_database, postgres_db, postgres_url  # noqa: F401  (fixtures)

    def test_x(postgres_db):            # a fresh, empty database for this test
        ...                             # postgres_db is a SQLAlchemy URL: postgresql+psycopg://…

    create_database(postgres_url, "nom", template="autre")   # a copy of another database

If the server binaries are missing the fixture FAILS (it does not skip): install the Debian
package `postgresql` (the Makefile's SYSTEM_PACKAGES) and the driver `psycopg[binary]`.
"""
from __future__ import annotations

import atexit
import re
import tempfile
import uuid
from pathlib import Path

import pytest

from course.hub.postgres import (  # noqa: F401  (re-exported for the test modules)
    DEBIAN_PACKAGE, PostgresServer, PostgresUnavailable, connect, find_bindir, free_port,
)


def _connect(server_url: str):
    """A psycopg connection (autocommit) from a SQLAlchemy URL, for administration."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.fail("The PostgreSQL driver is missing: pip install 'psycopg[binary]' (pyproject dependency).")
    return connect(server_url)


def create_database(server_url: str, name: str | None = None, template: str | None = None) -> str:
    """Create a database on the server of `server_url` (a fresh one, or a copy of `template`); its URL.

    Copying needs the template to have no open connection: any left (an undisposed engine)
    are terminated first.
    """
    from sqlalchemy.engine import make_url

    name = name or f"t_{uuid.uuid4().hex[:12]}"
    identifier = re.compile(r"[a-z_][a-z0-9_]{0,62}")
    if not identifier.fullmatch(name) or (template and not identifier.fullmatch(template)):
        raise ValueError(f"database names are lowercase identifiers: {name!r}, {template!r}")
    with _connect(server_url) as connection:
        if template:
            connection.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                               "WHERE datname = %s AND pid <> pg_backend_pid()", (template,))
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        else:
            connection.execute(f'CREATE DATABASE "{name}"')
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def database_name(db_url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(db_url).database


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory) -> PostgresServer:
    """The running throwaway server; fails (never skips) when PostgreSQL is not installed."""
    problem = None
    try:
        bindir = find_bindir()
    except PostgresUnavailable as error:
        problem = str(error)
    if problem:
        pytest.fail(problem, pytrace=False)
    # Not under pytest's basetemp: it is private to root (0700), and unix socket paths must stay short.
    server = PostgresServer(bindir, Path(tempfile.mkdtemp(prefix="casp-pg-")))
    atexit.register(server.stop)  # also when the session ends without running finalizers
    try:
        server.start()
    except PostgresUnavailable as error:
        problem = f"Cannot start the test PostgreSQL server: {error}"
    if problem:
        server.stop()
        pytest.fail(problem, pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def postgres_url(postgres_server) -> str:
    """SQLAlchemy URL of the server's maintenance database `postgres`; pass it to create_database."""
    return postgres_server.url()


@pytest.fixture
def postgres_db(postgres_url) -> str:
    """A fresh, empty database for one test; its SQLAlchemy URL."""
    return create_database(postgres_url)
