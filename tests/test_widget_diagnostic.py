"""M1.3 diagnostic grid: the widget reads its content from the assignment's YAML file and behaves as before.

The widget is built in plain Python (no kernel) from the real `grille_diagnostic.yaml` and driven through
its Python API: tick boxes, choose values, call the button handlers, read the HTML it shows.
"""
from __future__ import annotations

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
    return grille_diagnostic("yanis", fichier=FICHIER)


def test_the_assignment_releases_the_file_beside_its_notebook():
    catalogue = load_catalogue(REPO)
    assert catalogue.assignments["m13_cas_accueil_orientation"].files == ["grille_diagnostic.yaml"]
    notebook = (DOSSIER / "cas_accueil_orientation.md").read_text(encoding="utf-8")
    assert 'grille_diagnostic("yanis")' in notebook


def test_reads_the_file_from_the_notebook_folder_and_opens_on_the_first_case(monkeypatch):
    monkeypatch.chdir(DOSSIER)
    widget = grille_diagnostic()
    assert widget.choix_cas.value == "yanis"
    assert [titre for titre, _ in widget.choix_cas.options] == [
        "Cas A — Yanis, 24 ans, hébergé chez des amis",
        "Cas B — Sandrine, 34 ans, mère de deux enfants, loyers impayés",
        "Cas C — Ibrahim, 41 ans, réfugié, sans couverture santé",
    ]


def test_grid_shows_the_file_lists_and_the_case(grille):
    assert list(grille.cases_domaines) == ["Santé", "Emploi", "Logement", "Addictions", "Droits", "Budget", "Famille"]
    assert len(grille.cases_orientations) == 16
    assert list(grille.cases_orientations)[-1] == "Banque de France (surendettement)"
    assert (grille.lien_a.value, grille.lien_b.value) == ("Logement", "Addictions")
    assert grille.bouton_lien.description == "Ajouter ce lien"
    assert grille.bouton_comparer.description == "Comparer avec la lecture attendue"
    assert grille.affichage_liens.value == "<i>Aucun lien ajouté pour l'instant.</i>"
    assert texte(grille.resume.value)[0] == "Cas A — Yanis, 24 ans, hébergé chez des amis"
    assert texte(grille.resume.value)[1].startswith("Depuis quatre mois, Yanis dort chez des amis, « un canapé par-ci, "
                                                    "un canapé par-là », après des disputes répétées")
    assert texte(grille.resume.value)[1].endswith("Sa demande : « Je veux juste un endroit où dormir, mais pas le foyer "
                                                  "avec les alcoolos. »")


def test_the_browser_scenario_gives_the_same_feedback(grille):
    """What tests/browser/test_apprenant.py clicks: two problems, the proposed link, then compare."""
    grille.cases_domaines["Logement"].value = True
    grille.cases_domaines["Addictions"].value = True
    grille.bouton_lien.click()
    assert grille.affichage_liens.value == "Liens ajoutés : <b>Logement – Addictions</b>"
    grille.bouton_comparer.click()
    lignes = texte(grille.retour.value)
    assert lignes[:4] == [
        "Retour sur votre lecture — Cas A — Yanis, 24 ans, hébergé chez des amis",
        "Problématiques essentielles repérées : 2 sur 5.",
        "Vous avez repéré :",
        "✅ Logement (essentielle) : hébergement précaire chez des tiers, qui vient déjà de se rompre une fois : "
        "c'est une forme de privation de logement, même s'il ne dort pas à la rue.",
    ]
    assert lignes[5] == "Vous n'avez pas coché :"
    assert [ligne.split(" :")[0] for ligne in lignes[6:11]] == [
        "❗ Emploi (essentielle)", "❗ Budget (essentielle)", "❗ Droits (essentielle)",
        "❗ Santé (à explorer)", "❗ Famille (à explorer)",
    ]
    assert lignes[11:16] == [
        "Liens clés entre problématiques : 1 sur 4.",
        "✅ Logement – Addictions : l'alcool lui a fait perdre un hébergement, et l'instabilité, l'insomnie et la "
        "honte entretiennent la consommation : chaque difficulté aggrave l'autre.",
        "❗ à ajouter : Emploi – Budget : la fin de l'intérim a supprimé sa seule ressource.",
        "❗ à ajouter : Logement – Famille : la rupture familiale est le point de départ de l'errance "
        "d'hébergement en hébergement.",
        "❗ à ajouter : Santé – Addictions : toux, sommeil et consommation sont à relier : une consultation "
        "médicale est une porte d'entrée moins stigmatisante que « l'alcool ».",
    ]
    assert lignes[16] == "Orientations attendues choisies : 0 sur 3."
    assert [ligne.split(" —")[0] for ligne in lignes[17:20]] == [
        "❗ manque : SIAO/115", "❗ manque : Mission locale", "❗ manque : CSAPA"]
    assert lignes[20:] == [
        "Cette lecture attendue est une base de discussion, pas une vérité sur la personne : en situation réelle, "
        "chaque hypothèse se vérifie en entretien et le diagnostic se construit avec elle (diagnostic partagé). "
        "Une orientation s'explique, se prépare (fiche de liaison, prise de rendez-vous) et se fait avec son accord."
    ]


