"""The M1.4 observation checklist: content read from the assignment's YAML file, mechanics in the package."""
from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pytest

from course import CourseError
from course.learner.widgets import observation
from course.learner.widgets.observation import (NON, NON_OBSERVE, OUI, GrilleObservation, grille_observation_espace,
                                                 lire_grille)

REPO = Path(__file__).resolve().parents[1]
DOSSIER = REPO / "assignments" / "m14_note_observation"

BILAN = """\
### Bilan de la grille d'observation de l'espace

| Rubrique | Oui | Non | Non observé |
|---|---|---|---|
| Accès et signalétique | 0 | 1 | 2 |
| Confidentialité | 0 | 2 | 2 |
| Confort de l'attente | 2 | 0 | 2 |
| Accessibilité | 1 | 0 | 3 |
| Numérique | 0 | 0 | 2 |
| Documents et affichage | 0 | 0 | 3 |

**Points à améliorer** (critères constatés absents : à étayer avec les données, puis à reprendre dans vos préconisations) :

- *Accès et signalétique* : Les horaires d'ouverture sont lisibles depuis l'extérieur.
- *Confidentialité* : Les échanges aux guichets ne s'entendent pas depuis les chaises.
- *Confidentialité* : Un bureau fermé est proposé, de façon visible, pour les situations sensibles.

**À vérifier** (critères non observés : une limite de l'observation, à signaler comme telle plutôt qu'à deviner) :

- *Accès et signalétique* : On comprend sans aide où prendre un ticket et où attendre.
- *Accès et signalétique* : L'affichage se comprend sans bien lire le français (pictogrammes, autres langues, facile à lire et à comprendre).
- *Confidentialité* : L'écran de la borne numérique n'est pas visible par les autres personnes.
- *Confidentialité* : L'appel se fait par numéro de ticket, sans prononcer les noms.
- *Confort de l'attente* : Un espace est prévu pour les enfants.
- *Confort de l'attente* : Eau et toilettes sont accessibles sans avoir à les demander.
- *Accessibilité* : Un guichet abaissé permet d'être reçu assis.
- *Accessibilité* : L'appel des tickets est à la fois affiché et annoncé à voix haute.
- *Accessibilité* : Une solution d'interprétariat est prévue (interprétariat par téléphone, par exemple).
- *Numérique* : Une aide humaine est disponible près de la borne numérique.
- *Numérique* : La borne fonctionne, et une solution de repli est prévue en cas de panne.
- *Documents et affichage* : Les documents du présentoir sont à jour.
- *Documents et affichage* : Des documents existent en plusieurs langues ou en version facile à lire.
- *Documents et affichage* : Les permanences des partenaires sont affichées avec leurs jours et horaires."""


def choisir(grille: GrilleObservation, rubrique: str, numero: int, valeur: str) -> None:
    grille.choix[rubrique][numero][1].value = valeur


def test_grille_reads_the_assignment_file_and_summarises_the_choices(monkeypatch, capsys):
    monkeypatch.chdir(DOSSIER)  # the notebook's folder, where the file is released
    widget = grille_observation_espace()
    consigne, rubriques, bouton, sortie = widget.children
    assert consigne.value == (
        "<p>Ouvrez chaque rubrique et répondez pour chaque critère d'après les notes de terrain (celles de la "
        "partie 1, ou les vôtres sur la piste terrain) : <b>oui</b> (constaté), <b>non</b> (constaté absent) ou "
        "<b>non observé</b> (les notes ne permettent pas de le savoir). Cliquez ensuite sur « Faire le bilan ».</p>"
    )
    # One button per section (reached with Tab, pressed with Enter or Space), then its criteria, hidden until opened.
    boutons = [bloc.children[0] for bloc in rubriques.children]
    assert all(isinstance(b, widgets.Button) for b in boutons)
    assert [b.description for b in boutons] == [
        "▸ Ouvrir « Accès et signalétique » (3 critères)", "▸ Ouvrir « Confidentialité » (4 critères)",
        "▸ Ouvrir « Confort de l'attente » (4 critères)", "▸ Ouvrir « Accessibilité » (4 critères)",
        "▸ Ouvrir « Numérique » (2 critères)", "▸ Ouvrir « Documents et affichage » (3 critères)"]
    pages = [bloc.children[1] for bloc in rubriques.children]
    assert [len(page.children) for page in pages] == [3, 4, 4, 4, 2, 3]
    assert {page.layout.display for page in pages} == {"none"}
    boutons[1].click()
    assert boutons[1].description == "▾ Fermer « Confidentialité » (4 critères)"
    assert [page.layout.display for page in pages] == ["none", "", "none", "none", "none", "none"]
    boutons[1].click()
    assert (boutons[1].description, pages[1].layout.display) == ("▸ Ouvrir « Confidentialité » (4 critères)", "none")
    premier = pages[0].children[0]
    assert premier.children[0].value == "<b>Les horaires d'ouverture sont lisibles depuis l'extérieur.</b>"
    # Radio buttons, not ToggleButtons: the answer chosen is announced as checked and shows as a filled dot.
    assert isinstance(premier.children[1], widgets.RadioButtons)
    assert premier.children[1].options == (OUI, NON, NON_OBSERVE) and premier.children[1].value == NON_OBSERVE
    assert isinstance(bouton, widgets.Button) and bouton.description == "Faire le bilan"
    assert isinstance(sortie, widgets.Output)

    grille = GrilleObservation(lire_grille(dossier=DOSSIER))
    assert grille.bilan().count("| 0 | 0 |") == 6  # nothing chosen yet: every criterion « non observé »
    choisir(grille, "Accès et signalétique", 0, NON)
    choisir(grille, "Confidentialité", 0, NON)
    choisir(grille, "Confidentialité", 1, NON)
    choisir(grille, "Confort de l'attente", 0, OUI)
    choisir(grille, "Confort de l'attente", 1, OUI)
    choisir(grille, "Accessibilité", 0, OUI)
    assert grille.bilan() == BILAN
    grille.bouton.click()  # the button's handler, as a click in the notebook calls it
    assert "Markdown" in capsys.readouterr().out  # outside a kernel, display() prints the object


