"""M1.3 diagnostic grid: the widget reads a PRACTICE case from the assignment's YAML file, never a graded one.

The widget is built in plain Python (no kernel) from the real `grille_diagnostic.yaml` and driven through
its Python API: tick boxes, choose values, call the button handlers, read the HTML it shows.
"""
from __future__ import annotations

import html
import inspect
import re
from pathlib import Path

import pytest
import yaml

from course import CourseError
from course.catalogue import load_catalogue
from course.learner.widgets import diagnostic
from course.learner.widgets.diagnostic import GrilleDiagnostic, grille_diagnostic, lire_grille

REPO = Path(__file__).resolve().parents[1]
DOSSIER = REPO / "assignments" / "m13_cas_accueil_orientation"
FICHIER = DOSSIER / "grille_diagnostic.yaml"


def texte(html: str) -> list[str]:
    """The lines a learner reads: one per paragraph or list item, tags removed."""
    lignes = re.split(r"</?(?:p|li|ul|h4|br)>", html)
    return [re.sub(r"<[^>]+>", "", ligne).strip() for ligne in lignes if re.sub(r"<[^>]+>", "", ligne).strip()]


@pytest.fixture
def grille() -> GrilleDiagnostic:
    return grille_diagnostic("josiane", fichier=FICHIER)


TITRE = "Cas d'entraînement — Josiane, 64 ans, retraitée, dettes et paris en ligne dans le couple"


def test_the_assignment_releases_the_file_beside_its_notebook():
    catalogue = load_catalogue(REPO)
    assert catalogue.assignments["m13_cas_accueil_orientation"].files == ["grille_diagnostic.yaml"]
    notebook = (DOSSIER / "cas_accueil_orientation.md").read_text(encoding="utf-8")
    assert 'grille_diagnostic("josiane")' in notebook


def test_the_released_file_holds_no_reading_of_a_graded_case():
    """The grid works on a practice case: no graded case (A, B, C of the notebook) is in the released file."""
    notebook = (DOSSIER / "cas_accueil_orientation.md").read_text(encoding="utf-8")
    gradees = re.findall(r"^### Cas [ABC] — (\w+), \d+ ans$", notebook, flags=re.MULTILINE)
    assert gradees == ["Yanis", "Laurent", "Ibrahim"]
    contenu = yaml.safe_load(FICHIER.read_text(encoding="utf-8"))
    assert list(contenu["cas"]) == ["josiane"]
    textes = yaml.safe_dump(contenu["cas"], allow_unicode=True)
    for prenom in gradees:
        assert prenom not in textes and prenom.lower() not in contenu["cas"], prenom
    # The graders' notes on the graded cases stay in the assignment folder, never released.
    assert (DOSSIER / "reperes_correction.md").is_file()
    assert "reperes_correction.md" not in load_catalogue(REPO).assignments["m13_cas_accueil_orientation"].files


def test_reads_the_file_from_the_notebook_folder_and_opens_on_the_first_case(monkeypatch):
    monkeypatch.chdir(DOSSIER)
    widget = grille_diagnostic()
    assert widget.choix_cas.value == "josiane"
    assert [titre for titre, _ in widget.choix_cas.options] == [TITRE]


def test_grid_shows_the_file_lists_and_the_case(grille):
    assert list(grille.cases_domaines) == ["Santé", "Emploi", "Logement", "Addictions", "Droits", "Budget", "Famille"]
    assert len(grille.cases_orientations) == 17
    assert list(grille.cases_orientations)[2] == "Point conseil budget"
    assert list(grille.cases_orientations)[-1] == "Banque de France (surendettement)"
    assert (grille.lien_a.value, grille.lien_b.value) == ("Addictions", "Budget")
    assert grille.bouton_lien.description == "Ajouter ce lien"
    assert grille.bouton_comparer.description == "Comparer avec la lecture attendue"
    assert grille.affichage_liens.value == "<i>Aucun lien ajouté pour l'instant.</i>"
    assert html.unescape(texte(grille.resume.value)[0]) == TITRE
    resume = html.unescape(texte(grille.resume.value)[1])
    assert resume.startswith("Josiane, 64 ans, ancienne employée de mairie, vit avec son mari, 67 ans")
    assert resume.endswith("Sa demande : « Je voudrais un colis alimentaire : il ne nous reste rien jusqu'à la fin du "
                           "mois. »")