def test_other_links_orientations_and_reset(grille):
    grille._comparer()
    assert grille.retour.value == ("<p style='color:#a15c00'>Commencez par cocher au moins une problématique, "
                                   "puis comparez.</p>")
    grille.lien_a.value, grille.lien_b.value = "Droits", "Droits"
    grille._ajouter_lien()
    assert grille.affichage_liens.value == (
        "<i>Aucun lien ajouté pour l'instant.</i><br>"
        "<span style='color:#a15c00'>Choisissez deux problématiques différentes.</span>")
    grille.lien_a.value, grille.lien_b.value = "Budget", "Emploi"
    grille._ajouter_lien()
    grille.lien_a.value, grille.lien_b.value = "Droits", "Emploi"
    grille._ajouter_lien()
    grille._ajouter_lien()
    assert grille.affichage_liens.value == (
        "Liens ajoutés : <b>Emploi – Budget</b> ; <b>Emploi – Droits</b><br>"
        "<span style='color:#a15c00'>Le lien Emploi – Droits est déjà dans la liste.</span>")
    for partenaire in ("CAF", "Mission locale", "CPAM"):
        grille.cases_orientations[partenaire].value = True
    grille.bouton_comparer.click()
    lignes = texte(grille.retour.value)
    assert "Problématiques essentielles repérées : 0 sur 5." in lignes
    assert "Liens clés entre problématiques : 1 sur 4." in lignes
    assert ("Autres liens que vous proposez : Emploi – Droits. Ils ne sont pas faux en soi : dans votre écrit, "
            "appuyez chacun sur un élément précis du cas.") in lignes
    assert "Orientations attendues choisies : 1 sur 3." in lignes
    assert "✅ Mission locale — répond à l'emploi et aux ressources (Emploi, Budget) : il a moins de 26 ans et peut " \
           "signer un contrat d'engagement jeune (CEJ), un accompagnement intensif avec une allocation selon ses " \
           "ressources." in lignes
    assert [ligne for ligne in lignes if ligne.startswith("👍")] == [
        "👍 CPAM — demander la Complémentaire santé solidaire, gratuite avec des ressources aussi faibles, et "
        "choisir un médecin traitant pour la toux."]
    assert [ligne for ligne in lignes if ligne.startswith("✖️")] == [
        "✖️ CAF — le RSA n'est pas ouvert avant 25 ans sans enfant à charge : à préparer pour ses 25 ans, "
        "dans quatre mois."]

    grille.bouton_effacer.click()
    grille.cases_domaines["Addictions"].value = True
    grille.bouton_comparer.click()
    assert ("Vous n'avez relié aucune problématique : un diagnostic multi-factoriel explique comment les "
            "difficultés s'entretiennent les unes les autres.") in texte(grille.retour.value)

    grille.choix_cas.value = "sandrine"  # a new case clears everything
    assert grille.domaines_coches == [] and grille.orientations_cochees == [] and grille.liens == []
    assert grille.retour.value == ""
    assert texte(grille.resume.value)[0] == "Cas B — Sandrine, 34 ans, mère de deux enfants, loyers impayés"
    grille.cases_domaines["Addictions"].value = True
    grille.cases_orientations["PASS"].value = True
    grille.bouton_comparer.click()
    lignes = texte(grille.retour.value)
    assert ("⚠️ Addictions : aucun indice dans la situation. Supposer une addiction sans élément expose à "
            "stigmatiser la personne et à abîmer la relation de confiance.") in lignes
    assert ("✖️ PASS — Sandrine a une couverture santé ; la PASS est pour les personnes sans droits "
            "ouverts.") in lignes


