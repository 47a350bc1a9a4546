"""The oral toolkit's pure functions: oral file, timed running order, slides, practice questions, timer."""
from __future__ import annotations

import asyncio
import base64
from pathlib import Path

import pytest
import yaml

from course import CourseError
from course.learner.oral import (ListeQuestions, Moment, MomentPrevu, anonymat, avertissements_notes, deroule_oral,
                                 fil_conducteur, format_minutes, lire_oral, melanger, page_support,
                                 questions_entrainement, support_oral, total_minutes, valider_diapos, valider_oral)
from course.learner.widgets.chronometre import (ARRETER, DEMARRER, EN_COURS, EN_PAUSE, PRET, REMETTRE, Chronometre,
                                                chronometre, format_duree, texte_chronometre)

# A test oral file: invented for the tests, like an author's oral.yaml (never a mark scheme).
ORAL = {
    "titre": "Restitution aux professionnels",
    "consigne": "Présentez vos résultats aux professionnels enquêtés.",
    "duree_minutes": 10,
    "echange_minutes": 10,
    "moments": [
        {"nom": "Poser le cadre", "aide": "Qui vous êtes, pourquoi cette enquête."},
        {"nom": "Résultats"},
        {"nom": "Limites"},
        {"nom": "Anecdote de terrain", "obligatoire": False},
        {"nom": "Proposition"},
    ],
    "questions": ["Q1 ?", "Q2 ?", "Q3 ?", "Q4 ?", "Q5 ?"],
}
OBLIGATOIRES = ["Poser le cadre", "Résultats", "Limites", "Proposition"]
# A 1×1 transparent PNG.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


