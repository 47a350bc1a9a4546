"""Certification record (livret) per learner: one self-contained French HTML page each.

The page is what a learner, a trainer or the jury reads: bloc decisions with their reasons, marks
per modality, every criterion with its level, descriptor and comment, and the competence radar.
CSS is inline and images are data URIs, so a livret opens anywhere without a network.
The French formatting helpers, input checks and the all-or-nothing writer here are also used
by the dashboard.
"""
from __future__ import annotations

import errno
import math
import multiprocessing
import os
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .. import CourseError
from ..formatting import date_fr, decimal_fr, mark_fr, trimmed_fr
from ..grading.agreement import FORMATIVE_ID
from ..grading.agreement import SCOPE_LABELS as AGREEMENT_SCOPES
from ..grading.autograde_statuses import GRADED
from ..grading.blocs import DECISION_LABELS
from ..grading.cohort import CohortData, LearnerInfo
from ..palette import DECISION_SYMBOLS, LEVEL_SYMBOLS, css_variables
from ..rubric import KIND_LABELS, LEVEL_KEYS, mark_out_of_20
from .alt_texts import radar_alt
from .charts import RadarChart, data_uri

TEMPLATES_DIR = Path(__file__).with_name("templates")
NBSP = "\u00a0"
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@+-]*")
AGREEMENT_FIELDS = ("scope", "id", "n", "exact", "kappa_linear", "kappa_quadratic")
EXACT_ALIAS = "exact_agreement"  # the field's name in course.grading.agreement.AgreementRow
SCOPE_LABELS = {
    "critere": "Critère", "assignment": "Devoir", "devoir": "Devoir", "modalite": "Modalité", "bloc": "Bloc",
    "global": "Ensemble", "all": "Ensemble", "ensemble": "Ensemble", "cohort": "Ensemble", "cohorte": "Ensemble",
    **AGREEMENT_SCOPES,
}
PARALLEL_FROM = 50  # learners: below this, starting worker processes costs more than it saves


class ReportError(CourseError):
    """The data given to a report is inconsistent; the message says which item and why."""


# French formatting, shared with the dashboard --------------------------------------------------------------

def french_number(value: float, decimals: int = 2) -> str:
    """12.5 → « 12,5 »; trailing zeros dropped (15.0 → « 15 »)."""
    return trimmed_fr(value, decimals)


def mark_text(value: float) -> str:
    return mark_fr(value)


def points_text(points: float, maximum: float) -> str:
    return mark_fr(points, maximum)


def percent_text(share: float) -> str:
    """A share 0–1 as « 33,3 % » (one decimal at most, non-breaking space)."""
    return f"{french_number(share * 100, 1)}{NBSP}%"


def kappa_text(value: float | None) -> str:
    return "non calculable" if value is None else decimal_fr(value, 4)


def french_date(day: date) -> str:
    return date_fr(day)


def plural(count: int, singular: str, plural_form: str) -> str:
    """French: 0 and 1 take the singular."""
    return f"{count} {singular if count <= 1 else plural_form}"


# Inputs -----------------------------------------------------------------------------------------------------

def field_values(item: object, names: Iterable[str], where: str) -> dict[str, object]:
    """Read named fields from an object or a mapping, or say which ones are missing."""
    names = list(names)
    if isinstance(item, Mapping):
        missing = [name for name in names if name not in item]
        values = {name: item.get(name) for name in names}
    else:
        missing = [name for name in names if not hasattr(item, name)]
        values = {name: getattr(item, name, None) for name in names}
    if missing:
        raise ReportError(f"{where} : champ(s) manquant(s) : {', '.join(missing)}.")
    return values


def _optional_number(value: object, field: str, where: str, low: float, high: float) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ReportError(f"{where} : « {field} » doit être un nombre (reçu « {value} »).") from None
    if math.isnan(number):
        return None
    if not low <= number <= high:
        raise ReportError(f"{where} : « {field} » doit être compris entre {french_number(low)} et "
                          f"{french_number(high)} (reçu « {french_number(number, 4)} »).")
    return number


