"""The learner's side of the course's local exchange: what is released, releasing Bloc 1, fetching one assignment.

Releasing is what the trainer does (`nbgrader release_assignment`, through the course's own config);
fetching goes through the learner's generated nbgrader_config.py, exactly as the Assignments panel
of the learner's lab will, so both agree on where assignments land and under which login.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from nbgrader.exchange.default import ExchangeFetchAssignment
from traitlets.config.loader import PyFileConfigLoader

from .. import CourseError
from ..catalogue import Catalogue
from ..nbgrader_ext.api import nbgrader_api
from ..nbgrader_ext.exchange import run_exchange

FIRST_BLOC = 1


def released_assignments(exchange_root: Path, course_id: str) -> list[str]:
    """Assignments present in the exchange's outbound folder of the course."""
    outbound = Path(exchange_root) / course_id / "outbound"
    return sorted(p.name for p in outbound.iterdir() if p.is_dir()) if outbound.is_dir() else []


def bloc_assignments(catalogue: Catalogue, bloc_number: int = FIRST_BLOC) -> list[str]:
    """The catalogue's assignments that assess a modality of the given bloc (M1.1 … M1.4 for Bloc 1)."""
    return [
        assignment.id for assignment in catalogue.assignments.values()
        if assignment.modality and catalogue.referential.bloc_of(assignment.modality).number == bloc_number
    ]


def release(course_dir: Path, assignment_ids: list[str], notify: Callable[[str], None]) -> None:
    """Publish assignments to the exchange as the trainer would (release/ → outbound/)."""
    api = nbgrader_api(course_dir)
    for assignment_id in assignment_ids:
        result = api.release_assignment(assignment_id)
        if not result["success"]:
            if not (Path(course_dir) / "release" / assignment_id).is_dir():
                raise CourseError(
                    f"Le devoir « {assignment_id} » n'a pas de version apprenant dans release/ : lancez "
                    f"`casp release {assignment_id}` puis recommencez."
                )
            raise CourseError(f"La diffusion de « {assignment_id} » a échoué :\n{result.get('log', '')}"
                              f"{result.get('error', '')}")
        notify(f"  diffusé : {assignment_id}")


def fetch(nbgrader_config_file: Path, workspace: Path, assignment_id: str) -> Path:
    """Fetch a released assignment into the learner's workspace (missing files are put back); return its folder."""
    config_file = Path(nbgrader_config_file)
    config = PyFileConfigLoader(config_file.name, path=str(config_file.parent)).load_config()
    config.CourseDirectory.assignment_id = assignment_id
    config.ExchangeFetchAssignment.replace_missing_files = True
    try:
        app = run_exchange(ExchangeFetchAssignment, config, workspace)
    except Exception as exc:  # nbgrader's ExchangeError carries its own (English) reason
        raise CourseError(f"Impossible de récupérer le devoir « {assignment_id} » dans {workspace} : {exc}") from exc
    return Path(app.dest_path)


def ensure_assignment(catalogue: Catalogue, assignment_id: str, exchange_root: Path, course_id: str,
                      learner_config: Path, workspace: Path, login: str, notify: Callable[[str], None]) -> None:
    """Make sure the assignment's first notebook is in the learner's workspace.

    When the exchange has nothing released yet, the Bloc 1 assignments are released first (a learner's
    lab on a fresh course has something to open); then the assignment is fetched unless it is there.
    """
    notebook = catalogue.assignment(assignment_id).notebooks[0]
    workspace.mkdir(parents=True, exist_ok=True)
    if (workspace / assignment_id / notebook).is_file():
        return
    released = released_assignments(exchange_root, course_id)
    if not released:
        notify(f"Aucun devoir n'est encore diffusé dans l'échange {exchange_root} : diffusion des devoirs du "
               "bloc 1, comme le ferait le formateur.")
        release(catalogue.course_dir, bloc_assignments(catalogue), notify)
        released = released_assignments(exchange_root, course_id)
    if assignment_id not in released:
        raise CourseError(
            f"Le devoir « {assignment_id} » n'est pas diffusé dans l'échange {exchange_root} : le formateur "
            f"doit d'abord lancer `nbgrader release_assignment {assignment_id}`."
        )
    folder = fetch(learner_config, workspace, assignment_id)
    notify(f"Devoir « {assignment_id} » récupéré pour {login} dans {folder}.")