def test_the_browser_scenario_gives_the_same_feedback(grille):
    """What tests/browser/test_apprenant.py clicks: two problems, the proposed link, then compare."""
    grille.cases_domaines["Addictions"].value = True
    grille.cases_domaines["Budget"].value = True
    grille.bouton_lien.click()
    assert grille.affichage_liens.value == "Liens ajoutés : <b>Addictions – Budget</b>"
    grille.bouton_comparer.click()
    lignes = [html.unescape(ligne) for ligne in texte(grille.retour.value)]
    assert lignes[:5] == [
        f"Retour sur votre lecture — {TITRE}",
        "Problématiques essentielles repérées : 2 sur 3.",
        "Vous avez repéré :",
        "✅ Addictions (essentielle) : les paris sportifs en ligne de son mari, cachés et financés à crédit, "
        "ressemblent à une pratique de jeu excessive : une addiction sans produit, qui touche aussi l'entourage. "
        "À nommer avec prudence, à partir de ce qu'elle en dit.",
        "✅ Budget (essentielle) : trois crédits renouvelables, des échéances impayées et plus rien pour vivre à la "
        "fin du mois, avec des retraites pourtant régulières : c'est l'endettement, pas le manque de ressources, "
        "qui étrangle le budget.",
    ]
    assert lignes[5] == "Vous n'avez pas coché :"
    assert [ligne.split(" :")[0] for ligne in lignes[6:8]] == ["❗ Famille (essentielle)", "❗ Santé (à explorer)"]
    assert lignes[8:12] == [
        "Liens clés entre problématiques : 1 sur 3.",
        "✅ Addictions – Budget : les pertes au jeu creusent les dettes, et la pression des dettes pousse à rejouer "
        "pour « se refaire » : c'est le cercle que décrivent souvent les personnes qui jouent de façon excessive.",
        "❗ à ajouter : Addictions – Famille : le jeu caché a rompu la confiance dans le couple ; à l'inverse, le "
        "soutien de l'entourage compte dans l'accompagnement d'une addiction, et l'entourage a lui-même besoin "
        "d'être soutenu.",
        "❗ à ajouter : Santé – Famille : la découverte des dettes, les disputes et la honte pèsent sur son sommeil "
        "et son moral.",
    ]
    assert lignes[12] == "Orientations attendues choisies : 0 sur 3."
    assert [ligne.split(" —")[0] for ligne in lignes[13:16]] == [
        "❗ manque : CCAS", "❗ manque : Banque de France (surendettement)", "❗ manque : CSAPA"]
    assert lignes[16:] == [
        "Cette lecture attendue est une base de discussion, pas une vérité sur la personne : en situation réelle, "
        "chaque hypothèse se vérifie en entretien et le diagnostic se construit avec elle (diagnostic partagé). "
        "Une orientation s'explique, se prépare (fiche de liaison, prise de rendez-vous) et se fait avec son accord. "
        "Pour votre écrit noté, appliquez la même méthode au cas A, B ou C, avec vos propres mots."
    ]


def test_other_links_orientations_and_reset(grille):
    grille._comparer()
    assert grille.retour.value == ("<p style='color:#7F5700'>Commencez par cocher au moins une problématique, "
                                   "puis comparez.</p>")
    grille.lien_a.value, grille.lien_b.value = "Droits", "Droits"
    grille._ajouter_lien()
    assert grille.affichage_liens.value == (
        "<i>Aucun lien ajouté pour l'instant.</i><br>"
        "<span style='color:#7F5700'>Choisissez deux problématiques différentes.</span>")
    grille.lien_a.value, grille.lien_b.value = "Famille", "Addictions"
    grille._ajouter_lien()
    grille.lien_a.value, grille.lien_b.value = "Droits", "Budget"
    grille._ajouter_lien()
    grille._ajouter_lien()
    assert grille.affichage_liens.value == (
        "Liens ajoutés : <b>Addictions – Famille</b> ; <b>Droits – Budget</b><br>"
        "<span style='color:#7F5700'>Le lien Droits – Budget est déjà dans la liste.</span>")
    for partenaire in ("CSAPA", "Point conseil budget", "PASS", "Mission locale", "PMI", "CAF"):
        grille.cases_orientations[partenaire].value = True
    grille.cases_domaines["Emploi"].value = True
    grille.bouton_comparer.click()
    lignes = [html.unescape(ligne) for ligne in texte(grille.retour.value)]
    assert "Problématiques essentielles repérées : 0 sur 3." in lignes
    assert ("⚠️ Emploi : le couple est à la retraite : l'emploi n'est pas en cause ici. Cocher une problématique "
            "sans indice dans le cas disperse le diagnostic.") in lignes
    assert "Liens clés entre problématiques : 1 sur 3." in lignes
    assert ("Autres liens que vous proposez : Droits – Budget. Ils ne sont pas faux en soi : dans une analyse "
            "écrite, appuyez chacun sur un élément précis du cas.") in lignes
    assert "Orientations attendues choisies : 1 sur 3." in lignes
    assert [ligne for ligne in lignes if ligne.startswith("👍")] == [
        "👍 Point conseil budget — accompagnement budgétaire gratuit et confidentiel : faire le point sur les "
        "crédits, contacter les organismes prêteurs, préparer si besoin le dossier de surendettement (le CCAS peut "
        "jouer ce rôle)."]
    inadaptees = [ligne for ligne in lignes if ligne.startswith("✖️")]
    assert [ligne.split(" —")[0] for ligne in inadaptees] == ["✖️ CAF", "✖️ Mission locale", "✖️ PASS", "✖️ PMI"]
    # The PASS is defined as the course states it: no cover, or incomplete cover (REVIEW-BLOC1 §4).
    assert ("✖️ PASS — la PASS reçoit les personnes qui ont besoin de soins et n'ont pas de couverture maladie, ou "
            "une couverture incomplète (pas de complémentaire, par exemple) ; rien de tel n'est évoqué ici.") in lignes
    assert ("✖️ Mission locale — la Mission locale accueille les jeunes de 16 à 25 ans révolus ; Josiane a "
            "64 ans.") in lignes

    grille.bouton_effacer.click()
    grille.bouton_comparer.click()
    assert ("Vous n'avez relié aucune problématique : un diagnostic multi-factoriel explique comment les "
            "difficultés s'entretiennent les unes les autres.") in texte(grille.retour.value)

    grille.bouton_reinitialiser.click()  # « Tout décocher » clears everything
    assert grille.domaines_coches == [] and grille.orientations_cochees == [] and grille.liens == []
    assert grille.retour.value == ""