def test_everything_chosen_lists_aucun(monkeypatch):
    grille = GrilleObservation(lire_grille(dossier=DOSSIER))
    for criteres in grille.choix.values():
        for _, boutons in criteres:
            boutons.value = OUI
    bilan = grille.bilan()
    assert bilan.count("- aucun") == 2
    assert "| Numérique | 2 | 0 | 0 |" in bilan


def test_no_content_left_in_the_package():
    source = Path(observation.__file__).read_text(encoding="utf-8")
    for phrase in ("Les horaires d'ouverture", "bureau fermé", "Points à améliorer", "notes de terrain",
                   "Bilan de la grille", "Confort de l'attente"):
        assert phrase not in source


def test_missing_file_names_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CourseError, match="« grille_observation.yaml » n'est pas à côté du notebook"):
        grille_observation_espace()


@pytest.mark.parametrize("texte, probleme", [
    ("consigne: [\n", "grille_observation.yaml : fichier illisible"),
    ("- une liste\n", "grille_observation.yaml : le contenu doit être un dictionnaire YAML"),
    ("consigne: Cochez.\nrubriques: []\n", "la clé « bilan » doit contenir"),
    ("consigne: Cochez.\nbilan: {titre: Bilan, points_a_ameliorer: À améliorer, a_verifier: À vérifier}\n"
     "rubriques:\n  - nom: Confort\n    criteres: []\n",
     "la rubrique « Confort » doit avoir une liste « criteres » non vide"),
    ("consigne: Cochez.\nbilan: {titre: Bilan, points_a_ameliorer: À améliorer}\nrubriques: []\n",
     "dans « bilan », la clé « a_verifier » doit contenir un texte"),
])
def test_malformed_file_gives_a_french_error_naming_it(tmp_path, monkeypatch, texte, probleme):
    (tmp_path / "grille_observation.yaml").write_text(texte, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CourseError) as erreur:
        grille_observation_espace()
    assert "grille_observation.yaml" in str(erreur.value) and probleme in str(erreur.value)


# ---------------------------------------------------------------------------------------------
# The codebook of the « piste terrain » (dictionnaire_observation.yaml, released beside the notebook)
# ---------------------------------------------------------------------------------------------
def test_the_terrain_codebook_matches_the_course_dataset():
    """The analysis cells of partie 5 run on either track: the codebook's columns exist in the course dataset,
    and the fictional week itself passes the codebook's checks (categories, ranges)."""
    from course import data
    from course.catalogue import load_catalogue
    from course.learner.terrain import lire_dictionnaire, valider_terrain

    dico = lire_dictionnaire("dictionnaire_observation.yaml", DOSSIER)
    semaine = data.load("observation_salle_attente")
    assert [nom for nom in dico.noms if nom not in semaine.columns] == []
    assert valider_terrain(semaine[dico.noms], dico, fichier="observation_salle_attente") == []
    devoir = load_catalogue().assignment("m14_note_observation")
    assert devoir.terrain.dictionnaire == "dictionnaire_observation.yaml"
    assert devoir.terrain.dictionnaire in devoir.files


def test_a_learners_observation_runs_through_the_same_analysis(tmp_path, monkeypatch):
    """A short fieldwork file without a waiting-time screen or a kiosk loads, with the optional columns empty."""
    from course.learner.terrain import charger_piste

    (tmp_path / "dictionnaire_observation.yaml").write_bytes((DOSSIER / "dictionnaire_observation.yaml").read_bytes())
    entete = ("jour,creneau,nb_agents_accueil,nb_personnes_attente,nb_enfants,nb_personnes_debout,attente_moy_min,"
              "nb_arrivees,nb_personnes_recues,nb_departs_sans_etre_recu,nb_utilisations_borne,nb_aides_borne,"
              "nb_echanges_autre_langue,conversations_entendues,bruit,tension_observee,documents_pris")
    (tmp_path / "mes_observations.csv").write_text(
        f"{entete}\nmardi,9:00,2,3,0,0,,2,1,,,,,0,calme,0,\nmardi,09:15,1,7,2,1,,1,1,1,,,,2,bruyant,1,\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    obs = charger_piste("terrain", "observation_salle_attente", "mes_observations.csv", "dictionnaire_observation.yaml")
    obs["heure"] = obs["creneau"].str[:2].astype(int)
    assert obs["heure"].tolist() == [9, 9]
    assert obs.groupby("jour", sort=False)["nb_personnes_attente"].mean().to_dict() == {"mardi": 5.0}
    assert (obs["conversations_entendues"] > 0).sum() == 1
    assert obs["nb_utilisations_borne"].sum() == 0 and obs["attente_moy_min"].isna().all()