def test_unknown_case_is_named():
    with pytest.raises(ValueError, match="Cas inconnu « marcel ». Cas disponibles : yanis, sandrine, ibrahim."):
        grille_diagnostic("marcel", fichier=FICHIER)


def test_no_case_text_stays_in_the_package():
    source = inspect.getsource(diagnostic)
    contenu = yaml.safe_load(FICHIER.read_text(encoding="utf-8"))
    textes = [contenu["retour"][cle] for cle in contenu["retour"]]
    for cas in contenu["cas"].values():
        textes += [cas["titre"], cas["resume"], *(p["pourquoi"] for p in cas["problematiques"].values()),
                   *(lien["pourquoi"] for lien in cas["liens"]), *cas["orientations_attendues"].values(),
                   *cas.get("orientations_possibles", {}).values(), *cas.get("orientations_inadaptees", {}).values()]
    assert len(textes) > 80
    for phrase in textes:
        assert phrase[:40] not in source, phrase


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CourseError, match="Le fichier « grille_diagnostic.yaml » n'est pas à côté du notebook"):
        grille_diagnostic("yanis", fichier=tmp_path / "grille_diagnostic.yaml")


def test_a_malformed_file_is_named(tmp_path):
    chemin = tmp_path / "grille_diagnostic.yaml"
    chemin.write_text("cas: [yanis\n", encoding="utf-8")
    with pytest.raises(CourseError, match="grille_diagnostic.yaml : fichier illisible"):
        grille_diagnostic(fichier=chemin)

    contenu = yaml.safe_load(FICHIER.read_text(encoding="utf-8"))
    del contenu["cas"]["sandrine"]["titre"]
    chemin.write_text(yaml.safe_dump(contenu, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CourseError) as erreur:
        lire_grille(chemin)
    assert str(erreur.value) == "grille_diagnostic.yaml (rubrique « cas sandrine, titre ») : un texte est attendu."

    contenu = yaml.safe_load(FICHIER.read_text(encoding="utf-8"))
    contenu["cas"]["ibrahim"]["liens"][0]["entre"] = ["Santé", "Logment"]
    chemin.write_text(yaml.safe_dump(contenu, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CourseError) as erreur:
        lire_grille(chemin)
    assert str(erreur.value).startswith(
        "grille_diagnostic.yaml (rubrique « cas ibrahim, liens, lien 1 ») : « Logment » n'est pas dans la liste des "
        "problématiques en haut du fichier (Santé, Emploi, Logement")

    contenu = yaml.safe_load(FICHIER.read_text(encoding="utf-8"))
    contenu["cas"]["yanis"]["problematiques"]["Santé"]["statut"] = "urgente"
    chemin.write_text(yaml.safe_dump(contenu, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CourseError, match=r"grille_diagnostic.yaml \(rubrique « cas yanis, problematiques, Santé »\) : "
                                          "le statut doit être « essentielle » ou « à explorer »."):
        lire_grille(chemin)

    chemin.write_text("- une liste\n- au lieu d'un dictionnaire\n", encoding="utf-8")
    with pytest.raises(CourseError, match="grille_diagnostic.yaml : le contenu doit être un dictionnaire YAML."):
        lire_grille(chemin)
