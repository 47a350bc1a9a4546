"""La vérification « avant de rendre » : analyse d'un écrit et rapport sur un notebook enregistré."""
from __future__ import annotations

import html
from pathlib import Path

import nbformat
import nbformat.v4 as nbf
import pytest
from nbgrader.preprocessors import ClearSolutions
from traitlets.config import Config

from course.authoring.build import KERNELSPEC, render_prompt, render_written_answer
from course.authoring.cells import answer, nbgrader_meta, tests as cellule_de_test
from course.learner import verifier_ma_copie
from course.learner.anonymisation import regle_anonymisation
from course.learner.selfcheck import STUB_TEXTE, AnalyseReponse, analyser_reponse, compter_mots
from course.rubric import Criterion

PARTIES = ["Situation", "Hypothèses"]
STUB = STUB_TEXTE

SITUATION = (
    "Madame K., quarante-deux ans, vit seule avec ses deux enfants depuis sa séparation ; "
    "elle a perdu son emploi de préparatrice de commandes en janvier."
)  # 24 mots
HYPOTHESES = (
    "La perte d'emploi et l'isolement se renforcent : un accompagnement global avec France Travail "
    "et la CAF peut l'aider à reprendre pied."
)  # 21 mots


def reponse(situation: str = SITUATION, hypotheses: str = HYPOTHESES) -> str:
    return f"#### Situation\n{situation}\n\n#### Hypothèses\n{hypotheses}"


# --- analyser_reponse --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("L'accueil de Mme K. a eu lieu le 3 mars 2024 ; elle est arrivée à 9 h 30.", 18),
        ("Aujourd'hui, peut-être : 12,5 % des ménages… (voir plus haut) !", 8),
        ("#### Situation\nElle est venue.\n<!-- BEGIN SOLUTION -->\n#### Hypothèses\n" + STUB, 3),
        ("1. Ouvrir les droits.\n2) Orienter vers la PMI.\n- Suivre", 8),
        ("**Important** : « l'accueil » — c'est tout.", 4),
        (STUB, 0),
        ("", 0),
    ],
)
def test_nombre_de_mots(texte, attendu):
    assert analyser_reponse(texte, (1, 100), PARTIES).nb_mots == attendu


def test_compter_mots_ignore_commentaires_et_texte_a_remplacer():
    assert compter_mots("<!-- note du formateur -->Deux mots _Écrivez votre réponse ici._") == 2
    assert compter_mots(SITUATION) == 24
    assert compter_mots(HYPOTHESES) == 21


def test_reponse_complete():
    analyse = analyser_reponse(reponse(), (40, 80), PARTIES)
    assert analyse == AnalyseReponse(
        nb_mots=45,
        mots_attendus=(40, 80),
        parties_presentes=["Situation", "Hypothèses"],
        parties_manquantes=[],
        donnees_personnelles=[],
    )
    assert analyse.problemes == []
    assert analyse.ok


def test_trop_peu_et_trop_de_mots():
    assert analyser_reponse(reponse(), [180, 250], PARTIES).problemes == [
        "45 mots : c'est moins que les 180 mots attendus."
    ]
    assert analyser_reponse(reponse(), (20, 40), PARTIES).problemes == [
        "45 mots : c'est plus que les 40 mots attendus au maximum."
    ]


def test_reponse_pas_encore_redigee():
    texte = f"#### Situation\n{STUB}\n\n#### Hypothèses\n{STUB}"
    analyse = analyser_reponse(texte, (40, 80), PARTIES)
    assert analyse.nb_mots == 0
    assert analyse.parties_manquantes == PARTIES
    assert analyse.problemes == [
        "Réponse pas encore rédigée : remplacez le texte en italique par votre réponse (entre 40 et 80 mots)."
    ]


def test_partie_encore_au_texte_a_remplacer():
    analyse = analyser_reponse(reponse(hypotheses=STUB), (20, 80), PARTIES)
    assert analyse.nb_mots == 24
    assert analyse.parties_presentes == ["Situation"]
    assert analyse.problemes == ["Partie manquante ou vide : “Hypothèses”."]


