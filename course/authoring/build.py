"""Assemble source notebooks: catalogue-rendered frame + the cells of the assignment's MyST notebooks."""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import nbformat.v4 as nbf

from ..catalogue import Assignment, Catalogue, CatalogueError, TerrainTrack
from ..formatting import decimal_fr, points_fr
from ..learner.anonymisation import regle_anonymisation
from ..rubric import KIND_LABELS, MANUAL_KINDS, Criterion
from .cells import Oral, Production, Written, nbgrader_meta
from .myst import read_contents

POINTS_BY_KIND = {
    "auto": "corrigés automatiquement",
    "ecrit": "d'écrit, corrigés par l'équipe de formation",
    "production": "de production, corrigés par l'équipe de formation",
    "oral": "d'oral, notés par le jury",
}
TRACK_LINE = "Piste : "  # first line of a written answer that may work on fieldwork data
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
SETUP_IMPORTS = [
    "# Cette cellule prépare les outils du devoir : exécutez-la en premier (Maj + Entrée).",
    "# Afficher les graphiques juste sous la cellule qui les dessine :",
    "%matplotlib inline",
    "# pandas lit et calcule les tableaux ; « as pd » permet de l'appeler pd, plus court :",
    "import pandas as pd",
    "# matplotlib dessine les graphiques ; on l'appelle plt :",
    "import matplotlib.pyplot as plt",
    "# Vos graphiques prennent les couleurs du cours, qui restent distinctes pour les personnes daltoniennes :",
    "from course.learner.graphiques import palette_du_cours",
    "palette_du_cours()",
    "# Les vérifications qu'utilisent les cellules de test (vous n'avez pas à les appeler vous-même) :",
    "from course.learner.verifications import existe, nombre, proche, proches, egaux, barres, titre, axe_nomme",
]


def _locked_md(text: str, grade_id: str):
    cell = nbf.new_markdown_cell(text.strip("\n"))
    cell.metadata["nbgrader"] = nbgrader_meta(grade_id, locked=True)
    return cell


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest:02d}" if rest else "")




def render_header(catalogue: Catalogue, assignment: Assignment) -> str:
    ref = catalogue.referential
    lines = [f"# {assignment.title}", "", f"**Certification {ref.code[:4]} {ref.code[4:]} — {ref.title}**", ""]
    if assignment.modality:
        bloc = ref.bloc_of(assignment.modality)
        modality = ref.modalities[assignment.modality]
        lines += [
            f"- **Bloc de compétences :** Bloc {bloc.number} — {bloc.title}",
            f"- **Modalité d'évaluation :** {modality.id} — {modality.text}",
        ]
    else:
        lines.append("- **Devoir de prise en main** : formatif, il ne compte pas pour la certification.")
    competences = sorted({c for crit in assignment.rubric for c in crit.competences})
    if competences:
        lines.append("- **Compétences évaluées :**")
        lines += [f"  - {cid} — {ref.competences[cid].text}" for cid in competences]
    lines.append(f"- **Durée indicative :** {_hours(assignment.duration_minutes)}")
    by_kind: dict[str, float] = {}
    for crit in assignment.rubric:
        by_kind[crit.kind] = by_kind.get(crit.kind, 0) + crit.points
    parts = [f"{points_fr(points)} {POINTS_BY_KIND[kind]}" for kind, points in by_kind.items()]
    lines += [
        f"- **Notation :** note sur 20 = {' + '.join(parts)}. "
        "Chaque critère de la grille ci-dessous reçoit un niveau (non acquis, en cours d'acquisition, "
        "acquis, maîtrisé) selon les points obtenus.",
        "",
        "## Consignes",
        "",
        assignment.instructions.strip(),
        "",
        "**Pour travailler dans ce notebook :** cliquez dans une cellule grise puis appuyez sur "
        "**Maj + Entrée** pour l'exécuter ; exécutez les cellules dans l'ordre, de haut en bas. "
        "Enregistrez souvent (**Ctrl + S**). Si quelque chose se bloque : menu **Noyau → Redémarrer le noyau "
        "et exécuter toutes les cellules**.",
    ]
    return "\n".join(lines)