def test_unknown_case_is_named():
    with pytest.raises(ValueError, match="Cas inconnu « yanis ». Cas disponibles : josiane."):
        grille_diagnostic("yanis", fichier=FICHIER)


def test_no_case_text_stays_in_the_package():
    source = inspect.getsource(diagnostic)
    contenu = yaml.safe_load(FICHIER.read_text(encoding="utf-8"))
    textes = [contenu["retour"][cle] for cle in contenu["retour"]]
    for cas in contenu["cas"].values():
        textes += [cas["titre"], cas["resume"], *(p["pourquoi"] for p in cas["problematiques"].values()),
                   *(lien["pourquoi"] for lien in cas["liens"]), *cas["orientations_attendues"].values(),
                   *cas.get("orientations_possibles", {}).values(), *cas.get("orientations_inadaptees", {}).values()]
    assert len(textes) > 25
    for phrase in textes:
        assert phrase[:40] not in source, phrase


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CourseError, match="Le fichier « grille_diagnostic.yaml » n'est pas à côté du notebook"):
        grille_diagnostic("josiane", fichier=tmp_path / "grille_diagnostic.yaml")


def test_a_malformed_file_is_named(tmp_path):
    chemin = tmp_path / "grille_diagnostic.yaml"
    chemin.write_text("cas: [josiane\n", encoding="utf-8")
    with pytest.raises(CourseError, match="grille_diagnostic.yaml : fichier illisible"):
        grille_diagnostic(fichier=chemin)

    contenu = yaml.safe_load(FICHIER.read_text(encoding="utf-8"))
    del contenu["cas"]["josiane"]["titre"]
    chemin.write_text(yaml.safe_dump(contenu, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CourseError) as erreur:
        lire_grille(chemin)
    assert str(erreur.value) == "grille_diagnostic.yaml (rubrique « cas josiane, titre ») : un texte est attendu."

    contenu = yaml.safe_load(FICHIER.read_text(encoding="utf-8"))
    contenu["cas"]["josiane"]["liens"][0]["entre"] = ["Santé", "Logment"]
    chemin.write_text(yaml.safe_dump(contenu, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CourseError) as erreur:
        lire_grille(chemin)
    assert str(erreur.value).startswith(
        "grille_diagnostic.yaml (rubrique « cas josiane, liens, lien 1 ») : « Logment » n'est pas dans la liste des "
        "problématiques en haut du fichier (Santé, Emploi, Logement")

    contenu = yaml.safe_load(FICHIER.read_text(encoding="utf-8"))
    contenu["cas"]["josiane"]["problematiques"]["Santé"]["statut"] = "urgente"
    chemin.write_text(yaml.safe_dump(contenu, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CourseError, match=r"grille_diagnostic.yaml \(rubrique « cas josiane, problematiques, Santé »\) : "
                                          "le statut doit être « essentielle » ou « à explorer »."):
        lire_grille(chemin)

    chemin.write_text("- une liste\n- au lieu d'un dictionnaire\n", encoding="utf-8")
    with pytest.raises(CourseError, match="grille_diagnostic.yaml : le contenu doit être un dictionnaire YAML."):
        lire_grille(chemin)