def test_partie_trop_courte_ou_titre_absent():
    courte = analyser_reponse(reponse(hypotheses="Isolement et perte d'emploi."), (10, 80), PARTIES)
    assert courte.nb_mots == 28
    assert courte.parties_manquantes == ["Hypothèses"]
    sans_titre = analyser_reponse(f"#### Situation\n{SITUATION}\n{HYPOTHESES}", (10, 80), PARTIES)
    assert sans_titre.nb_mots == 45
    assert sans_titre.problemes == ["Partie manquante ou vide : “Hypothèses”."]


@pytest.mark.parametrize(
    "titre",
    [
        "### Hypothèses",
        "####   HYPOTHÈSES  :",
        "#### hypotheses",
        "**Hypothèses**",
        "**Hypothèses :**",
        "## 2. Hypothèses",
    ],
)
def test_variantes_de_titre(titre):
    texte = f"#### Situation\n{SITUATION}\n\n{titre}\n{HYPOTHESES}"
    analyse = analyser_reponse(texte, (40, 80), PARTIES)
    assert analyse.parties_manquantes == []
    assert analyse.nb_mots == 45


def test_titre_en_gras_suivi_du_texte_sur_la_meme_ligne():
    texte = f"**Situation :** {SITUATION}\n\n**Hypothèses** : {HYPOTHESES}"
    analyse = analyser_reponse(texte, (40, 80), PARTIES)
    assert analyse.parties_presentes == PARTIES
    assert analyse.nb_mots == 45


def test_un_autre_titre_compte_comme_du_texte():
    texte = f"#### Situation\n{SITUATION}\n\n#### Mes idées\n{HYPOTHESES}"
    analyse = analyser_reponse(texte, (40, 80), PARTIES)
    assert analyse.nb_mots == 47
    assert analyse.parties_manquantes == ["Hypothèses"]


def test_donnees_personnelles_dans_un_ecrit():
    texte = reponse(situation=SITUATION + " Son portable : 06 12 34 56 78. Mme Dupont l'héberge.")
    analyse = analyser_reponse(texte, (40, 80), PARTIES)
    assert [d.categorie for d in analyse.donnees_personnelles] == ["téléphone", "nom complet"]
    assert analyse.problemes == [
        "Donnée personnelle à retirer (téléphone) : “06 12 34 56 78”.",
        "Donnée personnelle à retirer (nom complet) : “Mme Dupont”.",
    ]


def test_employeur_nomme_a_verifier_sans_bloquer():
    analyse = analyser_reponse(reponse(situation=SITUATION + " Elle travaillait chez Carrefour."), (40, 80), PARTIES)
    assert analyse.donnees_personnelles == []
    assert [(d.categorie, d.extrait, d.niveau) for d in analyse.a_verifier] == [
        ("employeur nommé", "Carrefour", "à vérifier")
    ]
    assert analyse.problemes == []
    assert analyse.avertissements == ["À vérifier (identification indirecte) : employeur nommé “Carrefour”."]
    assert analyse.ok


def test_date_de_naissance_a_retirer():
    analyse = analyser_reponse(reponse(situation=SITUATION + " Elle est née le 3 mars 1982."), (40, 80), PARTIES)
    assert analyse.problemes == ["Donnée personnelle à retirer (date de naissance) : “née le 3 mars 1982”."]
    assert analyse.avertissements == []
    assert not analyse.ok


# --- verifier_ma_copie -------------------------------------------------------------------------

LEVELS = {
    "non_acquis": "Rien d'observable.",
    "en_cours": "Quelques éléments observables.",
    "acquis": "L'essentiel est observable.",
    "maitrise": "Tout est observable et argumenté.",
}
CRITERE = Criterion.model_validate(
    {
        "id": "M1.3-B",
        "label": "Analyse de la situation",
        "kind": "ecrit",
        "competences": ["C1.1"],
        "points": 8,
        "grade_ids": ["ecrit_analyse"],
        "levels": LEVELS,
        "consigne": "Analysez la situation de Madame K.",
        "writing": {"words": [40, 80], "parts": PARTIES},
    }
)
CONFIG = Config()
CONFIG.ClearSolutions.code_stub = {
    "python": "# ÉCRIVEZ VOTRE CODE ICI, puis supprimez la ligne suivante\n"
    'raise NotImplementedError("Cette cellule est à compléter")'
}
CONFIG.ClearSolutions.text_stub = STUB


