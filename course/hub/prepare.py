"""`prepare_hub()`: everything a course's hub needs, made idempotently (run as root).

In order: the hub's folders and secrets, the users' Python, the grader account and its copy of the
course, the exchange, the gradebook (PostgreSQL cluster of the hub's own, or SQLite), each role's
settings, the accounts of the roster (Unix, and learners in the gradebook), jupyterhub_config.py,
and the assignments released as the grader would. A second run keeps the course folder and the
gradebook as they are: nothing graded is lost.
"""
from __future__ import annotations

import os
import pwd
import secrets
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from jinja2 import Environment, PackageLoader, StrictUndefined

from .. import CourseError
from ..config import load_config
from . import accounts as unix_accounts
from .layout import HubLayout
from .postgres import PostgresServer, ensure_database, find_bindir, free_port
from .python_env import ensure_user_python
from .roles import GRADER_ROLE, write_role_configs
from .roster import Account, write_roster

COURSE_ITEMS = ("nbgrader_config.py", "assignments", "source", "release")  # what the grader's course folder holds
AUTHENTICATIONS = ("demo", "native", "lti13")
GRADEBOOKS = ("postgresql", "sqlite")
PROXY = "configurable-http-proxy"
DEFAULT_PORT = 8000


def _quiet(_message: str) -> None:
    pass


@dataclass
class HubSetup:
    layout: HubLayout
    port: int
    proxy: str
    accounts: list[Account]
    password: str | None  # the demo's shared password
    db_url: str
    postgres: PostgresServer | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def find_proxy(project_dir: Path) -> str:
    """configurable-http-proxy: on the PATH, else the project's node_modules (`make install` puts it there)."""
    found = shutil.which(PROXY) or str(project_dir / "node_modules" / ".bin" / PROXY)
    if not os.access(found, os.X_OK):
        raise CourseError(
            f"{PROXY} introuvable (ni dans le PATH, ni dans {project_dir / 'node_modules/.bin'}) : lancez "
            "`make install` (npm ci, Node ≥ 20) ou `npm install -g configurable-http-proxy`."
        )
    return found


def check_root() -> None:
    if os.geteuid() != 0:
        raise CourseError("casp hub crée des comptes Unix et lance les serveurs de chaque personne sous son compte : "
                          "lancez-le en root (sudo casp hub …).")


