"""The jury's documents: the procès-verbal de délibération, the attestations of bloc(s) and the certificates.

`write_minutes` issues one version of a session's procès-verbal: it renders every document first (in a
hidden folder beside the output), then records the procès-verbal and locks the session
(course.grading.deliberation.commit_minutes), then publishes the files; bad input or a broken template
leaves neither files nor a locked session. Each version has its own folder, `<out>/<session>/pv-<n>/`,
so a new version after a reopening leaves the previous one where it was.

The certification body changes the documents without touching the package: a template in
`<course>/modeles/` with the name of a packaged one (proces_verbal.html.j2, attestation.html.j2,
certificat.html.j2) replaces it, and `<course>/modeles/certificateur.yaml` gives the body's name,
address and signatory, which the attestations and certificates print.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateError
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .. import yaml_io
from ..formatting import date_fr
from ..grading.blocs import DECISION_LABELS
from ..grading.cohort import CohortData
from ..grading.deliberation import MinutesPlan, Session, commit_minutes, plan_minutes, session_slug
from .livret import (
    TEMPLATES_DIR, ReportError, _pdf_renderer, _write_pdf, check_learners, environment, plural, publish, staging_dir,
)

TEMPLATES_FOLDER = "modeles"  # in the course folder: the certification body's own templates and settings
BODY_FILE = "certificateur.yaml"
BODY_FIELDS = ("nom", "adresse", "signataire", "qualite")
MINUTES_TEMPLATE, ATTESTATION_TEMPLATE, CERTIFICATE_TEMPLATE = (
    "proces_verbal.html.j2", "attestation.html.j2", "certificat.html.j2")


class CertificationBody(BaseModel):
    """Who issues the attestations: `<course>/modeles/certificateur.yaml`."""

    model_config = ConfigDict(extra="forbid")

    nom: str
    adresse: str  # one line per line of the postal address
    signataire: str
    qualite: str  # the signatory's position, e.g. « directrice de la certification »

    @field_validator(*BODY_FIELDS)
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("vide")
        return value.strip()


def load_body(path: Path) -> CertificationBody:
    """The certification body's settings, or a French error naming the file and what is wrong."""
    path = Path(path)
    expected = "attendu : nom, adresse, signataire et qualite (la fonction du signataire)"
    try:
        raw = yaml_io.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportError(f"{path} : fichier introuvable ; il décrit l'organisme certificateur imprimé sur les "
                          f"attestations ({expected}).") from None
    except UnicodeDecodeError:
        raise ReportError(f"{path} : le fichier n'est pas en UTF-8.") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (ligne {mark.line + 1})" if mark else ""
        raise ReportError(f"{path} : YAML invalide{where} : {getattr(exc, 'problem', None) or exc}.") from None
    if not isinstance(raw, dict):
        raise ReportError(f"{path} : le fichier doit être une suite de champs « nom: valeur » ({expected}).")
    try:
        return CertificationBody.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            name = ".".join(str(part) for part in error["loc"])
            problems.append({"missing": f"champ « {name} » manquant",
                             "extra_forbidden": f"champ « {name} » inconnu",
                             "string_type": f"champ « {name} » : texte attendu"}.get(
                error["type"], f"champ « {name} » vide"))
        raise ReportError(f"{path} : {' ; '.join(problems)} ({expected}).") from None


def templates_environment(templates_dir: Path | None = None) -> Environment:
    """The packaged templates, each replaced by a file of the same name in `templates_dir` when there is one."""
    loaders = [FileSystemLoader(templates_dir)] if templates_dir and Path(templates_dir).is_dir() else []
    env = Environment(loader=ChoiceLoader([*loaders, FileSystemLoader(TEMPLATES_DIR)]), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined)
    env.globals.update(environment().globals)
    return env


def _render(env: Environment, name: str, **context) -> str:
    try:
        return env.get_template(name).render(**context)
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = getattr(exc, "filename", None) or name
        raise ReportError(f"{where} : modèle invalide{f' (ligne {line})' if line else ''} : {exc.message}.") from None


@dataclass(frozen=True)
class MinutesOutput:
    """What `write_minutes` wrote: the procès-verbal, and per learner id their attestation and certificate."""

    session: Session
    folder: Path
    minutes: list[Path]
    attestations: dict[str, list[Path]]
    certificates: dict[str, list[Path]]