def notebook_apprenant() -> nbformat.NotebookNode:
    """Le notebook tel que la personne le reçoit : solutions remplacées par le texte à compléter."""
    cells = [
        nbf.new_markdown_cell("# Devoir"),
        answer("a1", "x = 2 + 2"),
        cellule_de_test("t1", 2, "assert x == 4"),
        answer("a2", "y = x * 10", before="# Multipliez x par 10"),
        cellule_de_test("t2", 2, "assert y == 40"),
        nbf.new_markdown_cell(
            render_prompt(CRITERE, 2), metadata={"nbgrader": nbgrader_meta("consigne_ecrit_analyse", locked=True)}
        ),
        render_written_answer(CRITERE, {"Situation": "Corrigé.", "Hypothèses": "Corrigé."}),
    ]
    notebook = nbf.new_notebook(cells=cells)
    notebook.metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    notebook, _ = ClearSolutions(config=CONFIG).preprocess(notebook, {})
    return notebook


def rempli(code1: str = "x = 2 + 2", code2: str = "y = x * 10", ecrit: str | None = None) -> nbformat.NotebookNode:
    notebook = notebook_apprenant()
    notebook.cells[1].source = code1
    notebook.cells[3].source = code2
    notebook.cells[6].source = reponse() if ecrit is None else ecrit
    return notebook


def enregistrer(tmp_path: Path, notebook, nom: str = "devoir.ipynb") -> Path:
    chemin = tmp_path / nom
    nbformat.write(notebook, chemin)
    return chemin


def test_notebook_recu_tel_quel(tmp_path):
    notebook = notebook_apprenant()
    assert STUB in notebook.cells[6].source
    rapport = verifier_ma_copie(enregistrer(tmp_path, notebook))
    assert not rapport.ok
    assert rapport.problemes == [
        "Écrit 2 (critère M1.3-B) — Réponse pas encore rédigée : remplacez le texte en italique par votre "
        "réponse (entre 40 et 80 mots).",
        "Question de code n° 1 (a1) — Cellule de code à compléter.",
        "Question de code n° 2 (a2) — Cellule de code à compléter.",
    ]
    assert rapport.analyses["M1.3-B"].nb_mots == 0


def test_copie_complete(tmp_path, capsys):
    rapport = verifier_ma_copie(str(enregistrer(tmp_path, rempli())))
    assert rapport.ok
    assert rapport.problemes == []
    assert rapport.analyses["M1.3-B"].nb_mots == 45
    assert "Tout est prêt : vous pouvez rendre votre travail." in str(rapport)
    assert "Écrit 2 (critère M1.3-B) : 45 mots (attendu : 40 à 80) — rien à corriger." in str(rapport)
    assert "Tout est prêt : vous pouvez rendre votre travail." in rapport.html()
    assert "Tout est prêt" in capsys.readouterr().out  # hors de JupyterLab, le rapport s'imprime


def test_cellule_de_code_encore_a_completer(tmp_path):
    stub = notebook_apprenant().cells[3].source
    rapport = verifier_ma_copie(enregistrer(tmp_path, rempli(code2=stub)))
    assert not rapport.ok
    assert rapport.problemes == ["Question de code n° 2 (a2) — Cellule de code à compléter."]
    assert "Cellules de code" in str(rapport)
    assert "1 point à corriger avant de rendre votre travail." in str(rapport)