@dataclass(frozen=True)
class AgreementRow:
    """Agreement between two markers on one scope (a criterion, an assignment, the whole cohort…)."""

    scope: str
    id: str
    n: int
    exact: float | None  # share of double-marked copies where both markers gave the same level, 0–1
    # (read from `exact` or from `exact_agreement`, its name in course.grading.agreement)
    kappa_linear: float | None
    kappa_quadratic: float | None

    @property
    def scope_label(self) -> str:
        return SCOPE_LABELS.get(self.scope.lower(), self.scope)

    def cells(self) -> dict[str, str]:
        return {
            "scope": self.scope_label,
            "id": self.id,
            "n": str(self.n),
            "exact": "non calculable" if self.exact is None else percent_text(self.exact),
            "kappa_linear": kappa_text(self.kappa_linear),
            "kappa_quadratic": kappa_text(self.kappa_quadratic),
        }


def read_agreement(agreement: Iterable[object] | None) -> list[AgreementRow] | None:
    """Check the double-marking agreement rows (objects or mappings); None means no double marking."""
    if agreement is None:
        return None
    rows = []
    for number, item in enumerate(agreement, start=1):
        where = f"Accord entre correcteurs, ligne {number}"
        has_alias = EXACT_ALIAS in item if isinstance(item, Mapping) else hasattr(item, EXACT_ALIAS)
        fields = [EXACT_ALIAS if name == "exact" and has_alias else name for name in AGREEMENT_FIELDS]
        values = field_values(item, fields, where)
        values["exact"] = values.pop(EXACT_ALIAS, values.get("exact"))
        n = values["n"]
        if isinstance(n, bool) or not isinstance(n, (int, float)) or n != int(n) or n < 0:
            raise ReportError(f"{where} : « n » doit être un nombre entier de copies, positif ou nul (reçu « {n} »).")
        rows.append(AgreementRow(
            scope=str(values["scope"] or ""),
            id=str(values["id"] or ""),
            n=int(n),
            exact=_optional_number(values["exact"], "exact", where, 0.0, 1.0),
            kappa_linear=_optional_number(values["kappa_linear"], "kappa_linear", where, -1.0, 1.0),
            kappa_quadratic=_optional_number(values["kappa_quadratic"], "kappa_quadratic", where, -1.0, 1.0),
        ))
    return rows


def check_learners(cohort: CohortData, file_names: bool = True) -> None:
    """Learner ids must be unique (and safe as file names when they name livrets); rows must match the catalogue."""
    seen: set[str] = set()
    for number, learner in enumerate(cohort.learners, start=1):
        if not learner.id:
            raise ReportError(f"Apprenant n° {number} ({learner.name}) : identifiant vide.")
        if file_names and not SAFE_ID.fullmatch(learner.id):
            raise ReportError(
                f"Apprenant n° {number} : l'identifiant « {learner.id} » ne peut pas servir de nom de fichier "
                "(lettres, chiffres, « _ . @ + - » seulement, sans espace ni « / »)."
            )
        if learner.id in seen:
            raise ReportError(
                f"Apprenant n° {number} : l'identifiant « {learner.id} » figure deux fois dans la cohorte."
            )
        seen.add(learner.id)
    known = set(cohort.catalogue.assignments)
    for row in cohort.rows:
        if row.assignment_id not in known:
            raise ReportError(
                f"Résultat de {row.student_id}, critère {row.criterion_id} : le devoir « {row.assignment_id} » "
                "n'est pas dans le catalogue."
            )


# Templates and writing -------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def environment() -> Environment:
    """One Jinja environment per process: templates are compiled once and everything is escaped.

    The palette reaches the templates here: its CSS variables, and the symbol set before each decision's and
    level's word (a chip for a criterion awaiting its grader, or a competence not assessed, takes the
    decision's symbol)."""
    env = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, undefined=StrictUndefined)
    env.globals.update(
        palette_css=css_variables(),
        decision_symbols=DECISION_SYMBOLS,
        level_symbols={**dict(zip(LEVEL_KEYS, LEVEL_SYMBOLS)), "en_attente": DECISION_SYMBOLS["en_attente"],
                       "non_evalue": DECISION_SYMBOLS["non_evalue"]},
    )
    return env