def _pages(cohort: CohortData, plan: MinutesPlan) -> tuple[dict, list[dict]]:
    """The procès-verbal's context, and one entry per candidate (their validated blocs)."""
    referential = cohort.catalogue.referential
    blocs = {bloc.id: bloc for bloc in referential.blocs}
    by_learner: dict[str, list] = {}
    for decision in plan.decisions:
        by_learner.setdefault(decision.student_id, []).append(decision)
    candidates = []
    for learner in cohort.learners:
        rows = []
        for decision in by_learner.get(learner.id, []):
            bloc = blocs[decision.bloc_id]
            rows.append({
                "id": bloc.id, "number": bloc.number, "title": bloc.title, "decision": decision.decision,
                "label": DECISION_LABELS[decision.decision], "changed": decision.changed,
                "confirmed": decision.final is not None and not decision.changed,
                "computed_label": DECISION_LABELS[decision.computed], "computed_reason": decision.computed_reason,
                "jury_reason": decision.final_reason or "", "decided_by": decision.decided_by or "",
                "decided_on": date_fr(decision.decided_at.date()) if decision.decided_at else "",
            })
        acquired = [row for row in rows if row["decision"] == "acquis"]
        candidates.append({
            "id": learner.id, "name": learner.name, "blocs": rows, "acquired": acquired,
            "full": len(acquired) == len(referential.blocs),
            "summary": f"{plural(len(acquired), 'bloc acquis', 'blocs acquis')} sur {len(referential.blocs)}",
            "remark": (cohort.remarks.get(learner.id) or "").strip(),
        })
    by_bloc = [{"number": bloc.number, "title": bloc.title,
                "acquired": sum(1 for c in candidates for row in c["acquired"] if row["id"] == bloc.id)}
               for bloc in referential.blocs]
    totals = {
        "candidates": len(candidates),
        "by_bloc": by_bloc,
        "acquired": sum(entry["acquired"] for entry in by_bloc),
        "decisions": len(plan.decisions),
        "full": sum(1 for c in candidates if c["full"]),
        "partial": sum(1 for c in candidates if c["acquired"] and not c["full"]),
        "changed": sum(1 for d in plan.decisions if d.changed),
    }
    return totals, candidates


def write_minutes(db_url: str, cohort: CohortData, session: str, day, place: str, members: list[str],
                  out_dir: Path | str, body: CertificationBody, *, templates_dir: Path | None = None,
                  pdf: bool = False, actor: str | None = None) -> MinutesOutput:
    """Issue the next procès-verbal of `session` with its attestations and certificates, and lock the session.

    Writes `<out_dir>/<session>/pv-<n>/`: proces-verbal.html, attestation_<id>.html for every candidate with
    at least one bloc acquis, certificat_<id>.html for those with every bloc (and the PDFs with `pdf`)."""
    check_learners(cohort)
    plan = plan_minutes(db_url, cohort, session, day, place, members)
    if pdf:
        _pdf_renderer()
    env = templates_environment(templates_dir)
    referential = cohort.catalogue.referential
    minutes = plan.minutes
    certification = {"title": referential.title, "code": referential.code, "legal_basis": referential.legal_basis,
                     "blocs": len(referential.blocs)}
    totals, candidates = _pages(cohort, plan)
    common = {"certification": certification, "session": minutes.session, "version": minutes.version,
              "day": date_fr(minutes.day), "place": minutes.place, "members": minutes.members}
    documents = {"proces-verbal": _render(
        env, MINUTES_TEMPLATE, **common, candidates=candidates, totals=totals,
        previous=plan.previous.title if plan.previous else "")}
    attestations, certificates = {}, {}
    for candidate in candidates:
        if not candidate["acquired"]:
            continue
        learner = {"id": candidate["id"], "name": candidate["name"]}
        documents[f"attestation_{candidate['id']}"] = _render(
            env, ATTESTATION_TEMPLATE, **common, body=body, learner=learner, blocs=candidate["acquired"])
        attestations[candidate["id"]] = f"attestation_{candidate['id']}"
        if candidate["full"]:
            documents[f"certificat_{candidate['id']}"] = _render(
                env, CERTIFICATE_TEMPLATE, **common, body=body, learner=learner, blocs=candidate["acquired"])
            certificates[candidate["id"]] = f"certificat_{candidate['id']}"
    folder = Path(out_dir) / session_slug(minutes.session) / f"pv-{minutes.version}"
    staging = staging_dir(folder)
    try:
        names = []
        for stem, html in documents.items():
            (staging / f"{stem}.html").write_text(html, encoding="utf-8")
            names.append(f"{stem}.html")
            if pdf:
                _write_pdf(html, staging / f"{stem}.pdf")
                names.append(f"{stem}.pdf")
        state = commit_minutes(db_url, plan, actor)
        paths = publish(staging, folder, names)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise

    def of(stem: str) -> list[Path]:
        return [path for path in paths if path.stem == stem]

    return MinutesOutput(state, folder, of("proces-verbal"),
                         {sid: of(stem) for sid, stem in attestations.items()},
                         {sid: of(stem) for sid, stem in certificates.items()})