def test_code_ecrit_sous_le_commentaire_de_depart(tmp_path):
    laisse_le_commentaire = "# ÉCRIVEZ VOTRE CODE ICI, puis supprimez la ligne suivante\ny = x * 10"
    seulement_le_commentaire = "# Multipliez x par 10\n# ÉCRIVEZ VOTRE CODE ICI, puis supprimez la ligne suivante\n"
    assert verifier_ma_copie(enregistrer(tmp_path, rempli(code2=laisse_le_commentaire))).ok
    assert verifier_ma_copie(enregistrer(tmp_path, rempli(code2=seulement_le_commentaire))).problemes == [
        "Question de code n° 2 (a2) — Cellule de code à compléter."
    ]


def test_donnees_personnelles_dans_l_ecrit_et_dans_le_code(tmp_path):
    ecrit = reponse(hypotheses=HYPOTHESES + " Contact : karima.benali@gmail.com")
    code = 'x = 2 + 2\nnote = "rappeler Karima BENALI au 06 12 34 56 78"'
    rapport = verifier_ma_copie(enregistrer(tmp_path, rempli(code1=code, ecrit=ecrit)))
    assert not rapport.ok
    assert rapport.problemes == [
        "Écrit 2 (critère M1.3-B) — Donnée personnelle à retirer (courriel) : “karima.benali@gmail.com”.",
        "Question de code n° 1 (a1) — Donnée personnelle à retirer (nom complet) : “Karima BENALI”.",
        "Question de code n° 1 (a1) — Donnée personnelle à retirer (téléphone) : “06 12 34 56 78”.",
    ]
    assert rapport.analyses["M1.3-B"].nb_mots == 47


def test_ecrit_incomplet(tmp_path):
    rapport = verifier_ma_copie(enregistrer(tmp_path, rempli(ecrit=reponse(hypotheses=STUB))))
    assert rapport.problemes == [
        "Écrit 2 (critère M1.3-B) — 24 mots : c'est moins que les 40 mots attendus.",
        "Écrit 2 (critère M1.3-B) — Partie manquante ou vide : “Hypothèses”.",
    ]
    texte = str(rapport)
    assert "Écrit 2 (critère M1.3-B) : 24 mots (attendu : 40 à 80)" in texte
    assert "  - Partie manquante ou vide : “Hypothèses”." in texte
    assert "<li>Partie manquante ou vide : “Hypothèses”.</li>" in rapport.html()


def test_nom_sans_extension(tmp_path, monkeypatch):
    enregistrer(tmp_path, rempli())
    monkeypatch.chdir(tmp_path)
    assert verifier_ma_copie("devoir").ok


def test_numero_de_l_ecrit_lu_dans_sa_consigne(tmp_path):
    notebook = rempli(ecrit=reponse(hypotheses=STUB))
    notebook.cells.insert(6, nbf.new_markdown_cell("Conseil : relisez-vous à voix haute."))
    assert verifier_ma_copie(enregistrer(tmp_path, notebook)).problemes[1] == (
        "Écrit 2 (critère M1.3-B) — Partie manquante ou vide : “Hypothèses”."
    )
    del notebook.cells[5]  # sans consigne : les écrits sont numérotés dans l'ordre du notebook
    assert verifier_ma_copie(enregistrer(tmp_path, notebook)).problemes[1] == (
        "Écrit 1 (critère M1.3-B) — Partie manquante ou vide : “Hypothèses”."
    )


def test_json_invalide(tmp_path):
    chemin = tmp_path / "devoir.ipynb"
    chemin.write_text('{"cells": [', encoding="utf-8")
    rapport = verifier_ma_copie(chemin)
    assert not rapport.ok
    assert rapport.analyses == {}
    assert rapport.problemes == [
        f"Le fichier “{chemin}” n'est pas un notebook lisible (son contenu JSON est abîmé) : rouvrez-le dans "
        "JupyterLab, enregistrez-le (Ctrl + S), puis relancez la vérification. Si le problème continue, "
        "prévenez votre formateur ou votre formatrice."
    ]


