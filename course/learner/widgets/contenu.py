"""Widget content read from a file released beside the notebook.

A widget's cases, scenarios or checklist belong to its assignment (`assignments/<id>/`, listed under
`files:` in devoir.yaml), not to the installed package: the package keeps only the mechanics, and a
learner's environment holds no content of any assignment it was not given.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from ... import CourseError


def lire_contenu(nom_fichier: str | Path, dossier: str | Path | None = None) -> dict:
    """Read a widget's YAML file, from the notebook's folder unless `dossier` says otherwise."""
    path = Path(dossier or Path.cwd()) / nom_fichier
    if not path.is_file():
        raise CourseError(
            f"Le fichier « {Path(nom_fichier).name} » n'est pas à côté du notebook ({path.parent}) : "
            "récupérez le devoir à nouveau depuis l'onglet des devoirs (Assignments), sans déplacer ses fichiers."
        )
    try:
        contenu = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CourseError(f"{path} : fichier illisible ({exc}).") from None
    if not isinstance(contenu, dict):
        raise CourseError(f"{path} : le contenu doit être un dictionnaire YAML.")
    return contenu