def _secret(layout: HubLayout, name: str, make: Callable[[], str]) -> str:
    path = layout.secret(name)
    if not path.is_file():
        path.write_text(make() + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def _directories(layout: HubLayout) -> None:
    for path, mode in ((layout.root, 0o755), (layout.state, 0o700), (layout.roles, 0o755), (layout.logs, 0o700),
                       (layout.exchange, 0o1777), (layout.homes, 0o755)):
        path.mkdir(parents=True, exist_ok=True)
        path.chmod(mode)


def _chown_tree(path: Path, login: str) -> None:
    user = pwd.getpwnam(login)
    for item in (path, *path.rglob("*")):
        os.chown(item, user.pw_uid, user.pw_gid, follow_symlinks=False)


def _course_folder(layout: HubLayout, source_course: Path, notify: Callable[[str], None]) -> None:
    """The grader's copy of the course (kept if it exists: it holds the submissions and their grades)."""
    unix_accounts.ensure_unix_account(layout.grader, f"Correcteur {layout.course_id}", layout.grader_home)
    if layout.course_dir.exists():
        notify(f"Dossier du cours conservé : {layout.course_dir}")
        return
    staging = layout.course_dir.with_name(layout.course_dir.name + ".copie")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    for name in COURSE_ITEMS:
        source = source_course / name
        if source.is_dir():
            shutil.copytree(source, staging / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        elif source.is_file():
            shutil.copy2(source, staging / name)
        else:
            raise CourseError(f"{source} introuvable : le dossier du cours {source_course} est incomplet.")
    _chown_tree(staging, layout.grader)
    staging.rename(layout.course_dir)
    notify(f"Dossier du cours copié pour le compte {layout.grader} : {layout.course_dir}")


def _exchange(layout: HubLayout) -> None:
    course = layout.exchange / layout.course_id
    course.mkdir(exist_ok=True)
    user = pwd.getpwnam(layout.grader)
    os.chown(course, user.pw_uid, user.pw_gid)
    course.chmod(0o755)


def _gradebook(layout: HubLayout, gradebook: str) -> tuple[str, PostgresServer | None]:
    if gradebook == "sqlite":
        return f"sqlite:///{layout.course_dir / 'gradebook.db'}", None
    server = PostgresServer(find_bindir(), layout.postgres, durable=True)
    port_file = layout.secret("postgres-port")
    server.start(port=int(port_file.read_text()) if port_file.is_file() else None)
    port_file.write_text(f"{server.port}\n", encoding="utf-8")
    owner_password = _secret(layout, "mot-de-passe-gradebook", lambda: secrets.token_hex(16))
    return ensure_database(server, layout.database, layout.database, owner_password), server


def _env_of(login: str, layout: HubLayout, db_url: str) -> dict[str, str]:
    user = pwd.getpwnam(login)
    return {"HOME": user.pw_dir, "USER": login, "LOGNAME": login, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "PATH": f"{layout.venv / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "JUPYTER_CONFIG_PATH": str(layout.roles / GRADER_ROLE / "config"),
            "CASP_EXCHANGE": str(layout.exchange), "CASP_DB_URL": db_url}


def run_as_grader(layout: HubLayout, db_url: str, *argv: str) -> subprocess.CompletedProcess:
    """A command of the users' Python run by the grader account in the course folder, as formgrader would."""
    command = ["setpriv", f"--reuid={layout.grader}", f"--regid={layout.grader}", "--init-groups", "--",
               str(layout.venv / "bin" / argv[0]), *argv[1:]]
    return subprocess.run(command, cwd=layout.course_dir, env=_env_of(layout.grader, layout, db_url),
                          capture_output=True, text=True)


def release_assignments(layout: HubLayout, db_url: str, assignment_ids: list[str],
                        notify: Callable[[str], None] = _quiet) -> None:
    """Generate (release/ and the gradebook's grade cells) and release each assignment, as the grader."""
    outbound = layout.exchange / layout.course_id / "outbound"
    for assignment_id in assignment_ids:
        if (outbound / assignment_id).is_dir():
            continue
        for argv in (("casp", "--course-dir", str(layout.course_dir), "release", assignment_id),
                     ("nbgrader", "release_assignment", assignment_id)):
            done = run_as_grader(layout, db_url, *argv)
            if done.returncode != 0:
                raise CourseError(f"{' '.join(argv)} (compte {layout.grader}) a échoué :\n"
                                  f"{(done.stdout + done.stderr)[-3000:]}")
        notify(f"  diffusé : {assignment_id}")


def _render_config(layout: HubLayout, *, port: int, proxy: str, authentication: str) -> None:
    """jupyterhub_config.py, written once: later runs keep the sysadmin's changes (delete it to start again)."""
    if layout.config_file.is_file():
        return
    environment = Environment(loader=PackageLoader("course.hub", "templates"), undefined=StrictUndefined,
                              keep_trailing_newline=True)
    environment.filters["pyrepr"] = lambda value: repr(str(value))
    text = environment.get_template("jupyterhub_config.py.j2").render(
        root=layout.root, venv=layout.venv, homes=layout.homes, course_id=layout.course_id, grader=layout.grader,
        written_on=date.today().isoformat(), port=port, hub_api_port=free_port(), proxy_api_port=free_port(),
        grader_port=free_port(), proxy=proxy, authentication=authentication,
    )
    layout.config_file.write_text(text, encoding="utf-8")
    layout.config_file.chmod(0o600)


def configured_port(layout: HubLayout) -> int:
    import re

    match = re.search(r'^c\.JupyterHub\.bind_url = "http://[^:]+:(\d+)"', layout.config_file.read_text(encoding="utf-8"),
                      re.M)
    if not match:
        raise CourseError(f"{layout.config_file} : c.JupyterHub.bind_url introuvable.")
    return int(match.group(1))


def set_accounts(layout: HubLayout, accounts: list[Account], db_url: str) -> None:
    """Create the Unix accounts, add the learners to the gradebook, write comptes.csv (root only)."""
    for account in accounts:
        unix_accounts.check_free_or_ours(account.login, layout.home(account.login))
    for account in accounts:
        unix_accounts.ensure_unix_account(account.login, account.name, layout.home(account.login))
    learners = [account for account in accounts if account.role == "apprenant"]
    unix_accounts.add_learners_to_gradebook(db_url, learners)
    if db_url.startswith("sqlite:///"):
        _chown_tree(Path(db_url.removeprefix("sqlite:///")), layout.grader)
    write_roster(accounts, layout.accounts_file)
    layout.accounts_file.chmod(0o600)


def prepare_hub(layout: HubLayout, source_course: Path, accounts: list[Account], *, project_dir: Path,
                port: int | None = None, authentication: str = "demo", gradebook: str = "postgresql",
                release: list[str] = (), notify: Callable[[str], None] = _quiet) -> HubSetup:
    check_root()
    if authentication not in AUTHENTICATIONS:
        raise CourseError(f"Authentification inconnue « {authentication} » : {', '.join(AUTHENTICATIONS)}.")
    if gradebook not in GRADEBOOKS:
        raise CourseError(f"Carnet de notes inconnu « {gradebook} » : {', '.join(GRADEBOOKS)}.")
    if not shutil.which("bwrap"):
        raise CourseError("bwrap introuvable (paquet Debian bubblewrap) : la correction automatique en a besoin.")
    proxy = find_proxy(project_dir)
    course_id = load_config(source_course).CourseDirectory.course_id
    if course_id != layout.course_id:
        raise CourseError(f"Le cours de {source_course} est « {course_id} », pas « {layout.course_id} ».")
    _directories(layout)
    for name in ("jeton-proxy", "jeton-service-correcteur", "jeton-casp"):
        _secret(layout, name, lambda: secrets.token_hex(32))
    password = _secret(layout, "mot-de-passe-demo", lambda: secrets.token_urlsafe(9)) if authentication == "demo" \
        else None
    ensure_user_python(layout.venv, notify, project_dir)
    _course_folder(layout, source_course, notify)
    _exchange(layout)
    db_url, server = _gradebook(layout, gradebook)
    try:
        layout.secret("gradebook-url").write_text(db_url + "\n", encoding="utf-8")
        layout.secret("gradebook-url").chmod(0o600)
        write_role_configs(layout.roles, layout.exchange, layout.venv)
        set_accounts(layout, accounts, db_url)
        _render_config(layout, port=port or DEFAULT_PORT, proxy=proxy, authentication=authentication)
        release_assignments(layout, db_url, list(release), notify)
    except BaseException:
        if server:
            server.stop()
        raise
    return HubSetup(layout, configured_port(layout), proxy, accounts, password, db_url, server)