def test_json_qui_n_est_pas_un_notebook(tmp_path):
    chemin = tmp_path / "donnees.ipynb"
    chemin.write_text("{}", encoding="utf-8")
    assert verifier_ma_copie(chemin).problemes == [
        f"Le fichier “{chemin}” n'est pas un notebook Jupyter valide : rouvrez-le dans JupyterLab, "
        "enregistrez-le (Ctrl + S), puis relancez la vérification. Si le problème continue, "
        "prévenez votre formateur ou votre formatrice."
    ]


def test_fichier_introuvable(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rapport = verifier_ma_copie("mon_devoir.ipynb")
    assert not rapport.ok
    assert rapport.problemes == [
        "Le fichier “mon_devoir.ipynb” est introuvable : vérifiez le nom et enregistrez le notebook (Ctrl + S)."
    ]
    assert "La vérification n'a pas pu se faire." in str(rapport)


def test_aucune_reponse(tmp_path):
    notebook = nbf.new_notebook(cells=[nbf.new_markdown_cell("# Notes"), nbf.new_code_cell("1 + 1")])
    chemin = enregistrer(tmp_path, notebook, "notes.ipynb")
    assert verifier_ma_copie(chemin).problemes == [
        f"Aucune réponse trouvée dans “{chemin}” (ni écrit, ni cellule de code à compléter) : vérifiez que "
        "c'est bien le notebook du devoir et qu'il est enregistré (Ctrl + S)."
    ]


def test_cellule_de_reponse_passee_en_code(tmp_path):
    notebook = rempli()
    cellule = notebook.cells[6]
    notebook.cells[6] = nbf.new_code_cell(cellule.source, metadata=cellule.metadata)
    rapport = verifier_ma_copie(enregistrer(tmp_path, notebook))
    assert rapport.problemes == [
        "Écrit 2 (critère M1.3-B) — Cette cellule de réponse n'est plus une cellule de texte : cliquez dedans, "
        "puis choisissez « Markdown » dans la liste en haut du notebook."
    ]


def test_ecrit_avec_un_point_a_verifier_reste_pret_a_rendre(tmp_path):
    ecrit = reponse(situation=SITUATION + " Elle vit à Saint-Flour.")
    rapport = verifier_ma_copie(enregistrer(tmp_path, rempli(ecrit=ecrit)))
    assert rapport.ok
    assert rapport.problemes == []
    avertissement = "À vérifier (identification indirecte) : commune nommée “Saint-Flour”."
    assert rapport.avertissements == [f"Écrit 2 (critère M1.3-B) — {avertissement}"]
    titre = regle_anonymisation().titre
    texte = str(rapport)
    assert "Vous pouvez rendre votre travail, après avoir relu 1 point à vérifier." in texte
    assert "Écrit 2 (critère M1.3-B) : 49 mots (attendu : 40 à 80)\n" f"  - {avertissement}" in texte
    assert f"relisez-les avec « {titre} »" in texte
    assert "rien à corriger" not in texte
    assert "Après vos corrections" not in texte
    page = rapport.html()
    # Ready: the course palette's « good » verdict (course.palette.VERDICT_COLOURS[2]); the point to check in brown.
    assert 'border-left: 6px solid #005685; background: #DDF0FB;' in page
    assert f"<li style='color: #7F5700;'>{html.escape(avertissement)}</li>" in page
    assert f"relisez-les avec « {html.escape(titre)} »" in page


def test_date_de_naissance_dans_l_ecrit_et_commune_dans_le_code(tmp_path):
    ecrit = reponse(situation=SITUATION + " Elle est née le 3 mars 1982.")
    code = "x = 2 + 2  # elle habite Aurillac"
    rapport = verifier_ma_copie(enregistrer(tmp_path, rempli(code1=code, ecrit=ecrit)))
    assert not rapport.ok
    assert rapport.problemes == [
        "Écrit 2 (critère M1.3-B) — Donnée personnelle à retirer (date de naissance) : “née le 3 mars 1982”."
    ]
    assert rapport.avertissements == [
        "Question de code n° 1 (a1) — À vérifier (identification indirecte) : commune nommée “Aurillac”."
    ]
    texte = str(rapport)
    assert "1 point à corriger avant de rendre votre travail, et 1 point à vérifier." in texte
    assert "  - Donnée personnelle à retirer (date de naissance) : “née le 3 mars 1982”." in texte
    assert "Cellules de code\n  - Question de code n° 1 (a1) — À vérifier" in texte
    assert "<li>Donnée personnelle à retirer (date de naissance) : “née le 3 mars 1982”.</li>" in rapport.html()
    assert 'border-left: 6px solid #A04600; background: #F7DFCC;' in rapport.html()  # to correct: « off the mark »


# --- piste exercice / piste terrain ------------------------------------------------------------

CODEBOOK = """colonnes:
  - {nom: jour, libelle: Jour, type: categorie, valeurs: [lundi, mardi]}
  - {nom: nb_personnes_attente, libelle: Personnes qui attendent, type: entier, min: 0, max: 60}
"""


def notebook_de_terrain(dossier: Path, premiere_ligne: str | None, donnees: str | None) -> Path:
    """A saved notebook whose only written answer may work on fieldwork data, with its codebook beside it."""
    from course.catalogue import TerrainTrack

    critere = Criterion.model_validate({
        "id": "M1.4-C", "label": "Note d'observation", "kind": "ecrit", "competences": ["C1.1"], "points": 6,
        "grade_ids": ["ecrit_note"], "consigne": "Rédigez.",
        "writing": {"words": [40, 80], "parts": PARTIES, "pistes": True},
        "levels": {"non_acquis": "Rien.", "en_cours": "Un peu.", "acquis": "L'essentiel.", "maitrise": "Tout."},
    })
    terrain = TerrainTrack(dictionnaire="dictionnaire.yaml", fichier="mes_observations.csv")
    cellule = render_written_answer(critere, {"Situation": SITUATION, "Hypothèses": HYPOTHESES}, terrain)
    assert cellule.source.startswith("Piste : exercice\n\n#### Situation")
    assert cellule.metadata["casp"]["terrain"] == {"dictionnaire": "dictionnaire.yaml", "fichier": "mes_observations.csv"}
    texte = cellule.source.split("\n", 1)[1]
    cellule.source = (premiere_ligne + "\n" if premiere_ligne else "") + texte
    (dossier / "dictionnaire.yaml").write_text(CODEBOOK, encoding="utf-8")
    if donnees is not None:
        (dossier / "mes_observations.csv").write_text(donnees, encoding="utf-8")
    notebook = nbf.new_notebook(cells=[cellule], metadata={"kernelspec": KERNELSPEC})
    chemin = dossier / "note.ipynb"
    nbformat.write(notebook, chemin)
    return chemin


@pytest.mark.parametrize(("premiere_ligne", "donnees", "resume", "problemes"), [
    ("Piste : exercice", None, ", piste exercice", []),
    ("**Piste : terrain.**", "jour,nb_personnes_attente\nlundi,3\nmardi,5\n",
     ", piste terrain (mes_observations.csv : 2 lignes valides)", []),
    ("Piste : terrain", None, ", piste terrain", [
        "Piste terrain : le fichier « mes_observations.csv » est absent à côté du notebook : saisissez vos "
        "relevés avec l'outil de saisie, ou écrivez « Piste : exercice »."]),
    (None, None, "", [
        "Première ligne : indiquez la piste choisie, « Piste : exercice » (la situation du devoir) ou "
        "« Piste : terrain » (vos propres données)."]),
])
def test_la_verification_dit_la_piste_choisie(tmp_path, premiere_ligne, donnees, resume, problemes):
    rapport = verifier_ma_copie(notebook_de_terrain(tmp_path, premiere_ligne, donnees))
    (ecrit,) = rapport.ecrits
    words = 45 + (len(premiere_ligne.replace("*", "").replace(".", "").split()) - 1 if premiere_ligne else 0)
    assert ecrit.resume == f"Écrit 1 (critère M1.4-C) : {words} mots (attendu : 40 à 80)" + resume
    assert ecrit.problemes == problemes
    assert rapport.ok == (not problemes)


def test_piste_terrain_avec_des_donnees_invalides(tmp_path):
    rapport = verifier_ma_copie(notebook_de_terrain(tmp_path, "Piste : terrain", "jour,nb_personnes_attente\njeudi,3\n"))
    (ecrit,) = rapport.ecrits
    assert not rapport.ok and ecrit.piste == "terrain"
    assert len(ecrit.problemes) == 1 and ecrit.problemes[0].startswith("Piste terrain : ")
    assert "ligne 2" in ecrit.problemes[0] and "jeudi" in ecrit.problemes[0]


# --- productions (a table saved beside the notebook) -------------------------------------------

def test_verifier_production(tmp_path):
    from course.learner.selfcheck import verifier_production

    attendu = {"fichier": "mon_repertoire.csv", "minimum": 2, "colonnes": ["structure", "commune"]}
    absent = verifier_production("Production 1 (critère M2.1-B)", "M2.1-B", attendu, tmp_path)
    assert (absent.resume, absent.problemes) == (
        "Production 1 (critère M2.1-B) : mon_repertoire.csv absent",
        ["Le fichier « mon_repertoire.csv » n'existe pas encore à côté du notebook : exécutez la cellule de votre "
         "production, qui l'enregistre."])
    (tmp_path / "mon_repertoire.csv").write_text("structure,publics\nCCAS,tous\n", encoding="utf-8")
    court = verifier_production("Production 1 (critère M2.1-B)", "M2.1-B", attendu, tmp_path)
    assert court.resume == "Production 1 (critère M2.1-B) : mon_repertoire.csv : 1 ligne (attendu : 2 au moins)"
    assert court.problemes == ["1 ligne(s) : il en faut au moins 2.", "Colonne(s) manquante(s) : commune."]
    (tmp_path / "mon_repertoire.csv").write_text(
        "structure,commune\nCCAS,Corvalès\nMission locale,contact : 06 12 34 56 78\n\n", encoding="utf-8")
    complet = verifier_production("Production 1 (critère M2.1-B)", "M2.1-B", attendu, tmp_path)
    assert complet.resume == "Production 1 (critère M2.1-B) : mon_repertoire.csv : 2 lignes (attendu : 2 au moins)"
    assert complet.problemes == ["Ligne 3 — Donnée personnelle à retirer (téléphone) : “06 12 34 56 78”."]


# --- partie collective -------------------------------------------------------------------------

CRITERE_COLLECTIF = CRITERE.model_copy(update={"collective": True})


def test_consigne_et_cellule_d_un_critere_collectif():
    consigne = render_prompt(CRITERE_COLLECTIF, 2)
    assert "*Critère M1.3-B · compétences C1.1 · 8 points · partie collective*" in consigne
    assert "**Partie collective — texte identique pour toute l'équipe.**" in consigne
    assert "Partie collective" not in render_prompt(CRITERE, 2)
    cellule = render_written_answer(CRITERE_COLLECTIF, {"Situation": "Corrigé.", "Hypothèses": "Corrigé."})
    assert cellule.metadata["casp"]["collective"] is True
    assert "collective" not in render_written_answer(CRITERE, {"Situation": "a", "Hypothèses": "b"}).metadata["casp"]


def test_la_verification_affiche_l_empreinte_de_la_partie_collective(tmp_path):
    from course.learner.equipe import empreinte_texte

    notebook = rempli()
    notebook.cells[6].metadata["casp"]["collective"] = True
    rapport = verifier_ma_copie(enregistrer(tmp_path, notebook))
    code = empreinte_texte(reponse())
    assert rapport.ok
    assert rapport.empreinte.cellules == {"M1.3-B": code}
    texte = str(rapport)
    assert f"Partie collective : empreinte {rapport.empreinte.empreinte}" in texte
    assert f"  - M1.3-B : {code}" in texte
    assert f"Partie collective : empreinte {rapport.empreinte.empreinte}" in rapport.html()
    assert verifier_ma_copie(enregistrer(tmp_path, rempli(), "individuel.ipynb")).empreinte is None