OS_ERRORS = {
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EROFS: "disque en lecture seule",
    errno.ENOTDIR: "un élément du chemin est un fichier, pas un dossier",
    errno.EEXIST: "un fichier porte déjà le nom d'un dossier du chemin",
    errno.EISDIR: "c'est un dossier",
}


def os_error_text(exc: OSError) -> str:
    """The French reason for a file-system error."""
    return OS_ERRORS.get(exc.errno, exc.strerror or str(exc))


def staging_dir(out_dir: Path) -> Path:
    """A hidden folder beside the final files, so that publishing is a rename on the same disk."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".ecriture-", dir=out_dir))
    except OSError as exc:
        raise ReportError(f"{out_dir} : impossible d'écrire dans ce dossier ({os_error_text(exc)}).") from None


def publish(staging: Path, out_dir: Path, names: list[str]) -> list[Path]:
    """Move every staged file into place, then drop the staging folder."""
    paths = []
    for name in names:
        target = out_dir / name
        os.replace(staging / name, target)
        paths.append(target)
    shutil.rmtree(staging, ignore_errors=True)
    return paths


# The livret ------------------------------------------------------------------------------------------------

class LivretBook:
    """Everything shared by the livrets of one cohort, indexed once; `html(learner)` renders one page.

    `for_learner=True` gives the learner's own copy (template livret_apprenant.html.j2), delivered with their
    feedback: the same page without what only the team reads (the agreement between markers).
    """

    def __init__(self, cohort: CohortData, agreement: list[AgreementRow] | None, issued: date, *,
                 for_learner: bool = False):
        check_learners(cohort)
        self.cohort = cohort
        self.catalogue = cohort.catalogue
        self.referential = cohort.catalogue.referential
        self.agreement = None if for_learner else agreement
        self.issued = french_date(issued)
        self.rows: dict[str, list] = defaultdict(list)
        for row in cohort.rows:
            self.rows[row.student_id].append(row)
        self.decisions: dict[str, dict] = defaultdict(dict)
        for decision in cohort.decisions:
            self.decisions[decision.student_id][decision.bloc_id] = decision
        self.offered = {a.modality for a in self.catalogue.assignments.values() if a.modality}
        self.assessed_blocs = {
            bloc.id for bloc in self.referential.blocs if any(m.id in self.offered for m in bloc.modalities)
        }
        self.criterion_order = {
            (a.id, c.id): index for a in self.catalogue.assignments.values() for index, c in enumerate(a.rubric)
        }
        competences = [(c.id, bloc.id) for bloc in self.referential.blocs for c in bloc.competences]
        self.radar_labels = [cid for cid, _ in competences]
        self.radar = RadarChart(self.radar_labels,
                                [bloc_id not in self.assessed_blocs for _, bloc_id in competences])
        self.certification = {"title": self.referential.title, "code": self.referential.code,
                              "legal_basis": self.referential.legal_basis}
        self.template = environment().get_template("livret_apprenant.html.j2" if for_learner else "livret.html.j2")

    def html(self, learner: LearnerInfo) -> str:
        rows = self.rows.get(learner.id, [])
        blocs = self._blocs(learner.id, rows)
        acquired = sum(1 for bloc in blocs if bloc["decision"] == "acquis")
        pending = sum(1 for bloc in blocs if bloc["decision"] == "en_attente")
        total = len(blocs)
        verdict = ("validation totale" if acquired == total else "validation partielle" if acquired
                   else "aucune validation à ce jour")
        competences, radar_levels = self._competences(learner.id)
        return self.template.render(
            certification=self.certification,
            issued=self.issued,
            learner={"id": learner.id, "name": learner.name, "email": (learner.email or "").strip() or "non renseigné"},
            summary=f"{plural(acquired, 'bloc acquis', 'blocs acquis')} sur {total} : {verdict}",
            pending_note=(f"{plural(pending, 'bloc', 'blocs')} en attente de la fin des corrections."
                          if pending else ""),
            blocs=blocs,
            assignments=self._assignments(learner.id, rows),
            competences=competences,
            radar=data_uri(self.radar.png(radar_levels)),
            radar_alt=radar_alt(self.radar_labels, radar_levels),
            remark=(self.cohort.remarks.get(learner.id) or "").strip(),
            agreement=self._agreement(rows),
        )

    def _blocs(self, student_id: str, rows: list) -> list[dict]:
        decisions = self.decisions.get(student_id, {})
        provisional = {r.modality for r in rows if r.needs_manual_grade}
        blocs = []
        for bloc in self.referential.blocs:
            decision = decisions.get(bloc.id)
            marks = decision.modality_marks if decision else {}
            modalities = []
            for modality in bloc.modalities:
                mark = marks.get(modality.id)
                if modality.id not in self.offered:
                    text, state = "non proposée", "absent"
                elif mark is None:
                    text, state = "non rendu", "missing"
                else:
                    text = mark_text(mark) + (" (provisoire)" if modality.id in provisional else "")
                    state = "provisional" if modality.id in provisional else "marked"
                modalities.append({"id": modality.id, "text": modality.text, "mark": text, "state": state})
            key = decision.decision if decision else "non_evalue"
            blocs.append({
                "id": bloc.id, "number": bloc.number, "title": bloc.title, "decision": key,
                "label": DECISION_LABELS[key],
                "reason": decision.reason if decision else "Aucune décision n'a été calculée pour ce bloc.",
                "modalities": modalities,
            })
        return blocs

    def _assignments(self, student_id: str, rows: list) -> list[dict]:
        by_assignment: dict[str, list] = defaultdict(list)
        for row in rows:
            by_assignment[row.assignment_id].append(row)
        sections = []
        for assignment in self.catalogue.assignments.values():
            own = sorted(by_assignment.get(assignment.id, []),
                         key=lambda r: self.criterion_order.get((r.assignment_id, r.criterion_id), 99))
            heading = (f"{assignment.modality} — {assignment.title}" if assignment.modality
                       else f"Devoir formatif — {assignment.title}")
            status = self.cohort.autograde.get((student_id, assignment.id))
            autograde_note = ("" if status is None or status.status == GRADED
                              else f"Correction automatique : {status.text}")
            late = self.cohort.late.get((student_id, assignment.id))
            late_note = f"R{late.text[1:]}." if late else ""  # « Rendu en retard de 2 j 3 h. »
            if not own:
                not_graded = status is not None and not status.graded
                sections.append({"id": assignment.id, "heading": heading, "submitted": False, "provisional": False,
                                 "not_graded": not_graded, "mark": "copie non corrigée" if not_graded else "non rendu",
                                 "autograde_note": autograde_note, "late_note": late_note, "criteria": []})
                continue
            provisional = any(r.needs_manual_grade for r in own)
            mark = mark_out_of_20(sum(r.points for r in own), sum(r.max_points for r in own))
            sections.append({
                "id": assignment.id, "heading": heading, "submitted": True, "provisional": provisional,
                "autograde_note": autograde_note, "late_note": late_note,
                "mark": mark_text(mark) + (" (provisoire)" if provisional else ""),
                "criteria": [{
                    "id": r.criterion_id, "label": r.criterion_label, "kind": KIND_LABELS.get(r.kind, r.kind),
                    "level": "en_attente" if r.needs_manual_grade else r.level,
                    "level_label": "En attente de correction" if r.needs_manual_grade else r.level_label,
                    "descriptor": "" if r.needs_manual_grade else r.descriptor,
                    "points": points_text(r.points, r.max_points),
                    "comment": (r.comment or "").strip(),
                } for r in own],
            })
        return sections

    def _competences(self, student_id: str) -> tuple[list[dict], list[int | None]]:
        profile = self.cohort.profile.get(student_id, {})
        covered = self.catalogue.assessed_competences
        entries, levels = [], []
        for bloc in self.referential.blocs:
            for competence in bloc.competences:
                found = profile.get(competence.id)
                level = found.level if found else None
                levels.append(LEVEL_KEYS.index(level) if level else None)
                if level:
                    evidence = found.evidence_text
                elif bloc.id not in self.assessed_blocs:
                    evidence = "Aucune modalité de ce bloc n'est encore proposée."
                elif competence.id not in covered:
                    evidence = "Aucun critère du catalogue n'évalue encore cette compétence."
                else:
                    evidence = "Aucun critère corrigé pour l'instant."
                entries.append({"id": competence.id, "text": competence.text, "level": level or "non_evalue",
                                "level_label": found.level_label if found else "Non évaluée",
                                "evidence": evidence})
        return entries, levels

    def _agreement(self, rows: list) -> list[dict]:
        """Agreement on this learner's modalities (or assignments) and overall; per-criterion rows stay on the
        dashboard, where the team reads them."""
        if not self.agreement:
            return []
        concerned = {r.assignment_id for r in rows} | {r.modality or FORMATIVE_ID for r in rows}
        return [row.cells() for row in self.agreement
                if row.scope_label == "Ensemble" or (row.scope_label != "Critère" and row.id in concerned)]


_BOOK: LivretBook | None = None  # set before forking workers, inherited by them


def _render(book: LivretBook, learners: list[LearnerInfo], staging: Path, pdf: bool,
            progress: Callable[[str], None] | None = None) -> list[str]:
    names = []
    for learner in learners:
        html = book.html(learner)
        name = f"livret_{learner.id}.html"
        (staging / name).write_text(html, encoding="utf-8")
        names.append(name)
        if pdf:
            _write_pdf(html, staging / f"livret_{learner.id}.pdf")
            names.append(f"livret_{learner.id}.pdf")
        if progress:
            progress(learner.id)
    return names


def _render_in_worker(task: tuple[list[LearnerInfo], Path, bool]) -> list[str]:
    assert _BOOK is not None
    return _render(_BOOK, *task)


def _pdf_renderer():
    """WeasyPrint's HTML class, or a French error when it or its system libraries (Pango) are missing."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        raise ReportError(f"La sortie PDF demande WeasyPrint et ses bibliothèques (Pango) : {exc}.") from None
    return HTML


