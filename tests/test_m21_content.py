"""M2.1's content: released files, no graded reading in them, figures of the mark schemes, both tracks.

The cartography assignment (assignments/m21_cartographie_dispositifs) releases two YAML files beside its
notebook: the PRACTICE situations of « Tester mon répertoire » (with their expected reading) and the codebook
of the learner's own communes. These tests read them as the notebook does, and check what no other check sees:
the graded situations of M2.1-D appear in no released file, widget or learner text; the practice situations
name structures and communes exactly as the course data do; the model répertoire answers them; the figures
the mark schemes quote by hand (devoir.yaml, which Jinja does not render) are those of the data; and the
terrain cell of part 5 runs the same map and tables on a planted own-territory CSV.
"""
from __future__ import annotations

import contextlib
import importlib.util
import io
import math
import re
import shutil
from pathlib import Path

import matplotlib
import nbformat
import pandas as pd
import pytest
import yaml

from course import data
from course.learner import repertoire, terrain
from course.learner.repertoire import (CHAMPS, MARQUEURS_CHAMPS, comparer_orientations, couches_carte, decrire_carte,
                                       exporter_repertoire, fond_de_carte, lire_situations, retour_orientations,
                                       verifier_repertoire)
from course.learner.widgets import tester_repertoire

REPO = Path(__file__).resolve().parents[1]
ID = "m21_cartographie_dispositifs"
DOSSIER = REPO / "assignments" / ID
NOTEBOOK = DOSSIER / "cartographie_dispositifs.md"
RELEASE = REPO / "release" / ID
EPCI = "CC des Hauts-de-Lisère"
GRADED_NAMES = ("Bernard", "Odette", "René", "Anaïs")
# Words of the graded situations and of their expected reading that no practice material may hold.
GRADED_WORDS = ("chauffeur-livreur", "trop-perçu", "jardinier paysagiste", "L6222-18-2", "L5212-13",
                "notification de RQTH", "six mois après la rupture", "étalement ou une remise")


