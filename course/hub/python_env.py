"""The Python every hub user runs: a virtual environment from the system's Python, readable by all.

The project's own .venv usually comes from a Python under /root (pyenv), which other users cannot
enter; learners' servers, kernels and the grader's formgrader run from this environment instead. It
holds the course package as a wheel (no model answer: tests/test_wheel.py) with jupyterhub, and is
rebuilt only when what it is made of changes: the system Python, or the course's dependencies. A change
of the course's code alone reinstalls the wheel (seconds).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

from .. import CourseError

SYSTEM_PYTHONS = ("/usr/bin/python3.11", "/usr/bin/python3.12", "/usr/bin/python3.13", "/usr/bin/python3")
STAMP = "casp-hub.json"
PROJECT_DIR = Path(__file__).resolve().parents[2]  # the repository: pyproject.toml and course/


def _quiet(_message: str) -> None:
    pass


def _open_to_all(path: Path) -> bool:
    """Whether every directory above `path` (resolved) can be entered by other users."""
    real = Path(os.path.realpath(path))
    return all(os.stat(parent).st_mode & 0o001 for parent in real.parents)


def find_system_python(candidates=SYSTEM_PYTHONS) -> str:
    """A Python ≥ 3.11 that other users can run (not under /root)."""
    for candidate in candidates:
        if not os.access(candidate, os.X_OK) or not _open_to_all(Path(candidate)):
            continue
        version = subprocess.run([candidate, "-c", "import sys; print(sys.version_info >= (3, 11))"],
                                 capture_output=True, text=True)
        if version.stdout.strip() == "True":
            return candidate
    raise CourseError(
        "Aucun Python ≥ 3.11 utilisable par tous les comptes (essayés : " + ", ".join(candidates) + "). "
        "Sur Debian : apt-get install python3 python3-venv (un Python installé sous /root, comme pyenv, "
        "n'est pas accessible aux autres comptes)."
    )


def _digest(paths: list[Path], base: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _course_files(project: Path) -> list[Path]:
    return [p for p in (project / "course").rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def _requirements_digest(project: Path) -> str:
    import tomllib

    meta = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    spec = json.dumps([meta["dependencies"], meta["optional-dependencies"].get("hub", [])])
    return hashlib.sha256(spec.encode()).hexdigest()[:16]


def build_wheel(project: Path, out: Path) -> Path:
    """The course's wheel, built from a copy of pyproject.toml, README.md and course/ (no stale build/)."""
    with tempfile.TemporaryDirectory(prefix="casp-roue-") as tree:
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(project / name, Path(tree) / name)
        shutil.copytree(project / "course", Path(tree) / "course", ignore=shutil.ignore_patterns("__pycache__"))
        done = subprocess.run([sys.executable, "-m", "pip", "wheel", tree, "--no-deps", "--quiet", "-w", str(out)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise CourseError(f"Construction du paquet du cours impossible :\n{done.stderr[-2000:]}")
    (wheel,) = out.glob("casp_course-*.whl")
    return wheel


def _pip(venv: Path, *args: str) -> None:
    done = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "--disable-pip-version-check", "--quiet",
                           *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise CourseError(f"pip a échoué dans {venv} ({' '.join(args[:3])}…) :\n{done.stderr[-3000:]}")


def ensure_user_python(venv: Path, notify: Callable[[str], None] = _quiet, project: Path = PROJECT_DIR) -> Path:
    """The users' environment at `venv`, created or updated as needed; its jupyterhub-singleuser.

    Two hubs preparing the same environment at once (two test workers) take turns: a lock file beside it.
    """
    import fcntl

    venv.parent.mkdir(parents=True, exist_ok=True)
    with open(venv.parent / f".{venv.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _ensure_user_python(venv, notify, project)


def _ensure_user_python(venv: Path, notify: Callable[[str], None], project: Path) -> Path:
    if not (project / "pyproject.toml").is_file():
        raise CourseError(f"{project} : pyproject.toml introuvable. `casp hub` s'utilise depuis le dépôt du cours "
                          "(installation avec `make install`).")
    if not _open_to_all(venv):
        raise CourseError(f"{venv} : un dossier au-dessus n'est pas accessible aux autres comptes (mode 0700 ?). "
                          "Choisissez un dossier comme /srv/casp-hub.")
    python = find_system_python()
    wanted = {"python": python, "requirements": _requirements_digest(project),
              "course": _digest(_course_files(project) + [project / "pyproject.toml"], project)}
    stamp_file = venv / STAMP
    stamp = json.loads(stamp_file.read_text(encoding="utf-8")) if stamp_file.is_file() else {}
    if stamp == wanted:
        return venv / "bin" / "jupyterhub-singleuser"
    with tempfile.TemporaryDirectory(prefix="casp-roue-") as out:
        wheel = build_wheel(project, Path(out))
        if stamp.get("python") != python or stamp.get("requirements") != wanted["requirements"]:
            notify(f"Création de l'environnement Python des utilisateurs dans {venv} (une à deux minutes)…")
            shutil.rmtree(venv, ignore_errors=True)
            done = subprocess.run([python, "-m", "venv", str(venv)], capture_output=True, text=True)
            if done.returncode != 0:
                raise CourseError(f"{python} -m venv {venv} a échoué (paquet Debian python3-venv ?) :\n{done.stderr}")
            _pip(venv, "install", f"{wheel}[hub]")
        else:
            notify(f"Mise à jour du paquet du cours dans {venv}…")
            _pip(venv, "install", "--no-deps", "--force-reinstall", str(wheel))
    for path in (venv, *venv.rglob("*")):  # pip under a strict umask would leave files other users cannot read
        if not path.is_symlink():
            mode = path.stat().st_mode
            path.chmod(mode | 0o044 | (0o011 if path.is_dir() or mode & 0o100 else 0))
    stamp_file.write_text(json.dumps(wanted, indent=2) + "\n", encoding="utf-8")
    return venv / "bin" / "jupyterhub-singleuser"
