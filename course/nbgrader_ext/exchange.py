"""Fetch, submit and fetch feedback on behalf of a learner, through nbgrader's local-disk exchange."""
from __future__ import annotations

from pathlib import Path

from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeFetchFeedback, ExchangeSubmit

from .. import CourseError
from ..config import load_config


def run_exchange(exchange_class, config, home: Path):
    """Run one of nbgrader's exchange apps (fetch, submit…) with `config`, into or from the learner's `home`."""
    coursedir = CourseDirectory(config=config)
    app = exchange_class(coursedir=coursedir, authenticator=Authenticator(config=config), config=config)
    app.assignment_dir = str(home)
    app.start()
    return app


def _run(exchange_class, course_dir: Path, assignment_id: str, student_id: str, home: Path):
    config = load_config(course_dir)
    config.CourseDirectory.assignment_id = assignment_id
    config.CourseDirectory.student_id = student_id
    # The learner's own submission cache (nbgrader's default is the user's ~/.local/share/jupyter, shared by
    # every simulated learner and never cleaned): beside the learner's work, where it belongs.
    config.Exchange.cache = str(Path(home) / ".nbgrader_cache")
    try:
        return run_exchange(exchange_class, config, home)
    except Exception as exc:  # nbgrader raises ExchangeError with its own message
        raise CourseError(f"{exchange_class.__name__} {assignment_id} pour {student_id} : {exc}") from exc


def fetch(course_dir: Path, assignment_id: str, student_id: str, home: Path) -> Path:
    """Fetch the released assignment into the learner's `home`, as the Assignments tab does; return its folder."""
    home.mkdir(parents=True, exist_ok=True)
    return Path(_run(ExchangeFetchAssignment, course_dir, assignment_id, student_id, home).dest_path)


def submit(course_dir: Path, assignment_id: str, student_id: str, home: Path) -> None:
    _run(ExchangeSubmit, course_dir, assignment_id, student_id, home)


def fetch_feedback(course_dir: Path, assignment_id: str, student_id: str, home: Path) -> list[Path]:
    """Fetch the released feedback into the learner's `home`, as the Assignments tab's « Récupérer le retour » does.

    nbgrader finds the pages of the notebooks this learner submitted (their submission cache, see `_run`) and
    copies them to `<assignment>/feedback/<submission time>/`; the pages fetched are returned.
    """
    app = _run(ExchangeFetchFeedback, course_dir, assignment_id, student_id, home)
    return [Path(app.dest_path) / timestamp / f"{notebook_id}.html" for notebook_id, timestamp, _ in app.feedback_files]
