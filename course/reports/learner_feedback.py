"""Each learner's own livret, delivered inside their nbgrader feedback.

How nbgrader 0.9.6 moves feedback, and why the livret rides inside the pages:
- `release_feedback` copies every `feedback/<learner>/<assignment>/*.html` to the exchange's `feedback/` folder,
  renamed by `notebook_hash(submission secret, page name)`;
- `fetch_feedback`, run by the learner, looks for one such hash per *notebook of their submission* (the `.ipynb`
  files in their submission cache) and copies only those pages to `<assignment>/feedback/<timestamp>/`.
A `livret.html` beside the pages would be released under a hash that no submitted notebook matches: it would never
reach the learner. So the livret goes into each feedback page of the learner (a link at the top, the page at the
end, in an iframe whose `srcdoc` keeps the livret's own look), and nbgrader's own release and fetch carry it.

The livret is LivretBook's learner copy (`for_learner=True`): that learner's results only, without the agreement
between markers. It is inserted at release time rather than at generation, because the bloc decisions and the
jury's remarks it shows change after feedback was generated. All pages are checked before any is written; a page
already holding a livret has it replaced.
"""
from __future__ import annotations

import glob
import os
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .. import CourseError
from ..grading.cohort import CohortData
from ..nbgrader_ext.api import course_directory, nbgrader_api
from .livret import LivretBook, environment, french_date, os_error_text

PART_TEMPLATE = "_livret_dans_retour.html.j2"
INSERTED = re.compile(r"\n?<!-- casp-livret:debut -->.*?<!-- casp-livret:fin -->\n?", re.DOTALL)
MAIN_OPEN = re.compile(r"<main\b[^>]*>")


@dataclass(frozen=True)
class FeedbackRelease:
    """What `release_feedback_with_livrets` did, for the trainer's confirmation."""

    assignment_ids: list[str]
    learners: list[str]
    pages: list[Path]


def feedback_pages(course_dir: Path, assignment_id: str) -> dict[str, list[Path]]:
    """learner → their feedback pages for the assignment, where nbgrader's generate_feedback wrote them."""
    coursedir = course_directory(course_dir)
    pattern = coursedir.format_path(coursedir.feedback_directory, "*", assignment_id)
    pages: dict[str, list[Path]] = {}
    for folder in sorted(glob.glob(pattern)):
        found = sorted(Path(folder).glob("*.html"))
        if found:
            pages[Path(folder).parent.name] = found
    return pages


def with_livret(page: str, livret: str, name: str, issued: str, where: Path) -> str:
    """The feedback page `page` with the learner's livret inserted (an earlier one removed first)."""
    page = INSERTED.sub("", page)
    end = page.rfind("</main>")
    if end < 0:
        end = page.rfind("</body>")
    opening = MAIN_OPEN.search(page) or re.search(r"<body\b[^>]*>", page)
    if end < 0 or opening is None or opening.end() > end:
        raise CourseError(f"{where} : page de retour sans <main> ni <body> ; le livret ne peut pas y être inséré. "
                          "Régénérez les retours (casp autograde DEVOIR --feedback).")
    template = environment().get_template(PART_TEMPLATE)
    link = template.render(part="link", livret="", name=name, issued=issued)
    section = template.render(part="section", livret=livret, name=name, issued=issued)
    return page[:opening.end()] + "\n" + link + page[opening.end():end] + section + page[end:]


def _assignment_ids(catalogue, assignment_ids: str | Iterable[str]) -> list[str]:
    """The assignments asked for, each checked against the catalogue (an unknown one gets its French message)."""
    ids = [assignment_ids] if isinstance(assignment_ids, str) else list(dict.fromkeys(assignment_ids))
    for assignment_id in ids:
        catalogue.assignment(assignment_id)
    return ids


def attach_livrets(course_dir: Path, cohort: CohortData, assignment_ids: str | Iterable[str], *,
                   issued: date | None = None) -> dict[str, dict[str, list[Path]]]:
    """Insert each learner's own livret into each of their feedback pages of the assignments; all pages or none.

    Returns assignment → learner → pages. Each learner's livret is rendered once, whatever the number of pages.
    """
    course_dir = Path(course_dir)
    ids = _assignment_ids(cohort.catalogue, assignment_ids)
    pages = {assignment_id: feedback_pages(course_dir, assignment_id) for assignment_id in ids}
    missing = [assignment_id for assignment_id in ids if not pages[assignment_id]]
    if len(missing) == 1:
        raise CourseError(f"Aucun retour n'a été généré pour le devoir « {missing[0]} » : lancez d'abord "
                          f"`casp autograde {missing[0]} --feedback`.")
    if missing:
        raise CourseError(f"Aucun retour n'a été généré pour les devoirs {', '.join(f'« {m} »' for m in missing)} : "
                          "lancez d'abord `casp autograde DEVOIR --feedback` pour chacun.")
    learners = {learner.id: learner for learner in cohort.learners}
    unknown = sorted({student_id for by_learner in pages.values() for student_id in by_learner} - set(learners))
    if unknown:
        raise CourseError(f"Retours de {', '.join(ids)} pour des apprenants absents du carnet de notes : "
                          f"{', '.join(unknown)} ; rien n'a été modifié.")
    issued = issued or date.today()
    book = LivretBook(cohort, None, issued, for_learner=True)
    livrets: dict[str, str] = {}
    updated: dict[Path, str] = {}
    for by_learner in pages.values():
        for student_id, paths in by_learner.items():
            learner = learners[student_id]
            if student_id not in livrets:
                livrets[student_id] = book.html(learner)
            for path in paths:
                try:
                    text = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    reason = os_error_text(exc) if isinstance(exc, OSError) else "pas en UTF-8"
                    raise CourseError(f"{path} : page de retour illisible ({reason}) ; rien n'a été modifié.") from None
                updated[path] = with_livret(text, livrets[student_id], learner.name, french_date(issued), path)
    written = 0
    for path, text in updated.items():
        staged = path.with_name(f".{path.name}.livret")
        try:
            staged.write_text(text, encoding="utf-8")
            os.replace(staged, path)
        except OSError as exc:
            staged.unlink(missing_ok=True)
            raise CourseError(f"{path} : impossible d'écrire la page de retour ({os_error_text(exc)}) ; "
                              f"{written} page(s) déjà complétée(s) sur {len(updated)}.") from None
        written += 1
    return pages


def release_feedback_with_livrets(course_dir: Path, cohort: CohortData, assignment_ids: str | Iterable[str], *,
                                  issued: date | None = None) -> FeedbackRelease:
    """`casp retours DEVOIR…`: every learner's livret into their feedback pages, then nbgrader's release_feedback."""
    pages = attach_livrets(course_dir, cohort, assignment_ids, issued=issued)
    api = nbgrader_api(Path(course_dir))
    for assignment_id in pages:
        with warnings.catch_warnings():  # nbgrader 0.9.6 passes `authentictor=` (sic) to its exchange: harmless
            warnings.filterwarnings("ignore", r"Passing unrecognized arguments to super\(ExchangeReleaseFeedback\)",
                                    DeprecationWarning)
            result = api.release_feedback(assignment_id)
        if not result.get("success"):
            raise CourseError(f"nbgrader release_feedback {assignment_id} a échoué ; les livrets sont dans les pages "
                              f"de retour, relancez la commande une fois le problème réglé :\n{result.get('log', '')}\n"
                              f"{result.get('error', '')}")
    return FeedbackRelease(
        list(pages), sorted({student_id for by_learner in pages.values() for student_id in by_learner}),
        [path for by_learner in pages.values() for paths in by_learner.values() for path in paths],
    )