def _cell_text(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_grid(assignment: Assignment) -> str:
    lines = [
        "## Grille d'évaluation",
        "",
        "Voici comment votre travail sera évalué. Pour chaque critère, la colonne d'un niveau décrit ce que "
        "la personne qui corrige doit pouvoir observer dans votre travail, avec le nombre de points à partir duquel ce "
        "niveau est atteint.",
        "",
        "| Critère | Compétences | Points | Non acquis | En cours d'acquisition | Acquis | Maîtrisé |",
        "|---|---|---|---|---|---|---|",
    ]
    for crit in assignment.rubric:
        levels = " | ".join(
            f"{_cell_text(level.descriptor)} *(≥ {points_fr(level.points)})*" if level.points else _cell_text(level.descriptor)
            for level in crit.scale
        )
        competences = ", ".join(crit.competences) or "—"
        kind = KIND_LABELS[crit.kind] + (", partie collective" if crit.collective else "")
        lines.append(
            f"| **{crit.id}** {_cell_text(crit.label)} ({kind}) | {competences} | "
            f"{decimal_fr(crit.points)} | {levels} |"
        )
    return "\n".join(lines)


def render_levels(criterion: Criterion) -> str:
    lines = ["| Niveau | Points | Ce que la personne qui corrige observe |", "|---|---|---|"]
    lines += [
        f"| {level.label} | ≥ {decimal_fr(level.points)} | {_cell_text(level.descriptor)} |" for level in criterion.scale
    ]
    return "\n".join(lines)


COLLECTIVE_BANNER = (
    "> **Partie collective — texte identique pour toute l'équipe.** Chaque membre colle dans sa copie le même "
    "texte final, celui de la personne secrétaire de l'équipe. Il est corrigé une fois, sur la copie de la "
    "personne secrétaire, et la note vaut pour toute l'équipe. La vérification en bas du notebook affiche "
    "l'empreinte de cette partie : comparez-la entre membres avant de rendre."
)


def _prompt_head(title: str, criterion: Criterion) -> list[str]:
    """A writing or production prompt opens with its title, the criterion's line and the instruction.

    A collective criterion says so before its instruction, so that no member writes a text of their own.
    """
    banner = [COLLECTIVE_BANNER, ""] if criterion.collective else []
    return [
        f"### {title} — {criterion.label}",
        "",
        f"*Critère {criterion.id} · compétences {', '.join(criterion.competences) or '—'} · "
        f"{points_fr(criterion.points)}{' · partie collective' if criterion.collective else ''}*",
        "",
        *banner,
        criterion.consigne.strip(),
        "",
    ]


def render_prompt(criterion: Criterion, number: int) -> str:
    writing = criterion.writing
    lines = [
        *_prompt_head(f"Écrit {number}", criterion),
        "**Votre réponse doit contenir ces parties** (gardez les titres déjà écrits dans la cellule "
        "de réponse et remplacez le texte en italique) :",
        "",
    ]
    lines += [f"{i}. {part}" for i, part in enumerate(writing.parts, 1)]
    if writing.pistes:
        lines += [
            "",
            f"**Première ligne de votre réponse : la piste choisie.** Gardez « {TRACK_LINE}exercice » si vous "
            f"travaillez sur la situation fictive, ou écrivez « {TRACK_LINE}terrain » si vous travaillez sur "
            "vos propres données de terrain, anonymisées. La vérification en bas du notebook indique la piste "
            "retenue.",
        ]
    lines += [
        "",
        f"**Longueur attendue :** entre {writing.words[0]} et {writing.words[1]} mots au total.",
        "",
        f"**Rappel :** appliquez « {regle_anonymisation().titre} », en tête du notebook : aucune donnée qui "
        "identifie directement une personne, et pas de recoupement possible (employeur, petite commune, proche).",
        "",
        "Niveaux de ce critère :",
        "",
        render_levels(criterion),
    ]
    return "\n".join(lines)


def render_written_answer(criterion: Criterion, model: dict[str, str], terrain: TerrainTrack | None = None):
    parts = criterion.writing.parts
    if set(model) != set(parts):
        raise CatalogueError(
            f"critère {criterion.id} : le corrigé donne les parties {sorted(model)}, "
            f"le catalogue attend {parts}"
        )
    chunks = [f"{TRACK_LINE}exercice", ""] if criterion.writing.pistes else []
    for part in parts:
        chunks += [f"#### {part}", "<!-- BEGIN SOLUTION -->", model[part], "<!-- END SOLUTION -->", ""]
    cell = nbf.new_markdown_cell("\n".join(chunks).strip("\n"))
    cell.metadata["nbgrader"] = nbgrader_meta(
        criterion.grade_ids[0], grade=True, solution=True, points=criterion.points
    )
    cell.metadata["casp"] = {
        "criterion": criterion.id,
        "words": list(criterion.writing.words),
        "parts": list(parts),
    }
    if criterion.writing.pistes:
        cell.metadata["casp"]["pistes"] = True
        if terrain is not None:
            cell.metadata["casp"]["terrain"] = terrain.model_dump()
    if criterion.collective:
        cell.metadata["casp"]["collective"] = True  # fingerprinted by equipe.empreinte_collective
    return cell


def render_production_prompt(criterion: Criterion, number: int) -> str:
    production = criterion.production
    lines = [
        *_prompt_head(f"Production {number}", criterion),
        f"**Ce qui est attendu :** votre {production.objet}, enregistré dans le fichier `{production.fichier}` à côté "
        f"du notebook, avec au moins {production.minimum} ligne{'s' if production.minimum > 1 else ''}"
        + (f" et les colonnes {', '.join(f'`{c}`' for c in production.colonnes)}." if production.colonnes else "."),
        "",
        f"**Rappel :** appliquez « {regle_anonymisation().titre} », en tête du notebook.",
        "",
        "Niveaux de ce critère :",
        "",
        render_levels(criterion),
    ]
    return "\n".join(lines)


def render_production_answer(criterion: Criterion, code: str):
    """The learner's code cell: graded by hand, its model code removed from the release by nbgrader."""
    source = code.strip("\n")
    if "### BEGIN SOLUTION" not in source:
        source = f"### BEGIN SOLUTION\n{source}\n### END SOLUTION"
    cell = nbf.new_code_cell(source)
    cell.metadata["nbgrader"] = nbgrader_meta(
        criterion.grade_ids[0], grade=True, solution=True, points=criterion.points
    )
    cell.metadata["casp"] = {"criterion": criterion.id, "production": criterion.production.model_dump()}
    if criterion.collective:
        cell.metadata["casp"]["collective"] = True
    return cell


def render_oral(criterion: Criterion):
    lines = [
        f"### Oral — {criterion.label}",
        "",
        f"*Critère {criterion.id} · compétences {', '.join(criterion.competences) or '—'} · "
        f"{points_fr(criterion.points)}, notés par le jury*",
        "",
        criterion.consigne.strip(),
        "",
        "Cette partie se passe à l'oral, devant le jury : il n'y a rien à écrire dans cette cellule.",
        "",
        "<!-- BEGIN MARK SCHEME -->",
        "#### Barème du jury (invisible pour les apprenants)",
        "",
        render_levels(criterion),
    ]
    if criterion.mark_scheme:
        lines += ["", criterion.mark_scheme.strip()]
    lines.append("<!-- END MARK SCHEME -->")
    cell = nbf.new_markdown_cell("\n".join(lines))
    cell.metadata["nbgrader"] = nbgrader_meta(criterion.grade_ids[0], task=True, locked=True, points=criterion.points)
    cell.metadata["casp"] = {"criterion": criterion.id}
    return cell


def render_self_check(notebook: str):
    text = (
        "## Avant de rendre votre travail : la vérification\n\n"
        "1. Enregistrez le notebook (**Ctrl + S**) : la vérification lit le fichier enregistré.\n"
        "2. Exécutez la cellule ci-dessous. Elle contrôle, pour chaque écrit, le nombre de mots, la présence "
        f"des parties attendues et le respect de « {regle_anonymisation().titre} » (en tête du notebook). Elle "
        "signale aussi les cellules de code pas encore complétées.\n"
        "3. Corrigez ce qui est signalé, enregistrez, relancez la vérification, puis rendez votre travail depuis "
        "l'onglet des devoirs (**Assignments**)."
    )
    check = nbf.new_code_cell(f'from course.learner import verifier_ma_copie\n\nverifier_ma_copie("{notebook}")')
    check.metadata["nbgrader"] = nbgrader_meta("verification", locked=True)
    return [_locked_md(text, "verification_consigne"), check]


def build_assignment(catalogue: Catalogue, assignment: Assignment,
                     contents: dict[str, list] | None = None) -> dict[str, nbformat.NotebookNode]:
    """Build every notebook of one assignment; fail if a criterion is placed zero or two times.

    `contents` defaults to the MyST notebooks of the assignment's folder, assignments/<id>/.
    """
    if contents is None:
        contents = read_contents(catalogue.assignment_dir(assignment), assignment.notebooks)
    if sorted(contents) != sorted(assignment.notebooks):
        raise CatalogueError(
            f"{assignment.id} : le catalogue annonce {assignment.notebooks}, le contenu fournit {sorted(contents)}"
        )
    placed: dict[str, int] = {}
    built = {}
    written_number = production_number = 0
    for name in assignment.notebooks:
        cells = [
            _locked_md(render_header(catalogue, assignment), "entete"),
            _locked_md(render_grid(assignment), "grille"),
            _locked_md(regle_anonymisation().markdown(), "regle_anonymisation"),
            nbf.new_code_cell("\n".join(SETUP_IMPORTS)),
        ]
        for item in contents[name]:
            if isinstance(item, Written):
                criterion = assignment.criterion(item.criterion_id)
                written_number += 1
                cells.append(_locked_md(render_prompt(criterion, written_number), f"consigne_{criterion.grade_ids[0]}"))
                cells.append(render_written_answer(criterion, item.model, assignment.terrain))
                placed[criterion.id] = placed.get(criterion.id, 0) + 1
            elif isinstance(item, Production):
                criterion = assignment.criterion(item.criterion_id)
                production_number += 1
                cells.append(_locked_md(render_production_prompt(criterion, production_number),
                                        f"consigne_{criterion.grade_ids[0]}"))
                cells.append(render_production_answer(criterion, item.code))
                placed[criterion.id] = placed.get(criterion.id, 0) + 1
            elif isinstance(item, Oral):
                criterion = assignment.criterion(item.criterion_id)
                cells.append(render_oral(criterion))
                placed[criterion.id] = placed.get(criterion.id, 0) + 1
            else:
                cells.append(item)
        cells += render_self_check(name)
        for index, cell in enumerate(cells):
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            cell["id"] = grade_id.replace("_", "-") if grade_id else f"cellule-{index:03d}"
        notebook = nbf.new_notebook(cells=cells)
        notebook.metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
        built[name] = notebook
    for crit in assignment.rubric:
        if crit.kind in MANUAL_KINDS and placed.get(crit.id, 0) != 1:
            raise CatalogueError(
                f"{assignment.id} : le critère {crit.id} ({crit.kind}) doit apparaître une fois dans le contenu, "
                f"il apparaît {placed.get(crit.id, 0)} fois"
            )
    return built


def dumps(notebook: nbformat.NotebookNode) -> str:
    return json.dumps(notebook, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def source_files(catalogue: Catalogue, assignment: Assignment) -> dict[str, bytes]:
    """Everything source/<assignment>/ holds: the built notebooks and the files released beside them."""
    files = {name: dumps(notebook).encode("utf-8") for name, notebook in build_assignment(catalogue, assignment).items()}
    folder = catalogue.assignment_dir(assignment)
    for name in assignment.files:
        path = folder / name
        if not path.is_file():
            raise CatalogueError(f"{catalogue.entry_path(assignment)} : le fichier distribué « {name} » est absent "
                                 f"du dossier {folder}.")
        files[name] = path.read_bytes()
    return files


def write_source(catalogue: Catalogue, assignment: Assignment, folder: Path, check: bool = False) -> list[Path]:
    """Write the assignment's source files into `folder`; return those that differed (only list them with check)."""
    differing = []
    for name, content in source_files(catalogue, assignment).items():
        path = folder / name
        if not path.exists() or path.read_bytes() != content:
            differing.append(path)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
    return differing


def build_sources(catalogue: Catalogue, only: list[str] | None = None, check: bool = False) -> list[Path]:
    """Write source/<assignment>/; with check=True, only list the files that differ."""
    differing = []
    for assignment in catalogue.assignments.values():
        if only and assignment.id not in only:
            continue
        folder = catalogue.course_dir / "source" / assignment.id
        differing += write_source(catalogue, assignment, folder, check)
    return differing