def fr(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def milliers(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def one_line(texte: str) -> str:
    return " ".join(texte.split())


@pytest.fixture(scope="module")
def devoir() -> dict:
    return yaml.safe_load((DOSSIER / "devoir.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def attendus() -> dict:
    spec = importlib.util.spec_from_file_location("m21_attendus", DOSSIER / "attendus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.attendus()


@pytest.fixture(scope="module")
def territoire():
    communes, structures, _ = repertoire.charger_territoire()
    return communes, structures


@pytest.fixture(scope="module")
def situations():
    return lire_situations("situations_entrainement.yaml", DOSSIER)


def bareme(devoir: dict, critere: str) -> str:
    return one_line(next(c for c in devoir["rubric"] if c["id"] == critere)["mark_scheme"])


def code_cells() -> list[str]:
    """The notebook's code cells, their option block removed, as the kernel runs them."""
    cellules = re.findall(r"```\{code-cell\}\n(.*?)\n```", NOTEBOOK.read_text(encoding="utf-8"), re.S)
    return [re.sub(r"\A---\n.*?\n---\n", "", c, flags=re.S) for c in cellules]


def cell_starting(debut: str) -> str:
    [cellule] = [c for c in code_cells() if c.startswith(debut)]
    return cellule


# ---------------------------------------------------------------------------------------------
# What is released
# ---------------------------------------------------------------------------------------------
def test_the_released_files_are_the_practice_situations_and_the_codebook(devoir):
    assert devoir["files"] == ["situations_entrainement.yaml", "dictionnaire_communes.yaml"]
    assert devoir["terrain"] == {"dictionnaire": "dictionnaire_communes.yaml", "fichier": "terrain/communes.csv"}
    assert devoir["learner_files"] == ["mon_repertoire.csv", "terrain/*.csv"]
    assert sorted(p.name for p in RELEASE.iterdir()) == ["cartographie_dispositifs.ipynb",
                                                         "dictionnaire_communes.yaml", "situations_entrainement.yaml"]
    for nom in devoir["files"]:
        assert (RELEASE / nom).read_bytes() == (DOSSIER / nom).read_bytes(), nom
    production = next(c for c in devoir["rubric"] if c["kind"] == "production")["production"]
    assert (production["fichier"], production["minimum"]) == ("mon_repertoire.csv", 25)
    assert production["colonnes"] == repertoire.colonnes_repertoire()


def test_no_released_file_or_widget_holds_a_graded_situation(devoir):
    publics = {nom: (DOSSIER / nom).read_text(encoding="utf-8") for nom in devoir["files"]}
    publics["widget"] = Path(tester_repertoire.__file__).read_text(encoding="utf-8")
    publics["repertoire.py"] = Path(repertoire.__file__).read_text(encoding="utf-8")
    for nom, texte in publics.items():
        for mot in (*GRADED_NAMES, *GRADED_WORDS):
            assert mot not in texte, f"« {mot} » dans {nom}"
    # The graded situations are in the consigne of M2.1-D (the learner writes about them), never their reading.
    apprenant = "\n".join(c.source for c in nbformat.read(RELEASE / "cartographie_dispositifs.ipynb", 4).cells)
    assert all(nom in apprenant for nom in GRADED_NAMES)
    for mot in GRADED_WORDS[3:]:
        assert mot not in apprenant, mot
    for critere in ("M2.1-B", "M2.1-C", "M2.1-D"):
        assert bareme(devoir, critere)[:80] not in one_line(apprenant)


def test_the_practice_situations_are_not_the_graded_ones(situations, devoir):
    assert list(situations.situations) == ["jade", "dimitri", "lucien"]
    assert [s.titre.split(",")[0] for s in situations.situations.values()] == ["Jade", "Dimitri", "Lucien"]
    consigne_d = next(c for c in devoir["rubric"] if c["id"] == "M2.1-D")["consigne"]
    assert all(f"**{nom}" in consigne_d for nom in ("Bernard", "Odette et René", "Anaïs"))
    assert "Jade,\n      Dimitri et Lucien" in consigne_d or "Jade, Dimitri et Lucien" in one_line(consigne_d)
    # the graded people live elsewhere than the practice ones
    assert {s.commune for s in situations.situations.values()} == {"Aubrelon", "Calvignès", "Estrabols"}
    assert not {"Lestrac-sur-Lisère", "Vialarès", "Roquemirel"} & {s.commune for s in situations.situations.values()}


# ---------------------------------------------------------------------------------------------
# The practice situations against the course data
# ---------------------------------------------------------------------------------------------
def test_every_structure_and_commune_of_the_situations_exists_in_the_course_data(situations, territoire):
    communes, structures = territoire
    noms = set(structures["structure"])
    for situation in situations.situations.values():
        cites = [n for a in situation.attendues for n in a.structures] + [*situation.possibles, *situation.a_eviter]
        assert [n for n in cites if n not in noms] == [], situation.cle
        assert situation.commune in set(communes["commune"])


def test_what_the_practice_readings_say_about_the_territory_holds(territoire):
    communes, structures = territoire
    par_commune = communes.set_index("commune")
    assert set(par_commune.loc[["Aubrelon", "Calvignès"], "desserte"]) == {"transport à la demande"}
    assert par_commune.loc["Estrabols", "desserte"] == "aucune"
    distance = lambda a, b: math.dist(par_commune.loc[a, ["x_km", "y_km"]], par_commune.loc[b, ["x_km", "y_km"]])
    assert round(distance("Calvignès", "Brugalès")) == 4  # « l'agence de Brugalès … est à 4 km de chez lui »
    assert round(distance("Estrabols", "Brugalès")) == 14  # « à Brugalès, à 14 km d'Estrabols »
    fiche = structures.set_index("id_structure")
    assert (fiche.loc["S40", "commune"], fiche.loc["S40", "jours_horaires"][:13]) == ("Estrabols", "mardi, 9 h-12")
    assert fiche.loc["S23", "jours_horaires"].startswith("réservation la veille avant 17 h")
    assert fiche.loc["S26", "jours_horaires"].startswith("réservation 48 h à l'avance")
    assert fiche.loc["S04", "jours_horaires"].startswith("mardi et jeudi")
    assert fiche.loc["S47", "jours_horaires"].startswith("lundi, 14 h-17 h")
    assert "portage de repas" in fiche.loc["S36", "publics"]


@pytest.fixture(scope="module")
def mon_repertoire(territoire, tmp_path_factory):
    """The model répertoire: the production cell of the notebook, run as the learner's kernel would."""
    _, structures = territoire
    dossier = tmp_path_factory.mktemp("production")
    espace = {"pd": pd, "structures": structures, "MOIS_DU_CAS": "2026-03", "verifier_repertoire": verifier_repertoire,
              "exporter_repertoire": exporter_repertoire}
    with contextlib.chdir(dossier), contextlib.redirect_stdout(io.StringIO()) as sortie:
        exec(cell_starting("# Votre répertoire"), espace)
    assert sortie.getvalue().splitlines() == ["39 lieux d'accueil dans 9 champs ; 0 problème(s) à corriger",
                                              "Répertoire enregistré dans mon_repertoire.csv."]
    return pd.read_csv(dossier / "mon_repertoire.csv", dtype=str, keep_default_na=False)


def test_the_model_repertoire_meets_the_acquis_level(mon_repertoire, territoire):
    _, structures = territoire
    assert list(mon_repertoire.columns) == repertoire.colonnes_repertoire()
    assert verifier_repertoire(mon_repertoire, aujourd_hui="2026-03") == []
    assert {"emploi", "formation", "mobilité", "santé", "droits/budget"} <= set(mon_repertoire["champ"])
    noms = set(mon_repertoire["structure"])
    assert "École de la deuxième chance de l'Aurelle" not in noms  # not verified in March 2026: left out
    par_nom = mon_repertoire.set_index("structure")
    assert par_nom.loc["Mission locale de l'Aurelle, permanence de Brugalès", "jours_horaires"].startswith(
        "2e mercredi du mois")
    assert "pas de nouveaux patients" in par_nom.loc["Maison de santé pluriprofessionnelle de Lestrac-sur-Lisère",
                                                     "publics"]
    # every Hauts-de-Lisère line of the répertoire is a structure of the course, with its commune
    cles = set(zip(structures["structure"], structures["commune"]))
    assert all((s, c) in cles for s, c in zip(mon_repertoire["structure"], mon_repertoire["commune"]))


def test_the_model_repertoire_answers_every_practice_situation(mon_repertoire, situations, territoire):
    communes, _ = territoire
    for situation in situations.situations.values():
        choix = [next(n for n in a.structures if n in set(mon_repertoire["structure"])) for a in situation.attendues]
        comparaison = comparer_orientations(choix, situation, mon_repertoire)
        assert retour_orientations(comparaison)[0] == f"Besoins couverts : {len(choix)} sur {len(choix)}."
    # and through the widget, as the learner does it, on Lucien
    outil = tester_repertoire.TesterRepertoire(mon_repertoire, dossier=DOSSIER, communes=communes)
    outil.choix_situation.value = "lucien"
    assert outil.commune.value == "Estrabols"
    for champ in ("droits/budget", "santé", "mobilité"):
        outil.champs[champ].value = True
    outil.bouton_chercher.click()
    premiere = outil.liste.children[0].children[0].description
    assert premiere == "France Services itinérante des Hauts-de-Lisère (Estrabols, à 0,0 km)"
    for nom in ("France Services itinérante des Hauts-de-Lisère", "Service d'aide à domicile du CIAS des "
                "Hauts-de-Lisère", "Covoiturage solidaire Roule en Lisère"):
        outil.cases[nom].value = True
    outil.bouton_comparer.click()
    assert "Besoins couverts : 3 sur 3." in outil.retour.value


# ---------------------------------------------------------------------------------------------
# The figures the mark schemes and the model answers quote
# ---------------------------------------------------------------------------------------------
def test_the_coverage_mark_scheme_quotes_the_figures_of_the_data(devoir, attendus):
    texte = bareme(devoir, "M2.1-C").replace("\u00a0", " ")
    a = attendus
    assert f"{a['nb_communes_cc']} communes, {milliers(a['population_cc'])} habitants" in texte
    assert f"{a['nb_structures_cc']} lieux d'accueil dans {a['nb_communes_avec_structure']} communes seulement" in texte
    assert (f"{a['nb_communes_sans_structure']} communes sans aucune structure ({fr(a['part_pop_sans_structure'])} % "
            "des habitants)") in texte
    assert (f"{a['nb_communes_loin']} communes à plus de 20 minutes en voiture de la France Services "
            f"({fr(a['part_pop_loin'])} % des habitants), dont {a['nb_loin_sans_transport']} sans transport "
            "collectif") in texte
    assert a["temps_max"] <= 30 and "toutes à 30 minutes au plus en voiture" in texte
    oui = a["aboutie_oui"]
    assert (f"Orientations abouties : {fr(oui['ligne'])} % (ligne), {fr(oui['transport à la demande'])} % (transport "
            f"à la demande), {fr(oui['aucune'])} % (aucune)") in texte
    pour_1000 = a["pour_1000"]
    assert (f"plus basses dans les communes au transport à la demande ({fr(pour_1000['transport à la demande'])}) que "
            f"sans transport ({fr(pour_1000['aucune'])})") in texte
    assert pour_1000["transport à la demande"] < pour_1000["aucune"] < pour_1000["ligne"]


def test_the_repertoire_mark_scheme_names_the_lines_to_check_again_in_march_2026(devoir, territoire):
    _, structures = territoire
    anciennes = structures[structures["verifie_le"] < "2025-03"]  # more than 12 months before March 2026
    assert list(anciennes["id_structure"]) == ["S04", "S05", "S09", "S10", "S19", "S21", "S27", "S33", "S38", "S39"]
    texte = bareme(devoir, "M2.1-B")
    for ligne in ("S04", "S05", "S09", "S19", "S21", "S27", "S33"):
        assert ligne in texte
        assert f"| {ligne} — " in NOTEBOOK.read_text(encoding="utf-8")  # in the notebook's table of calls
    autres = anciennes[anciennes["id_structure"].isin(["S10", "S38", "S39"])]
    assert set(autres["epci"]) == {"CA du Grand Corvalès"}  # « des structures du Grand Corvalès »
    # the structures the mark scheme's conditions of access name are as the data say
    fiche = structures.set_index("id_structure")
    assert fiche.loc["S04", "publics"].startswith("jeunes de 16 à 25 ans révolus")
    assert fiche.loc["S04", "conditions_acces"] == "libre"
    assert "bénéficiaires de l'obligation d'emploi" in fiche.loc["S07", "publics"]
    assert fiche.loc["S07", "conditions_acces"] == "sur orientation"


def test_what_the_graded_readings_say_about_the_territory_holds(devoir, territoire):
    communes, structures = territoire
    texte = bareme(devoir, "M2.1-D")
    fiche = structures.set_index("id_structure")
    faits = {  # words of the mark scheme → what the data say
        "permanence à la France Services le 2e lundi du mois": fiche.loc["S07", "jours_horaires"][:8] == "2e lundi",
        "permanence les 1er et 3e jeudis": fiche.loc["S02", "jours_horaires"].startswith("1er et 3e jeudis"),
        "garage solidaire de Fontmaury": fiche.loc["S22", "commune"] == "Fontmaury",
        "permanence à la France Services le lundi après-midi, ou agence de Brugalès sur rendez-vous": (
            fiche.loc["S47", "jours_horaires"].startswith("lundi, 14 h") and fiche.loc["S46", "modalite"] == "sur RDV"),
        "Point conseil budget (permanence le 1er mercredi du mois)": fiche.loc["S57", "jours_horaires"].startswith(
            "1er mercredi"),
        "covoiturage solidaire (réservation 48 h à l'avance)": "48 h" in fiche.loc["S26", "jours_horaires"],
        "antenne de Lestrac-sur-Lisère mardi et jeudi": fiche.loc["S04", "jours_horaires"].startswith("mardi et jeudi"),
        "Le CFA agricole de Brugalès": fiche.loc["S20", "commune"] == "Brugalès",
    }
    for mots, vrai in faits.items():
        assert mots in texte and vrai, mots
    desserte = communes.set_index("commune")["desserte"]
    assert desserte["Lestrac-sur-Lisère"] == "ligne"  # Bernard: « il vit au bourg-centre (ligne de bus) »
    assert desserte["Vialarès"] == desserte["Roquemirel"] == "aucune"
    assert "Vialarès n'a pas de transport à la demande" in texte and "Roquemirel n'a aucun transport collectif" in texte


def test_what_the_model_answer_states_about_the_data_holds(attendus, territoire):
    communes, _ = territoire
    cc = communes[communes["epci"] == EPCI].set_index("commune")
    loin_sans_transport = set(cc[(cc["temps_acces_fs_min"] > 20) & (cc["desserte"] == "aucune")].index)
    texte = NOTEBOOK.read_text(encoding="utf-8")
    nommees = ["Combelongue-sur-Lisère", "Vialarès", "Castelvérine", "Roquemirel", "Fenayrolles", "Estrabols"]
    assert all(f"{c}" in texte for c in nommees) and set(nommees) <= loin_sans_transport
    # « La France Services itinérante s'arrête dans quatre d'entre elles »
    assert {"Estrabols", "Cros-de-Lisère", "Combelongue-sur-Lisère", "Castelvérine"} <= loin_sans_transport
    # Part 1 names the three largest communes, and the range of the others
    populations = cc["population"].sort_values(ascending=False)
    assert list(populations.index[:3]) == ["Lestrac-sur-Lisère", "Roquemirel", "Brugalès"]
    assert (attendus["pop_min_autres"], attendus["pop_max_autres"]) == (141, "1\u00a0268")
    assert attendus["part_ville"] > 50  # « Plus de la moitié des orientations … mènent à Corvalès »
    assert attendus["champ_max"] == "droits/budget" and attendus["nb_champ_max"] == 14


def test_the_data_card_quotes_the_figures_of_the_data():
    carte = data.card_path("orientations_france_services").read_text(encoding="utf-8")
    orientations = data.load("orientations_france_services")
    lieux = orientations["lieu_accueil"].value_counts()
    abouties = int((orientations["aboutie"] == "oui").sum())
    assert (lieux["Lestrac-sur-Lisère"], lieux["France Services itinérante"], abouties) == (570, 330, 677)
    assert f"**{len(orientations)} lignes et {orientations.shape[1]} colonnes**" in carte
    assert f"{abouties} ont abouti ({fr(100 * abouties / len(orientations))} %)" in carte
    taux = (pd.crosstab(orientations["desserte"], orientations["aboutie"], normalize="index") * 100)["oui"]
    assert (f"{fr(taux['ligne'])} % depuis les communes desservies par une ligne, {fr(taux['transport à la demande'])} "
            f"% avec le transport à la demande, {fr(taux['aucune'])} % sans transport collectif") in carte
    ages = pd.crosstab(orientations["desserte"], orientations["tranche_age"], normalize="index")["75 ans ou plus"] * 100
    assert f"({fr(ages['aucune'])} % contre 11 à 12 % ailleurs)" in carte
    assert 11 <= ages["ligne"] < 12 and 11 <= ages["transport à la demande"] < 12
    fixes = orientations[orientations["lieu_accueil"] == "Lestrac-sur-Lisère"]["structure_orientee"].value_counts()
    assert (fixes["CAF de l'Aurelle, accueil de Corvalès"], fixes["CPAM de l'Aurelle, accueil de Corvalès"],
            fixes["Centre des finances publiques de Corvalès"]) == (91, 91, 86)
    assert "vers la CAF : 91, vers la CPAM : 91, vers les finances publiques : 86" in carte


# ---------------------------------------------------------------------------------------------
# The notebook: structure, map question, terrain track
# ---------------------------------------------------------------------------------------------
def test_the_learner_notebook_shows_the_course_rule_and_ends_with_the_self_check():
    cellules = nbformat.read(RELEASE / "cartographie_dispositifs.ipynb", 4).cells
    regle = yaml.safe_load((REPO / "course" / "learner" / "regle_anonymisation.yaml").read_text(encoding="utf-8"))
    texte = "\n".join(c.source for c in cellules)
    assert texte.count(f"## {regle['titre']}") == 1
    assert all(element in texte for element in regle["directe"]["elements"])
    assert cellules[-1].source == ('from course.learner import verifier_ma_copie\n\n'
                                   'verifier_ma_copie("cartographie_dispositifs.ipynb")')


def test_the_instructions_minutes_add_up_to_the_duration(devoir):
    consignes = devoir["instructions"]
    minutes = [int(m) for m in re.findall(r"environ (\d+) minutes", consignes)]
    heures = [60 + int(m) for m in re.findall(r"environ 1 h (\d+)\)", consignes)]
    assert minutes == [10, 35, 30] and heures == [75, 90]
    assert sum(minutes + heures) == devoir["duration_minutes"] == 240


def test_the_map_question_tests_layers_legend_title_and_points():
    test = cell_starting("from course.learner.repertoire import couches_carte")
    for attendu in ("titre(ax)", "ax.get_legend() is not None", "couches[champ].n", "marker=\\\"*\\\"",
                    "couches[champ].marqueur"):
        assert attendu in test, attendu


def test_the_terrain_cell_runs_the_same_map_and_tables_on_a_planted_territory(tmp_path):
    """Part 5 on a learner's own files: five communes around the structure, a small répertoire."""
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shutil.copy(DOSSIER / "dictionnaire_communes.yaml", tmp_path)
    (tmp_path / "terrain").mkdir()
    (tmp_path / "terrain" / "communes.csv").write_text(
        "commune,population,distance_km,direction,desserte,temps_acces_fs_min\n"
        "Villeneuve,5200,0,N,ligne,4\n"
        "Bourg-Haut,1300,12,NE,transport à la demande,18\n"
        "Les Combes,400,22,SO,aucune,29\n"
        "Saint-Aulin,900,16,E,aucune,24\n"
        "Pradelles,200,9,O,aucune,\n", encoding="utf-8")
    lignes = [
        ("Mission locale, antenne de Villeneuve", "emploi", "Villeneuve"),
        ("France Travail, agence de Villeneuve", "emploi", "Villeneuve"),
        ("Centre social de Bourg-Haut", "famille/enfance", "Bourg-Haut"),
        ("Transport solidaire du canton", "mobilité", "Saint-Aulin"),
        ("CAF, permanence de la mairie", "droits/budget", "Commune voisine"),  # a commune the file lacks
    ]
    repertoire_csv = pd.DataFrame([{
        "structure": s, "type": "type", "champ": c, "publics": "tout public", "conditions_acces": "libre",
        "modalite": "sur RDV", "commune": commune, "jours_horaires": "lundi, 9 h-12 h",
        "relation_a_ma_structure": "partenaire opérationnel", "contact_fonction": "accueil",
        "source": "site internet de la structure", "verifie_le": "2026-03"} for s, c, commune in lignes])
    repertoire_csv.to_csv(tmp_path / "terrain" / "repertoire.csv", index=False)

    affiches = []
    espace = {"pd": pd, "plt": plt, "Path": Path, "MARQUEURS_CHAMPS": MARQUEURS_CHAMPS, "decrire_carte": decrire_carte,
              "fond_de_carte": fond_de_carte, "verifier_repertoire": verifier_repertoire, "display": affiches.append}
    with contextlib.chdir(tmp_path), contextlib.redirect_stdout(io.StringIO()) as sortie:
        exec(cell_starting("from course.learner.repertoire import ajouter_positions"), espace)
    texte = sortie.getvalue().replace("\u00a0", " ")
    assert "Pas sur la carte, car leur commune manque dans terrain/communes.csv : CAF, permanence de la mairie" in texte
    assert ("Carte « Les lieux d'accueil de mon territoire, par champ » : 5 points en 4 couches — emploi : 2 (ronds) ; "
            "mobilité : 1 (triangle pointe en bas) ; famille/enfance : 1 (pentagone) ; Ma structure : 1 "
            "(étoile).") in texte
    assert "Carte schématique de 5 communes (8 000 habitants)" in texte
    # 2 communes beyond 20 minutes (Pradelles, time unknown, is not counted): 1 300 of 8 000 inhabitants
    assert "2 communes à plus de 20 minutes d'une France Services, où vivent 16.2 % des habitants" in texte
    couches = {c.etiquette: c for c in couches_carte(espace["ax_terrain"])}
    assert couches["mobilité"].positions == ((16.0, 0.0),)  # Saint-Aulin, 16 km east of the structure
    assert [c for c in CHAMPS if couches[c].n] == ["emploi", "mobilité", "famille/enfance"]
    [par_champ] = affiches  # the table of question 1, on the learner's répertoire
    assert par_champ.to_dict() == {"emploi": 2, "famille/enfance": 1, "mobilité": 1, "droits/budget": 1}
    plt.close("all")
    # and the codebook the self-check applies on the terrain track accepts the planted file
    dico = terrain.lire_dictionnaire("dictionnaire_communes.yaml", tmp_path)
    assert terrain.valider_terrain(tmp_path / "terrain" / "communes.csv", dico) == []