@pytest.fixture
def dossier(tmp_path, monkeypatch) -> Path:
    (tmp_path / "oral.yaml").write_text(yaml.safe_dump(ORAL, allow_unicode=True), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---------------------------------------------------------------------------------------------
# The oral file
# ---------------------------------------------------------------------------------------------
def test_the_oral_file_is_read_and_typed(dossier):
    oral = lire_oral()
    assert (oral.fichier, oral.titre, oral.duree_minutes, oral.echange_minutes) == (
        "oral.yaml", "Restitution aux professionnels", 10.0, 10.0)
    assert oral.moments[0] == MomentPrevu("Poser le cadre", True, "Qui vous êtes, pourquoi cette enquête.")
    assert oral.moments[3] == MomentPrevu("Anecdote de terrain", False, None)
    assert oral.obligatoires == OBLIGATOIRES
    assert oral.questions == ("Q1 ?", "Q2 ?", "Q3 ?", "Q4 ?", "Q5 ?")


@pytest.mark.parametrize("modification, message", [
    ({"bareme": "…"}, "la clé « bareme » n'a pas sa place dans un fichier distribué aux apprenants : le barème, les "
                      "observables et les cartes du jury restent dans devoir.yaml (mark_scheme)."),
    ({"Barème": "…"}, "la clé « Barème » n'a pas sa place dans un fichier distribué aux apprenants : le barème, les "
                      "observables et les cartes du jury restent dans devoir.yaml (mark_scheme)."),
    ({"duree": 10}, "clé inconnue « duree » (clés possibles : titre, consigne, duree_minutes, echange_minutes, "
                    "moments, questions)."),
    ({"titre": " "}, "la clé « titre » doit contenir le titre de l'oral."),
    ({"duree_minutes": 0}, "la clé « duree_minutes » doit être un nombre de minutes supérieur à 0."),
    ({"echange_minutes": "dix"}, "la clé « echange_minutes » doit être un nombre de minutes supérieur à 0."),
    ({"moments": []}, "la clé « moments » doit être une liste de moments (« - nom: … »)."),
    ({"moments": [{"nom": "A"}, {"aide": "x"}]}, "le moment n° 2 doit avoir un « nom »."),
    ({"moments": [{"nom": "A"}, {"nom": " a "}]}, "le moment « a » apparaît deux fois."),
    ({"moments": [{"nom": "A", "minutes": 2}]}, "moment « A » : clé inconnue « minutes » (clés possibles : nom, "
                                                "obligatoire, aide)."),
    ({"moments": [{"nom": "A", "obligatoire": "oui"}]}, "moment « A » : la clé « obligatoire » vaut true ou false."),
    ({"questions": ["Q1 ?", ""]}, "la clé « questions » doit être une liste de questions (une phrase chacune)."),
])
def test_an_ill_formed_oral_file_names_the_file_and_the_key(modification, message):
    with pytest.raises(CourseError) as erreur:
        valider_oral({**ORAL, **modification}, "oral.yaml")
    assert str(erreur.value) == f"Le fichier « oral.yaml » est mal rempli : {message}"


def test_a_missing_oral_file_says_to_fetch_the_assignment_again(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CourseError, match=r"^Le fichier « oral\.yaml » n'est pas à côté du notebook"):
        lire_oral()


# ---------------------------------------------------------------------------------------------
# Timed running order
# ---------------------------------------------------------------------------------------------
def test_format_minutes_uses_the_french_decimal_comma():
    assert [format_minutes(m) for m in (0, 2, 1.5, 2.25, 1 / 3)] == ["0 min", "2 min", "1,5 min", "2,25 min",
                                                                     "0,33 min"]


def test_a_plan_within_the_time_with_every_required_moment_has_no_warning():
    moments = [("Poser le cadre", 1.5), ("Résultats", 4), ("Limites", 1.5), ("Proposition", 3)]
    assert deroule_oral(moments, 10, OBLIGATOIRES) == []
    assert total_minutes(moments) == 10.0


def test_a_total_over_the_allotted_time_is_flagged_with_the_overrun():
    moments = [("Poser le cadre", 2), ("Résultats", 6), ("Limites", 2.5), ("Proposition", 2)]
    assert deroule_oral(moments, 10, OBLIGATOIRES) == [
        "Total : 12,5 min pour 10 min prévues, soit 2,5 min de trop. Raccourcissez un ou plusieurs moments."]


def test_a_missing_required_moment_is_named_whatever_the_case_or_spacing_of_the_others():
    moments = [{"nom": "poser  le cadre", "minutes": 2}, Moment("RÉSULTATS", 5), ("Proposition", 2)]
    assert deroule_oral(moments, 10, OBLIGATOIRES) == ["Moment obligatoire absent : « Limites »."]


def test_zero_minutes_duplicates_and_overrun_are_all_reported_in_reading_order():
    moments = [("Poser le cadre", 0), ("Résultats", 8), ("résultats", 2), ("Anecdote", 0), ("Proposition", 1)]
    assert deroule_oral(moments, 10, OBLIGATOIRES) == [
        "« Poser le cadre » : 0 minute prévue pour un moment obligatoire. Donnez-lui du temps.",
        "« résultats » apparaît deux fois : regroupez ces deux moments.",
        "« Anecdote » : 0 minute prévue. Donnez-lui du temps ou retirez ce moment.",
        "Moment obligatoire absent : « Limites ».",
        "Total : 11 min pour 10 min prévues, soit 1 min de trop. Raccourcissez un ou plusieurs moments.",
    ]


@pytest.mark.parametrize("moments, message", [
    ([("Résultats", -1)], "Moment n° 1 (« Résultats ») : la durée doit être un nombre de minutes positif ou nul, "
                          "pas « -1 »."),
    ([("A", 1), ("Résultats", "5")], "Moment n° 2 (« Résultats ») : la durée doit être un nombre de minutes positif "
                                     "ou nul, pas « 5 »."),
    ([("  ", 2)], "Moment n° 1 : donnez-lui un nom."),
    (["Résultats"], "Moment n° 1 : écrivez-le (\"nom du moment\", minutes), par exemple (\"Poser le cadre\", 2)."),
])
def test_a_moment_written_wrongly_is_a_course_error_naming_it(moments, message):
    with pytest.raises(CourseError) as erreur:
        deroule_oral(moments, 10)
    assert str(erreur.value) == message


def test_the_allotted_time_must_be_positive():
    with pytest.raises(CourseError) as erreur:
        deroule_oral([("A", 1)], 0)
    assert str(erreur.value) == "Le temps imparti doit être un nombre de minutes supérieur à 0, pas « 0 »."


def test_the_running_order_gives_cumulative_starts_notes_and_total():
    moments = [("Poser le cadre", 1.5), ("Résultats", 4), ("Limites | biais", 2)]
    notes = {"poser le cadre": "Qui je suis\n\nPourquoi <cette> enquête", "Résultats": "42 réponses"}
    assert fil_conducteur(moments, notes, titre="Restitution", duree_totale=10) == "\n".join([
        "### Fil conducteur — Restitution",
        "",
        "| Début | Moment | Durée | Notes |",
        "|---|---|---|---|",
        "| 0 min | Poser le cadre | 1,5 min | Qui je suis<br>Pourquoi &lt;cette&gt; enquête |",
        "| 1,5 min | Résultats | 4 min | 42 réponses |",
        "| 5,5 min | Limites \\| biais | 2 min | — |",
        "",
        "**Total : 7,5 min** sur 10 min prévues.",
    ])
    assert fil_conducteur([("A", 2)]).splitlines()[0] == "### Fil conducteur"
    assert fil_conducteur([("A", 2)]).splitlines()[-1] == "**Total : 2 min**."


def test_notes_over_one_page_and_indirect_identifications_are_warnings():
    notes = {"Résultats": "mot " * 250, "Limites": "mot " * 51 + "Elle vit à Tulle."}
    assert avertissements_notes(notes) == [
        "Vos notes font 305 mots : au-delà de 300, le fil conducteur ne tient plus sur une page. Gardez des mots-clés.",
        "Notes de « Limites » : à vérifier, commune nommée « Tulle » (identification indirecte possible).",
    ]
    assert avertissements_notes({"Résultats": "mot " * 300}) == []


def test_anonymat_separates_what_to_remove_from_what_to_check():
    a_retirer, a_verifier = anonymat([("Ici", "Appeler Jean Dupont au 06 12 34 56 78"), ("Là", "Mme K. vit à Tulle.")])
    assert a_retirer == ["Ici : donnée personnelle à retirer (nom complet, téléphone)."]
    assert a_verifier == ["Là : à vérifier, commune nommée « Tulle » (identification indirecte possible)."]


# ---------------------------------------------------------------------------------------------
# Slides
# ---------------------------------------------------------------------------------------------
def diapos_valides() -> list[dict]:
    return [
        {"titre": "Pourquoi cette enquête", "puces": ["42 professionnels", "8 structures"]},
        {"titre": "Les freins", "figure": "freins.png", "alt": "Barres : le logement est le premier frein (n = 42)."},
    ]


def test_the_support_is_one_self_contained_accessible_html_file(dossier):
    (dossier / "freins.png").write_bytes(PNG)
    chemin = support_oral(diapos_valides(), titre="Restitution & échanges")
    assert chemin == Path("support_oral.html")
    page = (dossier / "support_oral.html").read_text(encoding="utf-8")
    assert page == page_support(valider_diapos(diapos_valides()), "Restitution & échanges")
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n')
    assert "<title>Restitution &amp; échanges</title>" in page
    assert "<header><h1>Restitution &amp; échanges</h1></header>" in page
    assert ('<section class="diapo" aria-labelledby="diapo-1">\n<p class="numero">Diapositive 1 sur 2</p>\n'
            '<h2 id="diapo-1">Pourquoi cette enquête</h2>\n<ul><li>42 professionnels</li><li>8 structures</li></ul>\n'
            '</section>') in page
    image = base64.b64encode(PNG).decode("ascii")
    assert (f'<figure><img src="data:image/png;base64,{image}" alt="Barres : le logement est le premier frein '
            '(n = 42)."></figure>') in page
    assert "http" not in page and "src=\"freins.png\"" not in page  # nothing fetched from outside the file


def test_nine_slides_and_six_bullets_are_refused_with_every_problem_listed(dossier):
    diapos = [{"titre": f"Diapo {n}", "puces": ["a"]} for n in range(1, 10)]
    diapos[2]["puces"] = ["a", "b", "c", "d", "e", "f"]
    with pytest.raises(CourseError) as erreur:
        support_oral(diapos)
    assert str(erreur.value) == (
        "Le support n'a pas été créé, 2 problèmes à corriger :\n"
        "- Le support a 9 diapositives : 8 au plus.\n"
        "- Diapositive 3 (« Diapo 3 ») : 6 puces, 5 au plus.")
    assert not (dossier / "support_oral.html").exists()


def test_a_figure_without_alt_text_is_refused(dossier):
    (dossier / "freins.png").write_bytes(PNG)
    with pytest.raises(CourseError) as erreur:
        support_oral([{"titre": "Les freins", "figure": "freins.png", "alt": " "}])
    assert str(erreur.value) == (
        "Le support n'a pas été créé : Diapositive 1 (« Les freins ») : la figure « freins.png » n'a pas de texte de "
        "remplacement ; ajoutez « alt » : une phrase qui dit ce que montre la figure.")


@pytest.mark.parametrize("diapo, message", [
    ({"titre": "F", "figure": "absente.png", "alt": "x"},
     "Diapositive 1 (« F ») : la figure « absente.png » est introuvable à côté du notebook."),
    ({"titre": "F", "figure": "notes.pdf", "alt": "x"},
     "Diapositive 1 (« F ») : la figure « notes.pdf » n'est pas une image (formats possibles : png, jpg, jpeg, gif, "
     "svg, webp)."),
    ({"titre": "F", "alt": "x"}, "Diapositive 1 (« F ») : « alt » décrit une figure, mais la clé « figure » manque."),
    ({"puces": ["a"]}, "Diapositive 1 : la clé « titre » doit contenir un texte."),
    ({"titre": "F", "puces": "a, b"}, "Diapositive 1 (« F ») : « puces » doit être une liste de phrases courtes, sans "
                                      "puce vide."),
    ({"titre": "F", "image": "x.png"}, "Diapositive 1 (« F ») : clé inconnue « image » (clés possibles : titre, "
                                       "puces, figure, alt)."),
    ({"titre": "F", "puces": ["Appeler Jean Dupont"]},
     "Diapositive 1 (« F »), puce n° 1 : donnée personnelle à retirer (nom complet)."),
    ("Titre seul", "Diapositive 1 : chaque diapositive s'écrit {\"titre\": \"…\", \"puces\": [\"…\"]}."),
])
def test_each_slide_problem_names_the_slide(dossier, diapo, message):
    with pytest.raises(CourseError) as erreur:
        valider_diapos([diapo])
    assert str(erreur.value) == f"Le support n'a pas été créé : {message}"


def test_an_oversized_figure_is_refused(dossier):
    (dossier / "grande.png").write_bytes(b"\0" * (5 * 1024 * 1024 + 200_000))
    with pytest.raises(CourseError) as erreur:
        valider_diapos([{"titre": "F", "figure": "grande.png", "alt": "x"}])
    assert str(erreur.value) == ("Le support n'a pas été créé : Diapositive 1 (« F ») : la figure « grande.png » pèse "
                                 "5,2 Mo : 5 Mo au plus.")


def test_an_empty_support_is_refused():
    with pytest.raises(CourseError) as erreur:
        valider_diapos([])
    assert str(erreur.value) == ("Le support n'a aucune diapositive : donnez une liste de diapositives, par exemple "
                                 "[{\"titre\": \"Pourquoi cette enquête\", \"puces\": [\"…\"]}].")


def test_indirect_identifications_on_slides_are_printed_to_be_checked(dossier, capsys):
    support_oral([{"titre": "Terrain", "puces": ["Elle vit à Tulle."]}])
    assert capsys.readouterr().out == (
        "Diapositive 1 (« Terrain »), puce n° 1 : à vérifier, commune nommée « Tulle » (identification indirecte "
        "possible).\n")


# ---------------------------------------------------------------------------------------------
# Practice questions
# ---------------------------------------------------------------------------------------------
def test_the_shuffle_is_fixed_by_its_seed():
    assert melanger(["A", "B", "C", "D", "E"]) == ["B", "E", "C", "D", "A"]
    assert melanger(["A", "B", "C", "D", "E"], 2) == ["B", "C", "A", "D", "E"]
    assert melanger([]) == []


def test_practice_questions_are_shuffled_reproducibly_and_shown_as_a_numbered_list(dossier):
    questions = questions_entrainement()
    assert isinstance(questions, ListeQuestions)
    assert questions == ["Q2 ?", "Q5 ?", "Q3 ?", "Q4 ?", "Q1 ?"]
    assert questions_entrainement(graine=2, nombre=2) == ["Q2 ?", "Q3 ?"]
    assert questions_entrainement(graine=2, nombre=2)._repr_markdown_() == "1. Q2 ?\n2. Q3 ?"


@pytest.mark.parametrize("arguments, message", [
    ({"nombre": 0}, "Le nombre de questions doit être un entier supérieur à 0, pas « 0 »."),
    ({"graine": "a"}, "La graine doit être un nombre entier, par exemple 2, pas « a »."),
])
def test_practice_questions_arguments_are_checked(dossier, arguments, message):
    with pytest.raises(CourseError) as erreur:
        questions_entrainement(**arguments)
    assert str(erreur.value) == message


def test_an_oral_file_without_questions_says_so(dossier):
    (dossier / "oral.yaml").write_text(yaml.safe_dump({k: v for k, v in ORAL.items() if k != "questions"}),
                                       encoding="utf-8")
    with pytest.raises(CourseError) as erreur:
        questions_entrainement()
    assert str(erreur.value) == ("Le fichier « oral.yaml » ne propose pas de questions d'entraînement "
                                 "(clé « questions »).")


# ---------------------------------------------------------------------------------------------
# Rehearsal timer
# ---------------------------------------------------------------------------------------------
class Horloge:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_format_duree_and_the_timer_text():
    assert [format_duree(s) for s in (0, 5, 60, 598, 3600)] == ["0 min 00 s", "0 min 05 s", "1 min 00 s",
                                                                "9 min 58 s", "60 min 00 s"]
    assert texte_chronometre(600, PRET) == "Temps restant : 10 min 00 s"
    assert texte_chronometre(597.2, EN_COURS) == "Temps restant : 9 min 58 s"
    assert texte_chronometre(60, EN_COURS) == "Temps restant : 1 min 00 s — dernière minute"
    assert texte_chronometre(61, EN_PAUSE) == "Temps restant : 1 min 01 s (en pause)"
    assert texte_chronometre(0, EN_COURS) == "Temps écoulé — dépassement : 0 min 00 s"
    assert texte_chronometre(-12.7, EN_COURS) == "Temps écoulé — dépassement : 0 min 12 s"


def test_the_timer_state_machine_runs_pauses_resumes_and_resets_without_waiting():
    horloge = Horloge()
    chrono = Chronometre(10, horloge=horloge)
    titre, affichage, boutons = chrono.widget.children
    assert titre.value == "<p><b>Chronomètre — 10 min</b></p>"
    assert [b.description for b in boutons.children] == [DEMARRER, ARRETER, REMETTRE] == [
        "Démarrer", "Arrêter", "Remettre à zéro"]
    assert (chrono.etat, chrono.demarrer_bouton.disabled, chrono.arreter_bouton.disabled) == (PRET, False, True)
    assert affichage.value == '<p style="font-size:1.6em">Temps restant : 10 min 00 s</p>'

    chrono.demarrer_bouton.click()  # no event loop here: no task, the time is computed from the clock
    horloge.t += 125.5
    assert (chrono.etat, chrono.texte()) == (EN_COURS, "Temps restant : 7 min 55 s")
    assert (chrono.demarrer_bouton.disabled, chrono.arreter_bouton.disabled) == (True, False)

    chrono.arreter_bouton.click()
    horloge.t += 300  # paused: time does not run
    assert (chrono.etat, chrono.texte()) == (EN_PAUSE, "Temps restant : 7 min 55 s (en pause)")
    assert affichage.value == '<p style="font-size:1.6em">Temps restant : 7 min 55 s (en pause)</p>'

    chrono.demarrer()
    horloge.t += 480
    assert chrono.texte() == "Temps écoulé — dépassement : 0 min 05 s"

    chrono.remettre_bouton.click()
    assert (chrono.etat, chrono.restant(), chrono.texte()) == (PRET, 600.0, "Temps restant : 10 min 00 s")


def test_while_running_an_asyncio_task_refreshes_the_text_and_stopping_cancels_it():
    horloge = Horloge()

    async def repetition() -> tuple[str, str, bool]:
        chrono = Chronometre(1, horloge=horloge, intervalle=0)
        chrono.demarrer()
        tache = chrono._tache
        horloge.t += 15
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        pendant = chrono.affichage.value
        chrono.arreter()
        await asyncio.sleep(0)
        return pendant, chrono.affichage.value, tache.cancelled()

    pendant, apres, annulee = asyncio.run(repetition())
    assert pendant == '<p style="font-size:1.6em">Temps restant : 0 min 45 s — dernière minute</p>'
    assert apres == '<p style="font-size:1.6em">Temps restant : 0 min 45 s — dernière minute (en pause)</p>'
    assert annulee is True


@pytest.mark.parametrize("minutes", [0, -5, 181, "10", True])
def test_the_timer_refuses_a_duration_that_is_not_minutes(minutes):
    with pytest.raises(CourseError) as erreur:
        chronometre(minutes)
    assert str(erreur.value) == (f"chronometre(minutes) : donnez une durée en minutes entre 0 et 180, par exemple "
                                 f"chronometre(10), pas « {minutes} ».")


def test_the_widgets_are_reached_from_the_oral_toolkit(dossier):
    from course.learner import oral

    assert oral.chronometre(10).children[0].value == "<p><b>Chronomètre — 10 min</b></p>"
    assert oral.preparer_oral().children[0].value == "<h4>Restitution aux professionnels</h4>"