def _write_pdf(html: str, path: Path) -> None:
    _pdf_renderer()(string=html).write_pdf(path)


def _workers(processes: int, learners: int) -> int:
    """Worker processes actually used: forking is only worth it for large cohorts, and only where fork exists."""
    if processes <= 1 or learners < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return processes


def write_livrets(cohort: CohortData, out_dir: Path | str, agreement: Iterable[object] | None = None, *,
                  issued: date | None = None, pdf: bool = False, processes: int = 1,
                  progress: Callable[[str], None] | None = None) -> list[Path]:
    """Write livret_<student_id>.html (and .pdf when asked) for every learner; all files or none.

    One process renders 500 livrets in a few seconds; `processes=2` forks workers that share the
    indexed cohort (useful on an idle multi-core machine, from a single-threaded program such as the CLI).
    `progress(student_id)` is called as each learner's livret is rendered (per worker's batch when forked).
    """
    global _BOOK
    out_dir = Path(out_dir)
    book = LivretBook(cohort, read_agreement(agreement), issued or date.today())
    if pdf:
        _pdf_renderer()
    staging = staging_dir(out_dir)
    try:
        learners = list(cohort.learners)
        workers = _workers(processes, len(learners))
        if workers == 1:
            names = _render(book, learners, staging, pdf, progress)
        else:
            size = math.ceil(len(learners) / (workers * 4))
            tasks = [(learners[i:i + size], staging, pdf) for i in range(0, len(learners), size)]
            _BOOK = book
            try:
                names = []
                with multiprocessing.get_context("fork").Pool(workers) as pool:
                    for task, chunk in zip(tasks, pool.imap(_render_in_worker, tasks)):
                        names += chunk
                        for learner in task[0] if progress else ():
                            progress(learner.id)
            finally:
                _BOOK = None
        return publish(staging, out_dir, names)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
