"""A throwaway PostgreSQL server for the tests: Debian's server binaries, our own cluster, loopback only.

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
import glob
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

DEBIAN_PACKAGE = "postgresql"
BINDIR_PATTERN = "/usr/lib/postgresql/*/bin"
SERVER_USER = "postgres"  # the system user the Debian package creates; used only when the tests run as root
SUPERUSER = "casp"  # the database superuser of the throwaway cluster
START_ATTEMPTS = 3  # a free port can be taken between choosing it and the server binding it


class PostgresUnavailable(Exception):
    """Why no throwaway server can be started, in a sentence that says what to install or fix."""


def find_bindir(pattern: str = BINDIR_PATTERN) -> Path:
    """The newest Debian PostgreSQL server bin directory (holding initdb and pg_ctl).

    CASP_PG_BINDIR overrides the search (another layout, another version).
    """
    override = os.environ.get("CASP_PG_BINDIR")
    candidates = [Path(override)] if override else [
        Path(p) for p in sorted(glob.glob(pattern), key=lambda p: _version_key(Path(p).parent.name), reverse=True)
    ]
    for bindir in candidates:
        if all(os.access(bindir / tool, os.X_OK) for tool in ("initdb", "pg_ctl", "postgres")):
            return bindir
    where = f"CASP_PG_BINDIR={override}" if override else f"{pattern}/initdb"
    raise PostgresUnavailable(
        f"PostgreSQL server binaries not found ({where}, with pg_ctl and postgres): install the Debian package "
        f"« {DEBIAN_PACKAGE} » (apt-get install -y {DEBIAN_PACKAGE}, or `make system-deps`); "
        "the PostgreSQL tests need a real server and are not skipped."
    )


def _version_key(name: str) -> tuple:
    return tuple(int(part) if part.isdigit() else 0 for part in re.split(r"[.]", name))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    """The command, run as the server's system user when we are root (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return command
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise PostgresUnavailable(
            f"running as root, and there is no « {SERVER_USER} » system user to run the PostgreSQL server: "
            f"install the Debian package « {DEBIAN_PACKAGE} », which creates it."
        ) from None
    if shutil.which("runuser"):
        return ["runuser", "-u", SERVER_USER, "--", *command]
    if shutil.which("setpriv"):
        return ["setpriv", f"--reuid={SERVER_USER}", f"--regid={SERVER_USER}", "--init-groups", "--", *command]
    raise PostgresUnavailable("running as root without runuser or setpriv (Debian package util-linux) to drop root.")


@dataclass
class PostgresServer:
    """One running throwaway cluster. `url(database)` gives SQLAlchemy URLs (psycopg 3 driver)."""

    bindir: Path
    base: Path
    port: int = 0
    password: str = field(default_factory=lambda: secrets.token_hex(12))
    start_seconds: float = 0.0  # initdb + start, measured
    version: str = ""
    running: bool = False

    @property
    def data(self) -> Path:
        return self.base / "data"

    @property
    def socket_dir(self) -> Path:
        return self.base / "socket"

    @property
    def log(self) -> Path:
        return self.base / "server.log"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/{database}"

    def _run(self, *command: str, timeout: float = 60) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")} | {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
        return subprocess.run(_as_server_user(list(command)), cwd=self.base, env=env, capture_output=True, text=True,
                              timeout=timeout)

    def start(self) -> None:
        started = time.perf_counter()
        self.base.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(exist_ok=True)
        (self.base / "pwfile").write_text(self.password + "\n", encoding="utf-8")
        if os.geteuid() == 0:
            user = pwd.getpwnam(SERVER_USER)
            for path in (self.base, self.socket_dir, self.base / "pwfile"):
                os.chown(path, user.pw_uid, user.pw_gid)
            if self._run("test", "-w", str(self.base)).returncode != 0:
                raise PostgresUnavailable(
                    f"the « {SERVER_USER} » user cannot write to {self.base}: "
                    "point TMPDIR at a directory it can reach."
                )
        done = self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                         f"--pwfile={self.base / 'pwfile'}", "--auth=scram-sha-256", "--encoding=UTF8",
                         "--no-locale", "--no-sync")
        if done.returncode != 0:
            raise PostgresUnavailable(f"initdb failed ({self.bindir / 'initdb'}):\n{done.stdout}{done.stderr}")
        for attempt in range(START_ATTEMPTS):
            self.port = free_port()
            with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
                conf.write(
                    "\n# casp test server: loopback only, throwaway data (durability off for speed)\n"
                    f"listen_addresses = '127.0.0.1'\nport = {self.port}\n"
                    f"unix_socket_directories = '{self.socket_dir}'\n"
                    "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                    "max_connections = 60\nshared_buffers = 32MB\n"
                )
            done = self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", "30",
                             "start")
            if done.returncode == 0:
                self.running = True
                break
            log = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
            if "could not bind" not in log or attempt == START_ATTEMPTS - 1:
                raise PostgresUnavailable(f"pg_ctl start failed:\n{done.stdout}{done.stderr}\n{log[-3000:]}")
        self.start_seconds = time.perf_counter() - started
        self.version = self._run(str(self.bindir / "postgres"), "--version").stdout.strip()

    def stop(self) -> None:
        if self.running:
            self.running = False
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.base, ignore_errors=True)


def _connect(server_url: str):
    """A psycopg connection (autocommit) from a SQLAlchemy URL, for administration."""
    try:
        import psycopg
    except ImportError:
        pytest.fail("The PostgreSQL driver is missing: pip install 'psycopg[binary]' (pyproject dependency).")
    from sqlalchemy.engine import make_url

    url = make_url(server_url)
    return psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password,
                           dbname=url.database or "postgres", autocommit=True)


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
