"""`casp new`: a new assignment folder copied from the template, its identity filled in from the referential.

The template (`assignments/_modele/`) is a complete small assignment that shows every kind of cell. Its
identity fields are written `[[ modalite ]]`, so that they cannot be confused with the `{{ … }}`
placeholders that `attendus.py` fills at each build.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import jinja2

from ..catalogue import Catalogue, CatalogueError
from .myst import notebook_text_path

TEMPLATE_DIR = "_modele"
TEMPLATE_NOTEBOOK = "devoir.md"
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        variable_start_string="[[", variable_end_string="]]",
        block_start_string="[%", block_end_string="%]",
        comment_start_string="[#", comment_end_string="#]",
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False,
    )


def notebook_name(assignment_id: str) -> str:
    """m21_cartographie → cartographie.ipynb: the modality prefix says nothing to a learner."""
    return (re.sub(r"^m\d+_", "", assignment_id) or assignment_id) + ".ipynb"


def new_assignment(catalogue: Catalogue, assignment_id: str, modality_id: str) -> Path:
    """Create assignments/<id>/ from the template; refuse an existing id or an unknown modality."""
    folder = catalogue.course_dir / "assignments" / assignment_id
    template = catalogue.course_dir / "assignments" / TEMPLATE_DIR
    if not ID_PATTERN.match(assignment_id):
        raise CatalogueError(f"Identifiant invalide « {assignment_id} » : lettres minuscules, chiffres et _, "
                             "en commençant par une lettre (par exemple m21_cartographie).")
    ref = catalogue.referential
    if modality_id not in ref.modalities:
        raise CatalogueError(f"Modalité inconnue « {modality_id} » (attendu M1.1 … M5.3).")
    if folder.exists():
        raise CatalogueError(f"{folder} existe déjà : choisissez un autre identifiant.")
    if not template.is_dir():
        raise CatalogueError(f"{template} : dossier modèle introuvable.")
    modality = ref.modalities[modality_id]
    bloc = ref.bloc_of(modality_id)
    values = {
        "titre": modality.text.rstrip("."),
        "modalite": modality_id,
        "texte_modalite": modality.text,
        "notebook": notebook_name(assignment_id),
        "competence": bloc.competences[0].id,
    }
    env = _environment()
    staging = folder.with_name(f".{assignment_id}.creation")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(template, staging, ignore=shutil.ignore_patterns("__pycache__"))
    try:
        for path in [staging / "devoir.yaml", staging / TEMPLATE_NOTEBOOK]:
            path.write_text(env.from_string(path.read_text(encoding="utf-8")).render(values), encoding="utf-8")
        (staging / TEMPLATE_NOTEBOOK).rename(notebook_text_path(staging, values["notebook"]))
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder
