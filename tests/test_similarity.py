"""Similarity between copies (`casp similarity`): planted copies are flagged, independent answers are not.

The answers are about the same case, Martine's (M1.1 « récit de vie », criterion M1.1-D: what the trainer
observed): five were written independently of one another; the planted copies are derived from the first.
"""
from __future__ import annotations

import copy
import csv
import shutil
from pathlib import Path

import nbformat
import pytest

from course import CourseError
from course.catalogue import load_catalogue
from course.cli import main
from course.demo.voices import sentences as _sentences
from course.grading.similarity import (
    MIN_WORDS, MODEL, SIMILARITY_THRESHOLD, Answer, abridged, assignment_similarity, compare_answers,
    flagged_pairs_by_assignment, own_words, shared_passages, threshold_from_text, write_similarity_csv,
)

REPO = Path(__file__).resolve().parent.parent
ASSIGNMENT = "m11_recit_de_vie"
NOTEBOOK = "recit_de_vie.ipynb"
GRADE_ID = "redaction_analyse_parcours"  # criterion M1.1-D
PLACEHOLDER = "_Écrivez votre réponse ici._"

INDEPENDENT = {
    "apprenant01": (
        "Martine a cinquante et un ans et habite un logement temporaire depuis qu'elle a quitté le canapé de sa sœur. "
        "Elle touche le RSA et une aide au logement. Pendant l'entretien, elle a souvent changé de position, la main "
        "dans le bas du dos. Elle raconte son métier de cariste avec fierté mais toujours au passé. Sa fille l'aide "
        "pour les démarches en ligne, car elle n'a pas d'ordinateur et l'écrit la met mal à l'aise. Je retiens "
        "surtout qu'elle n'a pas demandé ses droits pendant des mois : elle pensait que l'aide n'était pas faite pour "
        "elle. Son réseau repose sur sa fille, France Services et désormais un médecin traitant."
    ),
    "apprenant02": (
        "Ce que je repère d'abord, c'est la rapidité de la chute après une longue période stable. En quatre ans, la "
        "santé, l'emploi, le couple, le logement et les ressources ont lâché l'un après l'autre. La douleur au dos "
        "semble constante : elle a parlé de médicaments pris au-delà de la prescription et d'un verre le soir, puis a "
        "vite changé de sujet. Elle se décrit comme bonne à rien alors qu'elle parle de son travail avec précision. "
        "Les relations avec sa sœur sont devenues difficiles. Sa fille reste présente et gère son dossier CAF. "
        "L'absence de demande d'allocation ressemble à un non-recours lié à la honte et à la peur des papiers."
    ),
    "apprenant03": (
        "Lors de notre rencontre, Martine s'est montrée drôle et à l'aise à l'oral, mais elle évite tout ce qui "
        "passe par l'écrit. Séparée depuis 2022, mère de deux enfants majeurs, elle a perdu son emploi après une "
        "déclaration d'inaptitude. Ses revenus se limitent aujourd'hui au RSA. J'ai noté plusieurs signes de "
        "souffrance physique et des propos sur les antalgiques qui mériteraient d'être repris avec elle. "
        "Elle dévalorise ses compétences alors que son expérience de préparatrice de commandes est solide. "
        "Ses appuis actuels sont sa fille, la conseillère de France Services et le SIAO qui l'a orientée vers un "
        "hébergement. Son isolement et son rapport aux démarches administratives sont à travailler ensemble."
    ),
    "apprenant04": (
        "La situation de Martine combine des difficultés de santé, de logement et de ressources. Elle souffre du dos "
        "depuis sa hernie discale et ne peut plus porter de charges. Sans emploi depuis son licenciement, elle a "
        "vécu sur ses économies avant d'ouvrir enfin ses droits au RSA avec l'aide d'une conseillère. Elle vit "
        "dans un logement provisoire et dit ne pas se sentir chez elle. J'observe une femme dynamique dans "
        "l'échange, qui minimise ses douleurs et sa consommation de médicaments. Elle compte beaucoup sur sa "
        "fille, ce qui peut peser sur leur relation. Elle aimerait retrouver un travail mais doute de ses chances."
    ),
    "apprenant05": (
        "Plusieurs éléments me semblent importants à partager avec l'équipe. Martine n'utilise pas internet seule "
        "et dépend de sa fille pour l'espace CAF. Elle a vécu la perte de son emploi comme une humiliation et en "
        "parle avec amertume. Les tensions avec sa sœur l'ont poussée à partir. Elle dort mal, prend des "
        "antalgiques plus souvent que prévu et évoque l'alcool sur le ton de la plaisanterie. Ses ressources "
        "sont faibles et elle a longtemps renoncé à demander de l'aide. Malgré cela, elle garde de l'humour et "
        "une vraie envie de reprendre une activité adaptée à son état de santé."
    ),
}
ORIGINAL = INDEPENDENT["apprenant01"]
FRESH = (  # written for the half rewritten copy and the independent newcomer, found in no other answer
    "Elle parle peu de ses amis d'avant, comme si l'entrepôt avait été toute sa vie sociale. Quand j'évoque une "
    "formation, elle rit et répond qu'à son âge on ne retourne pas à l'école. Je note enfin qu'elle arrive "
    "toujours en avance aux rendez-vous et garde précieusement chaque courrier reçu."
)
PLANTED = {
    "identique": ORIGINAL,
    "quelques_mots": (ORIGINAL.replace("cinquante et un", "51").replace("habite", "occupe")
                      .replace("touche", "perçoit").replace("souvent", "plusieurs fois").replace("fierté", "plaisir")),
    "phrases_deplacees": " ".join(reversed(_sentences(ORIGINAL))),
    "moitie_reecrite": " ".join(_sentences(ORIGINAL)[:4]) + " " + FRESH,
    "independante": FRESH + " Elle souhaite avant tout un travail assis, sans charges lourdes, près de chez elle, "
                            "et redoute les entretiens d'embauche.",
}


def answers(texts: dict[str, str]) -> dict[str, Answer]:
    return {learner: own_words(text, "", "") for learner, text in texts.items()}


def flagged(pairs) -> list[tuple[str, str, float]]:
    return [(pair.first, pair.second, pair.score) for pair in pairs]


# --------------------------------------------------------------------------- what is compared

def test_own_words_leave_out_headings_prompt_and_the_cases_quotations():
    released_cell = f"#### Ce que j'ai observé et repéré\n{PLACEHOLDER}\n\n#### Hypothèses multi-facteurs\n{PLACEHOLDER}"
    supplied = ("Martine raconte : « Encore des papiers. » Elle ajoute que le bail était à son nom et "
                "qu'elle a dû partir chez sa sœur.")
    answer = ("#### Ce que j'ai observé et repéré\nElle soupire : « Encore des papiers. » puis ajoute "
              "« je veux travailler ».\n#### Hypothèses multi-facteurs\nle bail était à son nom et "
              "qu'elle a dû partir : la séparation a tout emporté.\n" + PLACEHOLDER)
    words = own_words(answer, released_cell, supplied)
    assert " ".join(words.words) == ("elle soupire puis ajoute je veux travailler la séparation a tout emporté")
    assert words.source.startswith("Elle soupire : « … » puis ajoute « je veux travailler ».")


def test_the_shared_passages_are_found_whatever_their_order():
    original, moved = answers({"a": ORIGINAL, "b": PLANTED["phrases_deplacees"]}).values()
    assert shared_passages(original, moved) == (" ".join(ORIGINAL.split()).removesuffix("."),)
    original, rewritten = answers({"a": ORIGINAL, "b": PLANTED["moitie_reecrite"]}).values()
    assert shared_passages(original, rewritten) == (
        "Martine a cinquante et un ans et habite un logement temporaire depuis qu'elle a quitté le canapé de sa "
        "sœur. Elle touche le RSA et une aide au logement. Pendant l'entretien, elle a souvent changé de position, "
        "la main dans le bas du dos. Elle raconte son métier de cariste avec fierté mais toujours au passé",
    )


# --------------------------------------------------------------------------- which pairs are flagged

@pytest.mark.parametrize(("planted", "score"), [
    ("identique", 1.0), ("quelques_mots", 0.84), ("phrases_deplacees", 0.92), ("moitie_reecrite", 0.44),
])
def test_planted_copies_are_flagged_with_their_original_only(planted, score):
    texts = {**INDEPENDENT, "apprenant06": PLANTED[planted]}
    pairs = compare_answers(answers(texts), None, assignment_id=ASSIGNMENT, criterion_id="M1.1-D")
    assert flagged(pairs) == [("apprenant01", "apprenant06", score)]


def test_honest_independent_answers_on_the_same_case_are_not_flagged():
    texts = {**INDEPENDENT, "apprenant06": PLANTED["independante"]}
    assert compare_answers(answers(texts), None, assignment_id=ASSIGNMENT, criterion_id="M1.1-D") == []
    every_pair = compare_answers(answers(texts), None, assignment_id=ASSIGNMENT, criterion_id="M1.1-D", threshold=1e-9)
    assert len(every_pair) == 15
    assert max(pair.score for pair in every_pair) == 0.08  # the margin under SIMILARITY_THRESHOLD
    assert SIMILARITY_THRESHOLD == 0.30


def test_teammates_sharing_their_collective_text_are_not_flagged():
    texts = {**INDEPENDENT, "apprenant06": PLANTED["identique"]}
    team = frozenset({frozenset({"apprenant01", "apprenant06"})})
    assert compare_answers(answers(texts), None, assignment_id=ASSIGNMENT, criterion_id="M1.1-D", teammates=team) == []


def test_answers_too_short_to_judge_are_left_out():
    short = " ".join(ORIGINAL.split()[:MIN_WORDS - 1])
    pairs = compare_answers(answers({"apprenant01": short, "apprenant02": short}), None,
                            assignment_id=ASSIGNMENT, criterion_id="M1.1-D")
    assert pairs == []


# --------------------------------------------------------------------------- on the course's notebooks

def learner_copy(released: nbformat.NotebookNode, parts: list[str]) -> nbformat.NotebookNode:
    """The released notebook with the M1.1-D answer cell's placeholders replaced by `parts`, in order."""
    nb = copy.deepcopy(released)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == GRADE_ID:
            pieces = iter(parts)
            cell.source = "\n".join(next(pieces, line) if line.strip() == PLACEHOLDER else line
                                    for line in cell.source.split("\n"))
    return nb


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """The m11 assignment alone in a course folder, with seven submitted copies."""
    root = tmp_path_factory.mktemp("similarite") / "cours"
    (root / "assignments").mkdir(parents=True)
    shutil.copy(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(REPO / "assignments" / ASSIGNMENT, root / "assignments" / ASSIGNMENT)
    for folder in ("source", "release"):
        shutil.copytree(REPO / folder / ASSIGNMENT, root / folder / ASSIGNMENT)
    released = nbformat.read(root / "release" / ASSIGNMENT / NOTEBOOK, as_version=4)
    source = nbformat.read(root / "source" / ASSIGNMENT / NOTEBOOK, as_version=4)
    model_cell = next(c for c in source.cells if c.metadata.get("nbgrader", {}).get("grade_id") == GRADE_ID)
    model_parts = [part.strip() for part in model_cell.source.split("<!-- BEGIN SOLUTION -->")[1:]]
    model_parts = [part.split("<!-- END SOLUTION -->")[0].strip() for part in model_parts]
    copies = {**{learner: [text] for learner, text in INDEPENDENT.items()},
              "apprenant06": [PLANTED["quelques_mots"]], "apprenant07": model_parts}
    for learner, parts in copies.items():
        path = root / "submitted" / learner / ASSIGNMENT / NOTEBOOK
        path.parent.mkdir(parents=True)
        nbformat.write(learner_copy(released, parts), path)
    return root


def test_the_course_copies_flag_the_planted_copy_and_the_copied_model_answer(course):
    catalogue = load_catalogue(course)
    pairs = assignment_similarity(catalogue, catalogue.assignment(ASSIGNMENT))
    # the model answer is among the documents here: the IDF weights change a little (0.84 without it)
    assert flagged(pairs) == [("apprenant07", MODEL, 1.0), ("apprenant01", "apprenant06", 0.83)]
    assert {pair.criterion_id for pair in pairs} == {"M1.1-D"}
    assert flagged_pairs_by_assignment(catalogue) == {ASSIGNMENT: 2}


def test_the_jury_sheet(course, tmp_path):
    catalogue = load_catalogue(course)
    pairs = assignment_similarity(catalogue, catalogue.assignment(ASSIGNMENT))
    path = write_similarity_csv(tmp_path / "similarite.csv", pairs)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["devoir", "critère", "copie A", "copie B", "similarité", "passages communs"]
    assert rows[1][:5] == [ASSIGNMENT, "M1.1-D", "apprenant07", "corrigé", "1"]
    assert rows[1][5].startswith("Martine vit seule, en logement temporaire.")
    assert "un non-recours qu'elle explique elle-même (« … »). À l'oral" in rows[1][5]
    assert rows[2][:5] == [ASSIGNMENT, "M1.1-D", "apprenant01", "apprenant06", "0,83"]
    assert rows[2][5].split(" | ") == [  # runs of fewer than 8 words between the changed words are not passages
        "un logement temporaire depuis qu'elle a quitté le canapé de sa sœur. Elle",
        "le RSA et une aide au logement. Pendant l'entretien, elle a",
        "changé de position, la main dans le bas du dos. Elle raconte son métier de cariste avec",
        "mais toujours au passé. Sa fille l'aide pour les démarches en ligne, car elle n'a pas d'ordinateur et "
        "l'écrit la met mal à l'aise. Je retiens surtout qu'elle n'a pas demandé ses droits pendant des mois : "
        "elle pensait que l'aide n'était pas faite pour elle. Son réseau repose sur sa fille, France Services et "
        "désormais un médecin traitant",
    ]
    assert len(rows) == 3


def test_casp_similarity(course, tmp_path, capsys):
    sheet = tmp_path / "jury" / "similarite.csv"
    assert main(["--course-dir", str(course), "similarity", ASSIGNMENT, "--csv", str(sheet)]) == 0
    out = capsys.readouterr().out
    assert "2 paire(s) de copies au-dessus du seuil 0,3 pour m11_recit_de_vie." in out
    assert "le corrigé" in out and "0,83" in out
    assert "« Martine vit seule" in out and "[…] »" in out  # the copied model answer, abridged
    assert abridged("un " * 30) == " ".join(["un"] * 25) + " […]" and abridged("deux mots") == "deux mots"
    assert f"Feuille pour le jury écrite : {sheet}" in out
    assert len(sheet.read_text(encoding="utf-8-sig").splitlines()) == 3
    assert main(["--course-dir", str(course), "similarity", ASSIGNMENT, "--seuil", "0,9"]) == 0
    assert "1 paire(s) de copies au-dessus du seuil 0,9 pour m11_recit_de_vie." in capsys.readouterr().out


# --------------------------------------------------------------------------- bad input

@pytest.mark.parametrize(("text", "message"), [
    ("beaucoup", "Seuil « beaucoup » : nombre attendu, par exemple 0,4."),
    ("1,5", "Seuil « 1,5 » : une similarité cosinus va de 0 à 1 ; choisissez un seuil dans ]0 ; 1]."),
    ("0", "Seuil « 0 » : une similarité cosinus va de 0 à 1 ; choisissez un seuil dans ]0 ; 1]."),
])
def test_a_bad_threshold_is_refused_in_french(text, message):
    with pytest.raises(CourseError) as error:
        threshold_from_text(text)
    assert str(error.value) == message
    assert threshold_from_text("0,45") == 0.45


def test_a_missing_released_notebook_is_named(course, tmp_path, capsys):
    broken = tmp_path / "cours"
    shutil.copytree(course, broken)
    (broken / "release" / ASSIGNMENT / NOTEBOOK).unlink()
    sheet = tmp_path / "similarite.csv"
    assert main(["--course-dir", str(broken), "similarity", ASSIGNMENT, "--csv", str(sheet)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"casp : {broken / 'release' / ASSIGNMENT / NOTEBOOK} : notebook introuvable ; lancez « casp build » puis "
        f"« casp release {ASSIGNMENT} »."
    )
    assert not sheet.exists()


def test_casp_review_counts_the_flagged_pairs(course, capsys):
    main(["--course-dir", str(course), "review"])
    out = capsys.readouterr().out.splitlines()
    assert out[-2:] == [
        "Paires de copies très proches : 2",
        "  - m11_recit_de_vie : 2 paire(s) ; le détail : casp similarity m11_recit_de_vie",
    ]


def test_an_unreadable_copy_is_named_and_nothing_is_written(course, tmp_path, capsys):
    broken = tmp_path / "cours"
    shutil.copytree(course, broken)
    copy_path = broken / "submitted" / "apprenant03" / ASSIGNMENT / NOTEBOOK
    copy_path.write_text("{ pas du json", encoding="utf-8")
    sheet = tmp_path / "similarite.csv"
    assert main(["--course-dir", str(broken), "similarity", ASSIGNMENT, "--csv", str(sheet)]) == 2
    assert capsys.readouterr().err.startswith(f"casp : {copy_path} : notebook illisible (")
    assert not sheet.exists()


def test_casp_review_leaves_out_an_assignment_not_released(course, tmp_path):
    unreleased = tmp_path / "cours"
    shutil.copytree(course, unreleased)
    shutil.rmtree(unreleased / "release")
    assert flagged_pairs_by_assignment(load_catalogue(unreleased)) == {}
