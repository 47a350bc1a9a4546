"""Unix accounts for the hub's people, and the learners' rows in nbgrader's gradebook.

Every person gets a Unix account of the roster's login, with a home of mode 0700 under the hub's
homes folder: their server, their kernels and their files are theirs alone. Run as root.
"""
from __future__ import annotations

import os
import pwd
import shutil
import subprocess
from pathlib import Path

from .. import CourseError
from .roster import Account

SHELL = "/bin/bash"  # the lab's terminal runs the account's shell


def unix_account(login: str) -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam(login)
    except KeyError:
        return None


def check_free_or_ours(login: str, home: Path) -> None:
    """A login already used by another Unix account (another home) cannot be given to someone else."""
    existing = unix_account(login)
    if existing and Path(existing.pw_dir) != home:
        raise CourseError(f"Le compte Unix « {login} » existe déjà avec le dossier personnel {existing.pw_dir} "
                          f"(attendu : {home}) : choisissez un autre identifiant.")


def ensure_unix_account(login: str, name: str, home: Path) -> bool:
    """Create the account (home 0700) unless it exists; True when it was created."""
    check_free_or_ours(login, home)
    created = False
    if not unix_account(login):
        if not shutil.which("useradd"):
            raise CourseError("useradd introuvable (paquet Debian passwd) : impossible de créer les comptes Unix.")
        home.parent.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["useradd", "--create-home", "--home-dir", str(home), "--shell", SHELL, "--user-group",
                               "--comment", name, "--no-log-init", login], capture_output=True, text=True)
        if done.returncode != 0:
            raise CourseError(f"useradd {login} a échoué : {done.stderr.strip()}")
        created = True
    user = unix_account(login)
    home.mkdir(parents=True, exist_ok=True)
    os.chown(home, user.pw_uid, user.pw_gid)
    home.chmod(0o700)
    return created


def remove_unix_account(login: str) -> None:
    """Delete the account and its home (the tests' throwaway accounts); nothing if it does not exist."""
    if unix_account(login):
        subprocess.run(["pkill", "-KILL", "-u", login], capture_output=True)
        subprocess.run(["userdel", "--remove", login], capture_output=True, text=True)


def split_name(name: str) -> tuple[str, str]:
    """First and last name for nbgrader's gradebook: the first word, then the rest (« Thi Hoa Tran » → Thi, Hoa Tran)."""
    first, _, last = name.strip().partition(" ")
    return (first, last) if last else ("", first)


def add_learners_to_gradebook(db_url: str, accounts: list[Account]) -> None:
    """Each learner as a student of the gradebook (names and e-mail updated if already there)."""
    from nbgrader.api import Gradebook

    from ..nbgrader_ext.api import ensure_tools_on_path

    ensure_tools_on_path()  # nbgrader runs `alembic` when it opens a gradebook
    with Gradebook(db_url) as gradebook:
        for account in accounts:
            first, last = split_name(account.name)
            gradebook.update_or_create_student(account.login, first_name=first, last_name=last, email=account.email)
