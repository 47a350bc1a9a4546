"""A PostgreSQL cluster of the project's own: Debian's server binaries, loopback only.

`casp hub` keeps the course's gradebook in one (durable, kept between starts under the hub's folder);
the tests start throwaway ones (durability off, removed at the end). The Debian service and its
clusters are never touched. PostgreSQL refuses to run as root, so under root the server runs as the
`postgres` system user (created by the Debian package) through runuser (or setpriv).
"""
from __future__ import annotations

import glob
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import CourseError

DEBIAN_PACKAGE = "postgresql"
BINDIR_PATTERN = "/usr/lib/postgresql/*/bin"
SERVER_USER = "postgres"  # the system user the Debian package creates; used only when we are root
SUPERUSER = "casp"  # the cluster's database superuser
START_ATTEMPTS = 3  # a free port can be taken between choosing it and the server binding it


class PostgresUnavailable(CourseError):
    """Why no server can be started, in a sentence that says what to install or fix."""


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
        f"Serveur PostgreSQL introuvable ({where}, avec pg_ctl et postgres) : installez le paquet Debian "
        f"« {DEBIAN_PACKAGE} » (apt-get install -y {DEBIAN_PACKAGE}, ou `make system-deps`)."
    )


def _version_key(name: str) -> tuple:
    return tuple(int(part) if part.isdigit() else 0 for part in re.split(r"[.]", name))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_server_user(command: list[str]) -> list[str]:
    """The command, run as the server's system user when we are root (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return command
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise PostgresUnavailable(
            f"casp tourne en root et il n'existe pas d'utilisateur système « {SERVER_USER} » pour faire tourner "
            f"PostgreSQL : installez le paquet Debian « {DEBIAN_PACKAGE} », qui le crée."
        ) from None
    if shutil.which("runuser"):
        return ["runuser", "-u", SERVER_USER, "--", *command]
    if shutil.which("setpriv"):
        return ["setpriv", f"--reuid={SERVER_USER}", f"--regid={SERVER_USER}", "--init-groups", "--", *command]
    raise PostgresUnavailable("casp tourne en root sans runuser ni setpriv (paquet Debian util-linux) pour quitter "
                              "les droits root.")


@dataclass
class PostgresServer:
    """One cluster under `base` (data/, socket/, server.log). `url(database)` gives SQLAlchemy URLs (psycopg 3).

    `durable=False` (the tests) turns fsync off and lets `stop()` remove everything; a durable cluster
    keeps its data, its port and its superuser password (base/superuser-password, mode 0600) across starts.
    """

    bindir: Path
    base: Path
    durable: bool = False
    port: int = 0
    password: str = field(default_factory=lambda: secrets.token_hex(12))
    start_seconds: float = 0.0  # initdb (first time) + start, measured
    version: str = ""
    running: bool = False
    adopted: bool = False  # already running when start() was called (the hub's): stop() leaves it running

    @property
    def data(self) -> Path:
        return self.base / "data"

    @property
    def socket_dir(self) -> Path:
        return self.base / "socket"

    @property
    def log(self) -> Path:
        return self.base / "server.log"

    @property
    def password_file(self) -> Path:
        return self.base / "superuser-password"

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str | None = None) -> str:
        return (f"postgresql+psycopg://{user}:{password or self.password}@127.0.0.1:{self.port}/{database}")

    def _run(self, *command: str, timeout: float = 60) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")} | {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
        return subprocess.run(as_server_user(list(command)), cwd=self.base, env=env, capture_output=True, text=True,
                              timeout=timeout)

    def _give_to_server_user(self, *paths: Path) -> None:
        if os.geteuid() == 0:
            user = pwd.getpwnam(SERVER_USER)
            for path in paths:
                os.chown(path, user.pw_uid, user.pw_gid)

    def _initdb(self) -> None:
        pwfile = self.base / "pwfile"
        pwfile.write_text(self.password + "\n", encoding="utf-8")
        self._give_to_server_user(pwfile)
        try:
            done = self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                             f"--pwfile={pwfile}", "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale",
                             *(() if self.durable else ("--no-sync",)))
        finally:
            pwfile.unlink(missing_ok=True)
        if done.returncode != 0:
            raise PostgresUnavailable(f"initdb a échoué ({self.bindir / 'initdb'}) :\n{done.stdout}{done.stderr}")
        if self.durable:
            self.password_file.write_text(self.password + "\n", encoding="utf-8")
            self.password_file.chmod(0o600)

    def _write_settings(self) -> None:
        """A conf.d-style include rewritten at each start (port, socket), so postgresql.conf stays initdb's."""
        settings = self.data / "casp.conf"
        lines = ["# Written by casp at each start: loopback only.", "listen_addresses = '127.0.0.1'",
                 f"port = {self.port}", f"unix_socket_directories = '{self.socket_dir}'", "max_connections = 60"]
        if not self.durable:
            lines += ["# Throwaway test data: durability off for speed.", "fsync = off", "synchronous_commit = off",
                      "full_page_writes = off", "shared_buffers = 32MB"]
        settings.write_text("\n".join(lines) + "\n", encoding="utf-8")
        self._give_to_server_user(settings)
        conf = self.data / "postgresql.conf"
        if "include_if_exists = 'casp.conf'" not in conf.read_text(encoding="utf-8"):
            with open(conf, "a", encoding="utf-8") as handle:
                handle.write("\ninclude_if_exists = 'casp.conf'\n")

    def start(self, port: int | None = None) -> None:
        started = time.perf_counter()
        self.base.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(exist_ok=True)
        self._give_to_server_user(self.base, self.socket_dir)
        if self._run("test", "-w", str(self.base)).returncode != 0:
            raise PostgresUnavailable(f"L'utilisateur « {SERVER_USER} » ne peut pas écrire dans {self.base} : "
                                      "choisissez un dossier qu'il peut atteindre.")
        if not (self.data / "PG_VERSION").is_file():
            self._initdb()
        elif self.durable and self.password_file.is_file():
            self.password = self.password_file.read_text(encoding="utf-8").strip()
        if port and self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "status").returncode == 0:
            self.port, self.running, self.adopted = port, True, True  # a running hub's cluster: use it as it is
            return
        for attempt in range(START_ATTEMPTS):
            self.port = port or free_port()
            self._write_settings()
            done = self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", "30",
                             "start")
            if done.returncode == 0:
                self.running = True
                break
            log = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
            if port or "could not bind" not in log or attempt == START_ATTEMPTS - 1:
                raise PostgresUnavailable(f"pg_ctl start a échoué :\n{done.stdout}{done.stderr}\n{log[-3000:]}")
        self.start_seconds = time.perf_counter() - started
        self.version = self._run(str(self.bindir / "postgres"), "--version").stdout.strip()

    def stop(self) -> None:
        """Stop the server (unless adopted); a throwaway cluster is also removed."""
        if self.adopted:
            return
        if self.running:
            self.running = False
            mode = "fast" if self.durable else "immediate"
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")
        if not self.durable:
            shutil.rmtree(self.base, ignore_errors=True)


def connect(server_url: str):
    """A psycopg connection (autocommit) from a SQLAlchemy URL, for administration."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(server_url)
    return psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password,
                           dbname=url.database or "postgres", autocommit=True)


IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def ensure_database(server: PostgresServer, name: str, owner: str, owner_password: str) -> str:
    """A login role `owner` (password set anew) owning database `name`, created when missing; its URL."""
    if not IDENTIFIER.fullmatch(name) or not IDENTIFIER.fullmatch(owner):
        raise ValueError(f"database and role names are lowercase identifiers: {name!r}, {owner!r}")
    from psycopg import sql

    with connect(server.url()) as connection:
        exists = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (owner,)).fetchone()
        verb = "ALTER" if exists else "CREATE"
        connection.execute(sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(owner),
                                                                            sql.Literal(owner_password)))
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(name),
                                                                           sql.Identifier(owner)))
    return server.url(name, user=owner, password=owner_password)
