"""The survey toolkit: protocol, questionnaire and its rereading, interview guide, codebook, tables, plan."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml
from matplotlib.colors import to_hex

from course import CourseError
from course.learner import terrain
from course.palette import ACCENT
from course.learner.enquete import (ENSEMBLE, MASQUE, POURCENTAGE_MASQUE, Question, Questionnaire,
                                    afficher_dictionnaire, afficher_protocole, afficher_questionnaire,
                                    ajouter_question, appliquer_plan, avertissements_protocole,
                                    dictionnaire_variables, ecrire_dictionnaire, ecrire_protocole,
                                    ecrire_questionnaire, guide_entretien, lire_guide, lire_protocole,
                                    lire_questionnaire, problemes_protocole, protocole_en_yaml, protocole_vide,
                                    questions_multiples, relire_questionnaire, retirer_question, tri_a_plat,
                                    tri_croise, valider_protocole, verbatims)

M = POURCENTAGE_MASQUE

QUESTIONNAIRE = """\
titre: Orienter à la sortie de détention
introduction: Ce questionnaire est anonyme ; vous pouvez refuser de répondre.
questions:
  - code: type_structure
    libelle: Dans quel type de structure travaillez-vous ?
    type: unique
    modalites: [SPIP, France Travail, CHRS]
  - code: outils
    libelle: Quels outils partagez-vous avec les partenaires ?
    type: multiple
    modalites: [Fiche de liaison, Réunion de synthèse, Messagerie sécurisée]
  - code: satisfaction
    libelle: Comment jugez-vous la coordination avant la sortie ?
    type: échelle_4
    modalites: [Très insatisfaisante, Plutôt insatisfaisante, Plutôt satisfaisante, Très satisfaisante, Ne sait pas]
  - code: delai
    libelle: Combien de jours avant la sortie êtes-vous informé ?
    type: nombre
  - code: remarque
    libelle: Que voudriez-vous ajouter ?
    type: texte_court
    obligatoire: false
