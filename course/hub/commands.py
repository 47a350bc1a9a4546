"""What `casp hub` does: prepare and run a course's hub, add accounts, the demo's roster.

`casp hub` (as root) prepares everything (prepare.py) and runs the hub until Ctrl+C; `casp hub comptes
equipe.csv` adds or updates accounts, and tells a running hub at once through its REST API.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable

from .. import CourseError
from ..catalogue import load_catalogue
from ..lab.roles import LEARNER, TRAINER
from ..lab.workspace import bloc_assignments
from .layout import HubLayout
from .prepare import HubSetup, prepare_hub, set_accounts, _gradebook
from .python_env import PROJECT_DIR
from .roster import Account, read_roster
from .server import HubClient, HubError

DEMO_ROOT = Path("/srv/casp-hub-demo")
DEMO_LEARNERS = 3
DEMO_FIRST_ASSIGNMENT = "prise_en_main"


def demo_accounts(learners: int = DEMO_LEARNERS) -> list[Account]:
    """The demo cohort's first learners (same logins and names as `casp demo`) and one trainer."""
    from ..demo.cohort import make_cohort

    cohort = [Account(person.id, f"{person.first_name} {person.last_name}", person.email, LEARNER)
              for person in make_cohort(learners)]
    return cohort + [Account("formateur01", "Claire Formatrice", "claire.formatrice@exemple.fr", TRAINER)]


def demo_releases(course_dir: Path) -> list[str]:
    return [DEMO_FIRST_ASSIGNMENT, *bloc_assignments(load_catalogue(course_dir))]


def current_accounts(layout: HubLayout) -> list[Account]:
    return list(read_roster(layout.accounts_file).accounts) if layout.accounts_file.is_file() else []


def merge_accounts(existing: list[Account], new: list[Account]) -> list[Account]:
    """The hub's accounts after a roster is added: new logins appended, known ones updated (name, e-mail, role)."""
    by_login = {account.login: replace(account, line=0) for account in existing}
    for account in new:
        by_login[account.login] = replace(account, line=0)
    return list(by_login.values())


def prepare(layout: HubLayout, course_dir: Path, accounts: list[Account], *, port: int | None = None,
            authentication: str = "demo", gradebook: str = "postgresql", release: list[str] = (),
            notify: Callable[[str], None] = print) -> HubSetup:
    if not accounts:
        raise CourseError(f"Aucun compte dans {layout.accounts_file} : lancez `casp hub --comptes equipe.csv` "
                          "(ou `casp hub --demo`).")
    return prepare_hub(layout, course_dir, accounts, project_dir=PROJECT_DIR, port=port,
                       authentication=authentication, gradebook=gradebook, release=release, notify=notify)


def sync_running_hub(layout: HubLayout, accounts: list[Account], port: int) -> bool:
    """Tell a running hub about the accounts (users and groups) at once; False when no hub answers."""
    token_file = layout.secret("jeton-casp")
    if not token_file.is_file():
        return False
    client = HubClient(f"http://127.0.0.1:{port}", token_file.read_text(encoding="utf-8").strip())
    try:
        status, _ = client.request("GET", "/hub/api/", timeout=3)
    except OSError:
        return False
    if status != 200:
        return False
    known = {user["name"] for user in client.json("GET", "/hub/api/users")}
    missing = [account.login for account in accounts if account.login not in known]
    if missing:
        client.json("POST", "/hub/api/users", {"usernames": missing})
    groups = {f"nbgrader-{layout.course_id}": [a.login for a in accounts if a.role == LEARNER],
              f"formgrade-{layout.course_id}": [a.login for a in accounts if a.role == TRAINER]}
    for group, users in groups.items():
        if users:
            try:
                client.json("POST", f"/hub/api/groups/{group}/users", {"users": users})
            except HubError as error:
                raise CourseError(f"Le hub n'a pas pu ajouter les comptes au groupe {group} : {error}") from None
    return True


def add_accounts(layout: HubLayout, roster_file: Path, port: int | None, gradebook: str,
                 notify: Callable[[str], None] = print) -> list[Account]:
    """`casp hub comptes`: check the whole roster first (nothing is created on a bad row), then create."""
    roster = read_roster(roster_file)
    for note in roster.notes:
        notify(note)
    accounts = merge_accounts(current_accounts(layout), list(roster.accounts))
    if not layout.config_file.is_file():
        raise CourseError(f"{layout.config_file} introuvable : lancez d'abord `casp hub --comptes {roster_file}` "
                          f"pour installer le hub dans {layout.root}.")
    db_url, server = _gradebook(layout, gradebook)
    try:
        set_accounts(layout, accounts, db_url)
    finally:
        if server:
            server.stop()
    from .prepare import configured_port

    if sync_running_hub(layout, accounts, port or configured_port(layout)):
        notify("Le hub en marche connaît déjà les nouveaux comptes.")
    else:
        notify("Les nouveaux comptes seront pris en compte au prochain démarrage du hub (casp hub).")
    return list(roster.accounts)