"""
COLONNES = ["type_structure", "outils_fiche_de_liaison", "outils_reunion_de_synthese", "outils_messagerie_securisee",
            "satisfaction", "delai", "remarque"]


@pytest.fixture
def dossier(tmp_path, monkeypatch) -> Path:
    """The notebook's folder, with the assignment's questionnaire released beside it."""
    (tmp_path / "questionnaire.yaml").write_text(QUESTIONNAIRE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def q(dossier) -> Questionnaire:
    return lire_questionnaire()


def douze() -> pd.DataFrame:
    """Twelve hand-made answers: 5 SPIP, 4 France Travail, 3 CHRS."""
    return pd.DataFrame({
        "type_structure": pd.Categorical(["SPIP"] * 5 + ["France Travail"] * 4 + ["CHRS"] * 3,
                                         ["SPIP", "France Travail", "CHRS"]),
        "connait_siao": ["oui", "oui", "oui", "non", "oui", "oui", "non", "non", "non", "oui", "oui", "non"],
        "frein": pd.Categorical(["logement"] * 6 + ["ressources"] * 3 + ["santé"] * 2 + ["papiers"],
                                ["logement", "ressources", "santé", "papiers", "mobilité"]),
    })


# ---------------------------------------------------------------------------------------------
# Questionnaire model
# ---------------------------------------------------------------------------------------------
def test_reads_the_questionnaire_beside_the_notebook(q):
    assert q.titre == "Orienter à la sortie de détention"
    assert q.fichier == "questionnaire.yaml"
    assert q.codes == ["type_structure", "outils", "satisfaction", "delai", "remarque"]
    assert q.question("satisfaction").type == "echelle_4"  # « échelle_4 » typed with its accent is understood
    assert q.question("remarque") == Question("remarque", "Que voudriez-vous ajouter ?", "texte_court", (), False)
    assert q.colonnes == COLONNES


def test_a_scale_without_options_reads_1_to_4():
    assert Question("accord", "Comment jugez-vous l'accueil ?", "echelle_4").modalites == ("1", "2", "3", "4")


@pytest.mark.parametrize(("arguments", "message"), [
    (("Type", "Libellé ?", "unique", ("a", "b")), "Question « Type » : le code doit être écrit en minuscules sans "
     "accents ni espaces (lettres, chiffres et _, par exemple « frein_principal »)."),
    (("type", "  ", "unique", ("a", "b")), "Question « type » : le libellé (la question posée) doit être un texte."),
    (("type", "Libellé ?", "choix", ()), "Question « type » : le type « choix » est inconnu (types possibles : "
     "unique, multiple, echelle_4, nombre, texte_court)."),
    (("type", "Libellé ?", "unique", ("oui",)), "Question « type » : le type « unique » demande au moins deux "
     "modalités."),
    (("type", "Libellé ?", "unique", ("oui", "Oui")), "Question « type » : une modalité apparaît deux fois."),
    (("type", "Libellé ?", "nombre", ("1", "2")), "Question « type » : le type « nombre » n'a pas de modalités."),
    (("type", "Libellé ?", "echelle_4", ("a", "b", "c")), "Question « type » : une échelle « echelle_4 » a quatre "
     "modalités, plus « ne sait pas » si besoin (ici 3)."),
    (("outils", "Libellé ?", "multiple", ("Fiche", "fiche !")), "Question « outils » : les modalités « Fiche » et "
     "« fiche ! » donnent la même colonne « outils_fiche » : distinguez-les."),
    (("outils", "Libellé ?", "multiple", ("Fiche", "?")), "Question « outils » : la modalité « ? » doit contenir au "
     "moins une lettre ou un chiffre (elle nomme une colonne)."),
])
def test_a_wrong_question_is_refused_with_what_to_fix(arguments, message):
    with pytest.raises(CourseError) as erreur:
        Question(*arguments)
    assert str(erreur.value) == message


@pytest.mark.parametrize(("yaml_questions", "message"), [
    ("  - code: delai\n    libelle: Combien ?\n    type: nombres\n",
     "question n° 1 (delai) : le type « nombres » est inconnu (types possibles : unique, multiple, echelle_4, "
     "nombre, texte_court)."),
    ("  - code: delai\n    libelle: Combien ?\n    type: nombre\n    aide: x\n",
     "question n° 1 (delai) : clé inconnue « aide » (clés possibles : code, libelle, type, modalites, obligatoire)."),
    ("  - code: a\n    libelle: A ?\n    type: nombre\n  - code: a\n    libelle: B ?\n    type: nombre\n",
     "question n° 2 (a) : le code « a » est déjà celui de la question n° 1."),
    ("  - code: outils\n    libelle: A ?\n    type: multiple\n    modalites: [fiche, mail]\n"
     "  - code: outils_fiche\n    libelle: B ?\n    type: nombre\n",
     "question n° 2 (outils_fiche) : sa colonne « outils_fiche » porte le même nom qu'une colonne de la question n° 1 "
     ": changez de code."),
    ("  - code: outils\n    libelle: A ?\n    type: multiple\n    modalites: [fiche, mail]\n"
     "  - code: outils_partages\n    libelle: B ?\n    type: nombre\n",
     "question n° 2 (outils_partages) : son code commence par « outils_ », le début des colonnes de la question n° 1 "
     "(choix multiples) : changez de code."),
    ("  - code: oui_non\n    libelle: A ?\n    type: unique\n    modalites: [1, 2]\n",
     "question n° 1 (oui_non) : chaque modalité doit être un texte (mettez-la entre guillemets : \"1\", \"oui\")."),
])
def test_a_wrong_questionnaire_file_names_the_file_and_the_question(tmp_path, yaml_questions, message):
    (tmp_path / "questionnaire.yaml").write_text(f"titre: T\nquestions:\n{yaml_questions}", encoding="utf-8")
    with pytest.raises(CourseError) as erreur:
        lire_questionnaire(dossier=tmp_path)
    assert str(erreur.value) == f"Le fichier « questionnaire.yaml » est mal rempli : {message}"


def test_the_questionnaire_is_written_back_and_read_again_unchanged(q, dossier):
    chemin = ecrire_questionnaire(q)
    assert chemin == Path("mon_questionnaire.yaml")
    texte = chemin.read_text(encoding="utf-8")
    assert texte.startswith(
        "titre: Orienter à la sortie de détention\n"
        "introduction: Ce questionnaire est anonyme ; vous pouvez refuser de répondre.\n"
        "questions:\n"
        "- code: type_structure\n"
        "  libelle: Dans quel type de structure travaillez-vous ?\n"
        "  type: unique\n"
        "  modalites:\n"
        "  - SPIP\n"
        "  - France Travail\n"
        "  - CHRS\n")
    assert texte.endswith("- code: remarque\n  libelle: Que voudriez-vous ajouter ?\n  type: texte_court\n"
                          "  obligatoire: false\n")
    relu = lire_questionnaire("mon_questionnaire.yaml")
    assert (relu.titre, relu.introduction, relu.questions) == (q.titre, q.introduction, q.questions)


def test_adding_a_question_returns_a_new_questionnaire_and_is_idempotent(q):
    plus = ajouter_question(q, "anciennete", "Depuis combien d'années exercez-vous ?", "nombre")
    assert plus.codes[-1] == "anciennete"
    assert q.codes == ["type_structure", "outils", "satisfaction", "delai", "remarque"]  # unchanged
    assert ajouter_question(plus, "anciennete", "Depuis combien d'années exercez-vous ?", "nombre") == plus
    reformulee = ajouter_question(plus, Question("delai", "Combien de jours avant la sortie le savez-vous ?", "nombre"))
    assert reformulee.codes == plus.codes  # replaced where it stands
    assert reformulee.question("delai").libelle == "Combien de jours avant la sortie le savez-vous ?"
    inseree = ajouter_question(q, "fonction", "Quelle est votre fonction ?", "texte_court", apres="type_structure")
    assert inseree.codes == ["type_structure", "fonction", "outils", "satisfaction", "delai", "remarque"]


def test_removing_a_question(q):
    assert retirer_question(q, "outils").codes == ["type_structure", "satisfaction", "delai", "remarque"]
    with pytest.raises(CourseError) as erreur:
        retirer_question(q, "outil")
    assert str(erreur.value) == ("Aucune question n'a le code « outil » (codes du questionnaire : type_structure, "
                                 "outils, satisfaction, delai, remarque).")


def test_the_questionnaire_as_the_respondent_reads_it(q):
    texte = afficher_questionnaire(retirer_question(retirer_question(q, "outils"), "satisfaction"))
    assert texte == (
        "**Orienter à la sortie de détention**\n\n"
        "Ce questionnaire est anonyme ; vous pouvez refuser de répondre.\n\n"
        "**1. Dans quel type de structure travaillez-vous ?** *(une seule réponse)*\n\n"
        "- SPIP\n- France Travail\n- CHRS\n\n"
        "**2. Combien de jours avant la sortie êtes-vous informé ?** *(un nombre)*\n\n"
        "**3. Que voudriez-vous ajouter ?** *(réponse courte, facultative)*\n")
    assert texte._repr_markdown_() == texte  # shown formatted in the notebook


# ---------------------------------------------------------------------------------------------
# Rereading: every message
# ---------------------------------------------------------------------------------------------
def test_every_message_of_the_rereading():
    fautif = Questionnaire("Questionnaire à corriger", (
        Question("civilite", "Quel est votre nom de famille ?", "texte_court"),
        Question("contact", "Quel est votre numéro de téléphone, votre courriel et votre adresse ?", "texte_court"),
        Question("age", "Quelle est votre date de naissance ?", "texte_court"),
        Question("num_secu", "Quel est votre numéro de sécurité sociale ?", "texte_court"),
        Question("dossier", "Quel est votre numéro d'allocataire ?", "texte_court"),
        Question("nom_referent", "Qui est votre référent ?", "texte_court"),
        Question("siao", "Connaissez-vous le SIAO et/ou le 115 ?", "unique", ("oui", "non")),
        Question("deux", "Êtes-vous informé de la date ? Par qui ?", "texte_court"),
        Question("freins", "Quels freins rencontrez-vous et comment les surmontez-vous ?", "texte_court"),
        Question("delais", "Ne pensez-vous pas que les délais sont trop longs ?", "unique", ("oui", "non")),
        Question("evidence", "Évidemment, le logement est le premier frein ?", "unique", ("oui", "non")),
        Question("coordination", "Comment jugez-vous la coordination ?", "echelle_4"),
        Question("interlocuteur", "À qui vous adressez-vous ?", "unique", ("Mme Dupont", "le CPIP")),
    ))
    assert list(relire_questionnaire(fautif)) == [
        "Question 1 (civilite) : elle demande le nom, ce qui identifierait la personne qui répond (règle "
        "d'anonymisation du cours) : retirez-la.",
        "Question 2 (contact) : elle demande l'adresse, le numéro de téléphone et l'adresse électronique, ce qui "
        "identifierait la personne qui répond (règle d'anonymisation du cours) : retirez-la.",
        "Question 3 (age) : elle demande la date de naissance, ce qui identifierait la personne qui répond (règle "
        "d'anonymisation du cours) : retirez-la. Pour l'âge, demandez une tranche d'âge.",
        "Question 4 (num_secu) : elle demande le numéro de sécurité sociale, ce qui identifierait la personne qui "
        "répond (règle d'anonymisation du cours) : retirez-la.",
        "Question 5 (dossier) : elle demande un identifiant (numéro d'allocataire, identifiant France Travail), ce qui "
        "identifierait la personne qui répond (règle d'anonymisation du cours) : retirez-la.",
        "Question 6 (nom_referent) : son code annonce une donnée qui identifie (nom, adresse, téléphone, courriel, "
        "NIR, date de naissance) : ce nom de colonne est interdit, changez de code.",
        "Question 7 (siao) : « et/ou » réunit deux questions en une ; la réponse ne dira pas à laquelle la personne a "
        "répondu. Posez deux questions.",
        "Question 8 (deux) : le libellé contient deux points d'interrogation, donc deux demandes. Posez deux "
        "questions.",
        "Question 9 (freins) : « et » semble relier deux demandes ; une question ne demande qu'une chose. Posez deux "
        "questions.",
        "Question 10 (delais) : « Ne pensez-vous pas », « trop » orientent la réponse ; formulez la question de façon "
        "neutre (par exemple « Comment jugez-vous … ? »).",
        "Question 11 (evidence) : « Évidemment » oriente la réponse ; formulez la question de façon neutre (par "
        "exemple « Comment jugez-vous … ? »).",
        "Question 12 (coordination) : à noter, l'échelle n'a pas de réponse « ne sait pas » ; une personne sans avis "
        "devra choisir un côté ou ne pas répondre. Ajoutez-la si c'est utile.",
        "Question 13 (interlocuteur) : le texte contient une donnée personnelle à retirer (nom complet).",
    ]


def test_more_than_25_questions_and_an_empty_questionnaire():
    longues = tuple(Question(f"q{i}", f"Combien de personnes orientez-vous vers le dispositif {i} ?", "nombre")
                    for i in range(1, 27))
    assert list(relire_questionnaire(Questionnaire("Long", longues))) == [
        "Le questionnaire compte 26 questions : au-delà de 25, les personnes se lassent et répondent moins bien. "
        "Gardez celles qui servent vos objectifs."]
    assert list(relire_questionnaire(Questionnaire("Long", longues[:25]))) == []
    assert list(relire_questionnaire(Questionnaire("Vide"))) == ["Le questionnaire ne contient aucune question."]


@pytest.mark.parametrize("libelle", [
    "Connaissez-vous un dispositif tel que le CEJ ?",                      # « tel » is not a phone
    "Par quel moyen contactez-vous les partenaires : téléphone, mail ?",   # a channel, not a number
    "Avez-vous déjà traité un trop-perçu de la CAF ?",                    # « trop-perçu » is a neutral term
    "Comment le savez-vous, si on ne le dit pas ?",                       # « ne le » is not « né le »
    "Quel est votre pays de naissance ?",                                 # not a date of birth
    "Avez-vous pris rendez-vous et avec qui ?",                           # « rendez-vous » is not a question verb
    "Combien de sortants suivez-vous, hommes et femmes ?",                # « et » joins two words, not two asks
    "Êtes-vous satisfait des échanges entre le SPIP et le CHRS ?",
])
def test_neutral_wordings_raise_no_remark(libelle):
    assert list(relire_questionnaire(Questionnaire("Q", (Question("q1", libelle, "texte_court"),)))) == []


def test_the_rereading_shows_as_a_list_then_the_practice_expected_reading(dossier):
    (dossier / "questionnaire_a_corriger.yaml").write_text(
        "titre: Questionnaire à corriger\n"
        "questions:\n"
        "  - code: delais\n    libelle: Les délais sont-ils trop longs ?\n    type: unique\n    modalites: [oui, non]\n"
        "  - code: age\n    libelle: Quel âge avez-vous ?\n    type: nombre\n"
        "lecture_attendue:\n"
        "  delais: La question suggère la réponse ; demandez plutôt le délai constaté.\n",
        encoding="utf-8")
    pratique = lire_questionnaire("questionnaire_a_corriger.yaml")
    relecture = relire_questionnaire(pratique)
    assert relecture._repr_markdown_() == (
        "**Relecture mécanique du questionnaire** (elle ne juge pas le sens des questions)\n\n"
        "- Question 1 (delais) : « trop » oriente la réponse ; formulez la question de façon neutre (par exemple "
        "« Comment jugez-vous … ? »).\n\n"
        "**Lecture attendue (questionnaire d'entraînement)**\n\n"
        "- Question 1 (delais) : La question suggère la réponse ; demandez plutôt le délai constaté.\n")
    # The expected reading is never written into the learner's own copy.
    assert "lecture_attendue" not in ecrire_questionnaire(pratique).read_text(encoding="utf-8")
    assert relire_questionnaire(Questionnaire("Q"))._repr_markdown_().endswith("- Le questionnaire ne contient "
                                                                                "aucune question.\n")


def test_an_expected_reading_must_name_a_question(tmp_path):
    (tmp_path / "questionnaire.yaml").write_text("titre: T\nquestions: []\nlecture_attendue:\n  delai: Texte.\n",
                                                 encoding="utf-8")
    with pytest.raises(CourseError) as erreur:
        lire_questionnaire(dossier=tmp_path)
    assert str(erreur.value) == ("Le fichier « questionnaire.yaml » est mal rempli : lecture_attendue : « delai » "
                                 "n'est le code d'aucune question.")


# ---------------------------------------------------------------------------------------------
# The codebook: the questionnaire through the piste terrain, unchanged
# ---------------------------------------------------------------------------------------------
def test_the_codebook_columns_and_types(q):
    dico = dictionnaire_variables(q)
    assert dico.noms == COLONNES
    assert dico.colonne("type_structure") == terrain.Colonne(
        "type_structure", "Dans quel type de structure travaillez-vous ?", "categorie", True,
        ("SPIP", "France Travail", "CHRS"))
    assert dico.colonne("outils_reunion_de_synthese") == terrain.Colonne(
        "outils_reunion_de_synthese", "Quels outils partagez-vous avec les partenaires ? — Réunion de synthèse",
        "entier", True, (), 0, 1, "1 si la personne a choisi « Réunion de synthèse », 0 sinon.")
    assert dico.colonne("delai") == terrain.Colonne("delai", "Combien de jours avant la sortie êtes-vous informé ?",
                                                    "decimal", True, (), 0.0, None)
    assert (dico.colonne("remarque").type, dico.colonne("remarque").obligatoire) == ("texte", False)


def test_codebook_round_trip_through_the_piste_terrain(q, dossier):
    ecrire_dictionnaire(q, "dictionnaire_variables.yaml")
    relu = terrain.lire_dictionnaire()
    assert relu.colonnes == dictionnaire_variables(q).colonnes
    terrain.modele_csv(relu, "reponses.csv")
    assert (dossier / "reponses.csv").read_text(encoding="utf-8") == ",".join(COLONNES) + "\n"
    with (dossier / "reponses.csv").open("a", encoding="utf-8") as f:
        f.write("SPIP,1,0,1,Plutôt satisfaisante,12,\n"
                "CHRS,0,0,0,Ne sait pas,3.5,Le SPIP prévient tard\n")
    assert terrain.valider_terrain("reponses.csv", relu) == []
    reponses = terrain.charger_piste("terrain", "inutile", "reponses.csv", dictionnaire_variables(q))
    assert list(reponses.columns) == COLONNES
    assert reponses["outils_fiche_de_liaison"].tolist() == [1, 0]
    assert reponses["delai"].tolist() == [12.0, 3.5]
    assert list(reponses["satisfaction"].cat.categories) == ["Très insatisfaisante", "Plutôt insatisfaisante",
                                                            "Plutôt satisfaisante", "Très satisfaisante", "Ne sait pas"]


def test_the_piste_terrain_checks_survey_answers_cell_by_cell(q, dossier):
    (dossier / "reponses.csv").write_text(
        ",".join(COLONNES) + "\nCHRS,0,0,2,Bof,-1,Appeler Mme Dupont au 06 12 34 56 78\n", encoding="utf-8")
    assert terrain.valider_terrain("reponses.csv", dictionnaire_variables(q)) == [
        "reponses.csv, ligne 2, colonne outils_messagerie_securisee : 2 est en dehors des valeurs possibles (de 0 à 1)",
        "reponses.csv, ligne 2, colonne satisfaction : « Bof » n'est pas une valeur prévue (valeurs possibles : Très "
        "insatisfaisante, Plutôt insatisfaisante, Plutôt satisfaisante, Très satisfaisante, Ne sait pas)",
        "reponses.csv, ligne 2, colonne delai : -1 est en dehors des valeurs possibles (au moins 0)",
        "reponses.csv, ligne 2, colonne remarque : donnée personnelle à retirer (nom complet, téléphone)",
    ]


def test_an_identifying_question_cannot_become_a_column(q):
    avec_nom = ajouter_question(q, "nom", "Quel est votre nom ?", "texte_court")
    with pytest.raises(CourseError) as erreur:
        dictionnaire_variables(avec_nom)
    assert str(erreur.value) == (
        "Le questionnaire « questionnaire.yaml » ne peut pas devenir un dictionnaire des variables : la colonne "
        "« nom » (question n° 6) est interdite, elle identifierait directement une personne. Retirez ou renommez "
        "cette question (relire_questionnaire la signale).")


def test_the_codebook_as_a_markdown_table(q):
    court = Questionnaire("Court", (q.question("outils"), q.question("delai"), q.question("remarque")))
    assert afficher_dictionnaire(court) == (
        "| Colonne | Question | Type | Valeurs possibles |\n"
        "|---|---|---|---|\n"
        "| `outils_fiche_de_liaison` | Quels outils partagez-vous avec les partenaires ? — Fiche de liaison | 0 ou 1 "
        "| 1 = choisie, 0 = non |\n"
        "| `outils_reunion_de_synthese` | Quels outils partagez-vous avec les partenaires ? — Réunion de synthèse | "
        "0 ou 1 | 1 = choisie, 0 = non |\n"
        "| `outils_messagerie_securisee` | Quels outils partagez-vous avec les partenaires ? — Messagerie sécurisée | "
        "0 ou 1 | 1 = choisie, 0 = non |\n"
        "| `delai` | Combien de jours avant la sortie êtes-vous informé ? | nombre | 0 ou plus |\n"
        "| `remarque` | Que voudriez-vous ajouter ? (facultative) | texte libre | sans donnée personnelle |\n")


# ---------------------------------------------------------------------------------------------
# Tris à plat and tris croisés
# ---------------------------------------------------------------------------------------------
def lignes(tableau: pd.DataFrame) -> list[list]:
    return [[etiquette, *valeurs] for etiquette, valeurs in zip(tableau.index, tableau.values.tolist())]


def test_tri_a_plat_follows_the_codebook_and_ends_with_n():
    tri = tri_a_plat(douze(), "frein")
    assert list(tri.columns) == ["effectif", "%"]
    assert tri.index.name == "frein"
    assert lignes(tri) == [["logement", 6, 50.0], ["ressources", 3, 25.0], ["santé", 2, 16.7], ["papiers", 1, 8.3],
                           ["mobilité", 0, 0.0], [ENSEMBLE, 12, 100.0]]
    assert tri.attrs == {"n": 12, "sans_reponse": 0}


def test_tri_a_plat_of_text_most_frequent_first_and_without_the_blanks():
    tableau = pd.DataFrame({"avis": ["non", "oui", None, "oui", "ne sait pas", "oui", "non"]})
    tri = tri_a_plat(tableau, "avis")
    assert lignes(tri) == [["oui", 3, 50.0], ["non", 2, 33.3], ["ne sait pas", 1, 16.7], [ENSEMBLE, 6, 100.0]]
    assert tri.attrs == {"n": 6, "sans_reponse": 1}


def test_tri_a_plat_of_numbers_and_booleans_in_ascending_order():
    tableau = pd.DataFrame({"delai": [7, 2, 7, 30, 2, 7], "accord": [True, False, True, True, True, False]})
    assert lignes(tri_a_plat(tableau, "delai")) == [[2, 2, 33.3], [7, 3, 50.0], [30, 1, 16.7], [ENSEMBLE, 6, 100.0]]
    assert lignes(tri_a_plat(tableau, "accord")) == [[False, 2, 33.3], [True, 4, 66.7], [ENSEMBLE, 6, 100.0]]


def test_tri_a_plat_masks_one_or_two_respondents():
    assert lignes(tri_a_plat(douze(), "frein", masquer=True)) == [
        ["logement", 6, 50.0], ["ressources", 3, 25.0], ["santé", MASQUE, M], ["papiers", MASQUE, M],
        ["mobilité", 0, 0.0], [ENSEMBLE, 12, 100.0]]
    assert lignes(tri_a_plat(douze().head(2), "connait_siao", masquer=True)) == [["oui", MASQUE, M],
                                                                                 [ENSEMBLE, MASQUE, M]]


@pytest.mark.parametrize(("base", "pourcentages"), [
    ("ligne", [[80.0, 20.0, 100.0], [25.0, 75.0, 100.0], [66.7, 33.3, 100.0], [58.3, 41.7, 100.0]]),
    ("colonne", [[57.1, 20.0, 41.7], [14.3, 60.0, 33.3], [28.6, 20.0, 25.0], [100.0, 100.0, 100.0]]),
    ("total", [[33.3, 8.3, 41.7], [8.3, 25.0, 33.3], [16.7, 8.3, 25.0], [58.3, 41.7, 100.0]]),
])
def test_tri_croise_exact_percentages_on_twelve_answers(base, pourcentages):
    tri = tri_croise(douze(), "type_structure", "connait_siao", pourcentages=base)
    assert list(tri.columns) == [("effectif", "oui"), ("effectif", "non"), ("effectif", ENSEMBLE),
                                 ("%", "oui"), ("%", "non"), ("%", ENSEMBLE)]
    assert tri.columns.names == [None, "connait_siao"]
    assert tri.index.tolist() == ["SPIP", "France Travail", "CHRS", ENSEMBLE]
    assert tri["effectif"].values.tolist() == [[4, 1, 5], [1, 3, 4], [2, 1, 3], [7, 5, 12]]
    assert tri["%"].values.tolist() == pourcentages
    assert tri.attrs == {"n": 12, "sans_reponse": 0, "pourcentages": base}


def test_tri_croise_masks_small_cells_and_keeps_the_true_bases():
    ligne = tri_croise(douze(), "type_structure", "connait_siao", masquer=True)
    assert ligne["effectif"].values.tolist() == [[4, MASQUE, 5], [MASQUE, 3, 4], [MASQUE, MASQUE, 3], [7, 5, 12]]
    assert ligne["%"].values.tolist() == [[80.0, M, 100.0], [M, 75.0, 100.0], [M, M, 100.0], [58.3, 41.7, 100.0]]
    colonne = tri_croise(douze(), "type_structure", "connait_siao", "colonne", masquer=True)
    assert colonne["%"].values.tolist() == [[57.1, M, 41.7], [M, 60.0, 33.3], [M, M, 25.0], [100.0, 100.0, 100.0]]


def test_tri_croise_masks_every_percentage_of_a_row_of_fewer_than_three():
    tableau = pd.DataFrame({"structure": ["CHRS", "CHRS", "SPIP", "SPIP", "SPIP", "SPIP", None],
                            "avis": ["oui", "non", "oui", "oui", "non", "oui", "non"]})
    tri = tri_croise(tableau, "structure", "avis", masquer=True)
    assert tri.index.tolist() == ["SPIP", "CHRS", ENSEMBLE]
    assert tri["effectif"].values.tolist() == [[3, MASQUE, 4], [MASQUE, MASQUE, MASQUE], [4, MASQUE, 6]]
    assert tri["%"].values.tolist() == [[75.0, M, 100.0], [M, M, M], [66.7, M, 100.0]]
    assert tri.attrs["sans_reponse"] == 1


@pytest.mark.parametrize(("appel", "message"), [
    (lambda t: tri_a_plat(t, "fonction"), "La colonne « fonction » n'existe pas dans le tableau (colonnes : "
     "type_structure, connait_siao, frein)."),
    (lambda t: tri_croise(t, "frein", "frein"), "Un tri croisé demande deux colonnes différentes (ici deux fois "
     "« frein »)."),
    (lambda t: tri_croise(t, "frein", "connait_siao", "lignes"), "pourcentages vaut « ligne », « colonne » ou "
     "« total » (et non « lignes »)."),
])
def test_table_errors_name_the_column(appel, message):
    with pytest.raises(CourseError) as erreur:
        appel(douze())
    assert str(erreur.value) == message


# ---------------------------------------------------------------------------------------------
# Multiple answers and verbatims
# ---------------------------------------------------------------------------------------------
def multiples() -> pd.DataFrame:
    return pd.DataFrame({
        "outils_fiche_de_liaison": [1, 1, 1, 0, 1, None],
        "outils_reunion_de_synthese": [1, 0, 1, 1, 0, None],
        "outils_messagerie_securisee": [0, 0, 1, 0, 0, None],
        "delai": [3, 10, 0, 5, 7, 2],
    })


def test_questions_multiples_counts_respondents_not_answers(q):
    tri = questions_multiples(multiples(), "outils")
    assert lignes(tri) == [["fiche de liaison", 4, 80.0], ["reunion de synthese", 3, 60.0],
                           ["messagerie securisee", 1, 20.0], ["Ensemble des répondants", 5, 100.0]]
    assert tri.attrs == {"n": 5, "sans_reponse": 1}
    avec_libelles = questions_multiples(multiples(), "outils", questionnaire=q, masquer=True)
    assert lignes(avec_libelles) == [["Fiche de liaison", 4, 80.0], ["Réunion de synthèse", 3, 60.0],
                                     ["Messagerie sécurisée", MASQUE, M], ["Ensemble des répondants", 5, 100.0]]


def test_questions_multiples_wants_0_or_1():
    tableau = multiples()
    tableau.loc[3, "outils_reunion_de_synthese"] = 2
    with pytest.raises(CourseError) as erreur:
        questions_multiples(tableau, "outils")
    assert str(erreur.value) == ("La colonne « outils_reunion_de_synthese » doit contenir 0 ou 1 : ligne 5 (ligne "
                                 "du tableur), « 2 ».")
    with pytest.raises(CourseError) as erreur:
        questions_multiples(tableau, "outil")
    assert str(erreur.value).startswith("Aucune colonne ne commence par « outil_ » (colonnes : outils_fiche_de_liaison")


def verbatims_tableau() -> pd.DataFrame:
    return pd.DataFrame({
        "verbatim": ["Appelez la référente au 06 12 34 56 78 ou écrivez à referente.spip@exemple.fr", None, "  ",
                     "Les sorties du   vendredi sont les plus dures", "Elle vit à Tulle depuis la sortie"],
        "verbatim_code": ["coordination", None, None, "sortie; Logement", "logement"],
    })


def test_verbatims_scrub_a_planted_phone_number_and_e_mail():
    resultat = verbatims(verbatims_tableau(), "verbatim")
    assert [(v.reponse, v.texte, v.a_verifier) for v in resultat] == [
        (0, "Appelez la référente au [passage retiré : donnée personnelle] ou écrivez à [passage retiré : donnée "
            "personnelle]", ()),
        (3, "Les sorties du vendredi sont les plus dures", ()),
        (4, "Elle vit à Tulle depuis la sortie", ("commune nommée « Tulle »",)),
    ]
    assert str(resultat[1]) == "Les sorties du vendredi sont les plus dures"
    assert resultat._repr_markdown_().endswith("> Elle vit à Tulle depuis la sortie\n\n"
                                               "*(à vérifier : commune nommée « Tulle »)*\n")


def test_verbatims_of_one_code():
    assert [v.reponse for v in verbatims(verbatims_tableau(), "verbatim", "logement")] == [3, 4]
    tableau = verbatims_tableau().rename(columns={"verbatim_code": "theme"})
    assert [v.reponse for v in verbatims(tableau, "verbatim", "coordination", colonne_code="theme")] == [0]
    with pytest.raises(CourseError) as erreur:
        verbatims(tableau, "verbatim", "logement")
    assert str(erreur.value) == ("La colonne « verbatim_code » n'existe pas dans le tableau (colonnes : verbatim, "
                                 "theme).")


# ---------------------------------------------------------------------------------------------
# The analysis plan
# ---------------------------------------------------------------------------------------------
PLAN = [
    {"type": "tri_a_plat", "colonnes": ["frein"], "titre": "Le frein principal"},
    {"type": "tri_croise", "colonnes": ["type_structure", "connait_siao"], "pourcentages": "colonne",
     "titre": "Connaître le SIAO selon la structure"},
    {"type": "barres", "colonnes": "frein", "titre": "Le frein principal cité", "trier": True},
]


def test_the_plan_reruns_the_same_tables_on_either_track():
    for masquer in (False, True):
        resultats = appliquer_plan(douze(), PLAN, masquer=masquer)
        assert [(r.titre, r.type) for r in resultats] == [("Le frein principal", "tri_a_plat"),
                                                          ("Connaître le SIAO selon la structure", "tri_croise"),
                                                          ("Le frein principal cité", "barres")]
        pd.testing.assert_frame_equal(resultats[0].tableau, tri_a_plat(douze(), "frein", masquer=masquer))
        pd.testing.assert_frame_equal(resultats[1].tableau,
                                      tri_croise(douze(), "type_structure", "connait_siao", "colonne", masquer=masquer))
        assert (resultats[0].figure, resultats[1].figure) == (None, None)


def test_the_bar_chart_is_accessible():
    barres = appliquer_plan(douze(), PLAN)[2]
    ax = barres.ax
    assert ax.get_title() == "Le frein principal cité (n = 12)"
    assert ax.get_xlabel() == "Part des personnes qui ont répondu (%)"
    assert ax.get_ylabel() == "Frein"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["logement", "ressources", "santé", "papiers", "mobilité"]
    assert ax.yaxis_inverted()  # the first answer on top, as in the table
    assert [round(p.get_width(), 1) for p in ax.patches] == [50.0, 25.0, 16.7, 8.3, 0.0]
    assert [t.get_text() for t in ax.texts] == ["50,0\u00a0%", "25,0\u00a0%", "16,7\u00a0%", "8,3\u00a0%", "0,0\u00a0%"]
    assert {to_hex(p.get_facecolor()) for p in ax.patches} == {ACCENT.lower()}  # one colour, the course's
    assert barres.description == ("Diagramme en barres, Le frein principal cité (n = 12). logement : 50,0\u00a0% ; "
                                  "ressources : 25,0\u00a0% ; santé : 16,7\u00a0% ; papiers : 8,3\u00a0% ; "
                                  "mobilité : 0,0\u00a0%.")
    image = barres.image_html()
    assert image.startswith('<img src="data:image/png;base64,iVBOR')
    assert image.endswith('alt="Diagramme en barres, Le frein principal cité (n = 12). logement : 50,0\u00a0% ; '
                          'ressources : 25,0\u00a0% ; santé : 16,7\u00a0% ; papiers : 8,3\u00a0% ; mobilité : '
                          '0,0\u00a0%.">')
    # Under the chart, the same sentence as a visible caption: the values in words, for every reader.
    legende = barres.figure_html()
    assert legende.startswith('<figure><img src="data:image/png;base64,iVBOR')
    assert legende.endswith('%.">' '<figcaption>Diagramme en barres, Le frein principal cité (n = 12). logement : '
                            '50,0\u00a0% ; ressources : 25,0\u00a0% ; santé : 16,7\u00a0% ; papiers : 8,3\u00a0% ; '
                            'mobilité : 0,0\u00a0%.</figcaption></figure>')


def test_vertical_bars_of_counts():
    plan = [{"type": "barres", "colonnes": ["frein"], "titre": "Freins", "valeurs": "effectif", "horizontal": False}]
    ax = appliquer_plan(douze(), plan)[0].ax
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Frein", "Nombre de personnes")
    assert [p.get_height() for p in ax.patches] == [6, 3, 2, 1, 0]
    assert ax.get_ylim() == pytest.approx((0.0, 7.2))  # room above the tallest bar for its value
    assert [t.get_text() for t in ax.texts] == ["6", "3", "2", "1", "0"]


def test_masked_answers_get_no_bar_only_words():
    plan = [{"type": "barres", "colonnes": ["frein"], "titre": "Freins", "valeurs": "effectif", "horizontal": False,
             "axe": "Frein principal"}]
    ax = appliquer_plan(douze(), plan, masquer=True)[0].ax
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Frein principal", "Nombre de personnes")
    assert [p.get_height() for p in ax.patches] == [6, 3, 0, 0, 0]
    assert [t.get_text() for t in ax.texts] == ["6", "3", "moins de 3 réponses", "moins de 3 réponses", "0"]


def test_a_bar_chart_of_a_multiple_question(q):
    plan = [{"type": "barres", "prefixe": "outils", "titre": "Outils partagés"}]
    resultat = appliquer_plan(multiples(), plan, questionnaire=q)[0]
    assert resultat.ax.get_title() == "Outils partagés (n = 5)"
    assert [t.get_text() for t in resultat.ax.get_yticklabels()] == ["Fiche de liaison", "Réunion de synthèse",
                                                                     "Messagerie sécurisée"]


@pytest.mark.parametrize(("plan", "message"), [
    ([{"type": "camembert", "colonnes": ["frein"], "titre": "T"}], "Plan d'analyse, étape 1 : le type « camembert » "
     "est inconnu (types possibles : tri_a_plat, tri_croise, questions_multiples, barres)."),
    ([PLAN[0], {"type": "tri_a_plat", "colonnes": ["frein"]}], "Plan d'analyse, étape 2 : chaque tableau et chaque "
     "graphique a un « titre »."),
    ([{"type": "tri_croise", "colonnes": ["frein"], "titre": "T"}], "Plan d'analyse, étape 1 : « tri_croise » demande "
     "deux colonnes (ligne, colonne) dans « colonnes »."),
    ([{"type": "tri_a_plat", "colonnes": ["freins"], "titre": "T"}], "Plan d'analyse, étape 1 : la colonne « freins » "
     "n'existe pas dans le tableau (colonnes : type_structure, connait_siao, frein)."),
    ([{"type": "tri_a_plat", "colonne": "frein", "titre": "T"}], "Plan d'analyse, étape 1 : clé inconnue « colonne » "
     "pour « tri_a_plat » (clés possibles : type, titre, colonnes)."),
    ([{"type": "questions_multiples", "titre": "T"}], "Plan d'analyse, étape 1 : « questions_multiples » demande un "
     "« prefixe » : le code de la question à choix multiples."),
    ([PLAN[2], {"type": "barres", "colonnes": ["frein"], "titre": "T", "valeurs": "%"}], "Plan d'analyse, étape 2 : "
     "« valeurs » vaut « pourcentage » ou « effectif »."),
])
def test_every_step_is_checked_before_any_runs(plan, message):
    with pytest.raises(CourseError) as erreur:
        appliquer_plan(douze(), plan)
    assert str(erreur.value) == message


# ---------------------------------------------------------------------------------------------
# The protocol (pure functions; the form is tested in test_widget_protocole.py)
# ---------------------------------------------------------------------------------------------
def protocole() -> dict[str, str]:
    p = protocole_vide()
    p.update(question_depart="Comment les professionnels préparent-ils la sortie de détention ?",
             objectifs="- connaître les délais d'information\n- repérer les freins  \n",
             consentement="Information orale et écrite ; accord recueilli avant chaque questionnaire.")
    return p


def test_the_protocol_yaml_keeps_every_field_in_order():
    assert protocole_en_yaml(protocole()) == (
        "question_depart: Comment les professionnels préparent-ils la sortie de détention ?\n"
        "objectifs: |-\n"
        "  - connaître les délais d'information\n"
        "  - repérer les freins\n"
        "hypotheses: ''\npopulation: ''\nechantillon: ''\nmethode: ''\ncalendrier: ''\n"
        "consentement: Information orale et écrite ; accord recueilli avant chaque questionnaire.\n"
        "anonymisation: ''\nrestitution: ''\n")


def test_the_protocol_as_markdown_to_quote():
    texte = afficher_protocole(protocole())
    assert texte.startswith("**Protocole d'enquête**\n\n"
                            "**Question de départ**\n\nComment les professionnels préparent-ils la sortie de "
                            "détention ?\n\n**Objectifs**\n\n- connaître les délais d'information\n"
                            "- repérer les freins\n\n**Hypothèses**\n\n*(à compléter)*\n\n")
    assert texte.endswith("**Restitution**\n\n*(à compléter)*\n")
    assert "####" not in texte  # quoting it never cuts the written answer's parts


def test_the_protocol_checks_are_mechanical():
    p = protocole()
    p["population"] = "Les CPIP du SPIP ; contact : 06 12 34 56 78"
    p["echantillon"] = "Des professionnels qui travaillent à Tulle"
    assert problemes_protocole(p) == ["Population : donnée personnelle à retirer (téléphone)."]
    assert avertissements_protocole(p) == [
        "Reste à remplir : Hypothèses, Méthode, Calendrier, Anonymisation, Restitution.",
        "Échantillon : à vérifier, commune nommée « Tulle » (identification indirecte ?).",
    ]
    with pytest.raises(CourseError) as erreur:
        ecrire_protocole(p, "protocole.yaml")
    assert str(erreur.value) == ("Le protocole n'est pas enregistré dans « protocole.yaml » : Population : donnée "
                                 "personnelle à retirer (téléphone).")


def test_the_protocol_file_is_read_back(tmp_path):
    ecrire_protocole(protocole(), tmp_path / "protocole.yaml")
    assert lire_protocole(dossier=tmp_path) == {**protocole(), "objectifs": "- connaître les délais d'information\n"
                                                                             "- repérer les freins"}
    with pytest.raises(CourseError) as erreur:
        lire_protocole("autre.yaml", tmp_path)
    assert str(erreur.value) == ("Le fichier « autre.yaml » n'existe pas encore : remplissez le formulaire "
                                 "nouveau_protocole() puis cliquez sur « Enregistrer le protocole ».")


@pytest.mark.parametrize(("contenu", "message"), [
    ({"question": "x"}, "clé inconnue « question » (clés possibles : question_depart, objectifs, hypotheses, "
     "population, echantillon, methode, calendrier, consentement, anonymisation, restitution)."),
    ({"objectifs": ["a", "b"]}, "la clé « objectifs » doit contenir un texte."),
])
def test_a_wrong_protocol_file_names_the_key(contenu, message):
    with pytest.raises(CourseError) as erreur:
        valider_protocole(contenu)
    assert str(erreur.value) == f"Le fichier « protocole.yaml » est mal rempli : {message}"
    assert valider_protocole({"calendrier": 2026, "methode": None}) == {**protocole_vide(), "calendrier": "2026"}


# ---------------------------------------------------------------------------------------------
# The interview guide
# ---------------------------------------------------------------------------------------------
GUIDE = (
    "**Guide d'entretien**\n\n"
    "**Consigne de départ.** Pouvez-vous me raconter comment se passe, pour vous, une sortie de détention ?\n\n"
    "**Thèmes et relances**\n\n"
    "1. Le jour de la sortie\n"
    "   - Comment êtes-vous prévenu de la date ?\n"
    "   - Qui vous prévient ?\n"
    "2. Les semaines qui suivent\n\n"
    "**Pour conclure.** Voulez-vous ajouter quelque chose ?\n"
)


def test_the_interview_guide_from_the_notebook_and_from_a_file(tmp_path):
    themes = {"Le jour de la sortie": ["Comment êtes-vous prévenu de la date ?", "Qui vous prévient ?"],
              "Les semaines qui suivent": []}
    consigne = "Pouvez-vous me raconter comment se passe, pour vous, une sortie de détention ?"
    assert guide_entretien(consigne, themes, conclusion="Voulez-vous ajouter quelque chose ?") == GUIDE
    (tmp_path / "guide_entretien.yaml").write_text(yaml.safe_dump({
        "consigne": consigne,
        "themes": [{"theme": theme, "relances": relances} for theme, relances in themes.items()],
        "conclusion": "Voulez-vous ajouter quelque chose ?"}, allow_unicode=True), encoding="utf-8")
    assert lire_guide(dossier=tmp_path) == GUIDE


@pytest.mark.parametrize(("arguments", "message"), [
    (("", {"T": []}), "Guide d'entretien : la consigne de départ doit être un texte (la première question, large et "
     "ouverte)."),
    (("Racontez-moi.", {}), "Guide d'entretien : il faut au moins un thème."),
    (("Racontez-moi.", {"Le suivi": "Qui appelle Mme Dupont ?"}), "Guide d'entretien : donnée personnelle à retirer "
     "(nom complet)."),
])
def test_a_wrong_guide_says_what_to_fix(arguments, message):
    with pytest.raises(CourseError) as erreur:
        guide_entretien(*arguments)
    assert str(erreur.value) == message
