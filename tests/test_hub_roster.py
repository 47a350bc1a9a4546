"""The hub roster (course/hub/roster.py): who gets an account, read from the CSV a trainer fills in."""
from __future__ import annotations

from dataclasses import replace

import pytest

from course import CourseError
from course.hub.roster import (HEADER, LEARNER, TRAINER, Account, Roster, check_hub_login, read_roster,
                               write_roster)

HEAD = "identifiant;nom;courriel;rôle\r\n"
GOOD = HEAD + ("aabadie;Amina Abadie;amina.abadie@exemple.fr;apprenante\r\n"
               "bdurand;Benoît Durand;benoit.durand@exemple.fr;Formateur\r\n"
               "c_lefevre-2;Céline Lefèvre;celine@exemple.fr;apprenant\r\n")
ROWS = GOOD.split("\r\n", 1)[1]
AMINA = Account("aabadie", "Amina Abadie", "amina.abadie@exemple.fr", LEARNER, 2)
BENOIT = Account("bdurand", "Benoît Durand", "benoit.durand@exemple.fr", TRAINER, 3)
CELINE = Account("c_lefevre-2", "Céline Lefèvre", "celine@exemple.fr", LEARNER, 4)
ROLES = "valeurs acceptées : apprenant, apprenante, formateur, formatrice"
LOGIN_RULE = ("lettres minuscules sans accent, chiffres, « _ » ou « - », en commençant par une lettre ou « _ », "
              "sans espace, 32 caractères au plus.")
EXPECTED_HEADER = "En-tête attendu : « identifiant;nom;courriel;rôle » (séparateur « ; » ou « , »)."
CP1252_NOTE = ("{path} : fichier lu en Windows-1252 (cp1252) car il n'est pas en UTF-8 ; vérifiez les accents des "
               "commentaires importés. À l'avenir, enregistrez au format « CSV UTF-8 ».")


def write(tmp_path, text: str, encoding="utf-8"):
    path = tmp_path / "equipe.csv"
    path.write_bytes(text.encode(encoding))
    return path


def error_of(path) -> str:
    with pytest.raises(CourseError) as error:
        read_roster(path)
    return str(error.value)


def problems(tmp_path, *rows: str) -> str:
    """The message for a roster whose data rows are `rows` (lines 2, 3, …)."""
    return error_of(write(tmp_path, HEAD + "".join(row + "\r\n" for row in rows)))


def report(tmp_path, *lines: str) -> str:
    return (f"{tmp_path / 'equipe.csv'} : {len(lines)} problème(s), aucun compte créé :\n"
            + "\n".join(f"  {line}" for line in lines))


def test_good_roster_with_semicolons(tmp_path):
    path = write(tmp_path, GOOD)
    roster = read_roster(path)
    assert roster == Roster(path, (AMINA, BENOIT, CELINE), ())
    assert (roster.learners, roster.trainers) == ((AMINA, CELINE), (BENOIT,))


def test_good_roster_with_commas_and_a_quoted_name(tmp_path):
    path = write(tmp_path, 'identifiant,nom,courriel,rôle\n'
                           'aabadie,"Abadie, Amina",amina.abadie@exemple.fr,apprenante\n')
    assert read_roster(path) == Roster(path, (replace(AMINA, name="Abadie, Amina"),), ())


def test_excel_windows_1252_is_read_with_its_note(tmp_path):
    path = write(tmp_path, GOOD, "cp1252")
    assert read_roster(path) == Roster(path, (AMINA, BENOIT, CELINE), (CP1252_NOTE.format(path=path),))


def test_bom_blank_lines_and_a_row_spanning_two_lines(tmp_path):
    path = write(tmp_path, "\r\n" + HEAD + ";;;\r\n"                            # lines 1–3
                 + 'aabadie;Amina Abadie;amina.abadie@exemple.fr;apprenante\r\n'  # line 4
                 + "\r\n" + "bdurand;Benoît Durand;benoit.durand@exemple.fr;Formateur;;\r\n", "utf-8-sig")
    assert read_roster(path).accounts == (replace(AMINA, line=4), replace(BENOIT, line=6))


def test_a_name_on_two_lines_or_with_a_colon_is_refused(tmp_path):
    """The name becomes the Unix account's comment field in /etc/passwd: one line, no « : »."""
    path = write(tmp_path, HEAD + 'aabadie;"Amina\r\nAbadie";amina.abadie@exemple.fr;apprenante\r\n'
                 + "bdurand;Benoît : Durand;benoit.durand@exemple.fr;formateur\r\n")
    with pytest.raises(CourseError) as error:
        read_roster(path)
    assert str(error.value) == (
        f"{path} : 2 problème(s), aucun compte créé :\n"
        "  ligne 2 : nom « Amina Abadie » invalide : ni retour à la ligne ni « : ».\n"
        "  ligne 4 : nom « Benoît : Durand » invalide : ni retour à la ligne ni « : »."
    )


@pytest.mark.parametrize("header", ["Identifiant;Nom;Courriel;Rôle", "IDENTIFIANT;NOM;COURRIEL;ROLE",
                                    " identifiant ; nom ; courriel ; role "])
def test_header_spellings(tmp_path, header):
    path = write(tmp_path, header + "\r\n" + ROWS)
    assert read_roster(path).accounts == (AMINA, BENOIT, CELINE)


@pytest.mark.parametrize("text, details", [
    ("identifiant;nom\r\n" + ROWS, "colonne(s) manquante(s) : courriel, rôle"),
    ("identifiant;nom;mail;rôle;Groupe\r\n" + ROWS, "colonne(s) manquante(s) : courriel ; colonne(s) inconnue(s) : "
                                                    "« mail », « Groupe »"),
    ("identifiant;nom;courriel;rôle;Nom\r\n" + ROWS, "colonne(s) en double : nom"),
    (ROWS, "colonne(s) manquante(s) : identifiant, nom, courriel, rôle ; colonne(s) inconnue(s) : « aabadie », "
           "« Amina Abadie », « amina.abadie@exemple.fr », « apprenante »"),  # the header line was forgotten
    ("", "colonne(s) manquante(s) : identifiant, nom, courriel, rôle"),
])
def test_bad_header(tmp_path, text, details):
    path = write(tmp_path, text)
    assert error_of(path) == f"{path} : en-tête invalide ({details}). {EXPECTED_HEADER}"


def test_no_account(tmp_path):
    path = write(tmp_path, "\r\n" + HEAD + "\r\n;;;\r\n")
    assert error_of(path) == f"{path} : aucun compte, le fichier ne contient que l'en-tête « {';'.join(HEADER)} »."


@pytest.mark.parametrize("login", ["jean.dupont", "1abadie", "-abadie", "élodie", "a badie", "a+b", "a*b",
                                   "a" * 33])
def test_invalid_login(tmp_path, login):
    assert problems(tmp_path, f"{login};Amina Abadie;a@exemple.fr;apprenant") == report(
        tmp_path, f"ligne 2 : identifiant « {login} » invalide : {LOGIN_RULE}")
    with pytest.raises(CourseError) as error:
        check_hub_login(login)
    assert str(error.value) == f"Identifiant « {login} » invalide : {LOGIN_RULE}"


@pytest.mark.parametrize("login", ["_abadie", "a", "a" * 32, "abadie-2_b"])
def test_valid_login(login):
    assert check_hub_login(login) == login


def test_upper_case_login_gets_its_lower_case_form(tmp_path):
    assert problems(tmp_path, "AAbadie;Amina Abadie;a@exemple.fr;apprenant") == report(
        tmp_path, "ligne 2 : identifiant « AAbadie » en majuscules : les identifiants s'écrivent en minuscules, "
                  "« aabadie ».")


@pytest.mark.parametrize("login", ["root", "postgres", "nobody", "admin", "daemon", "www-data", "jupyterhub", "Root"])
def test_reserved_logins(tmp_path, login):
    assert problems(tmp_path, f"{login};Amina Abadie;a@exemple.fr;apprenant") == report(
        tmp_path, f"ligne 2 : identifiant « {login} » réservé au système (identifiants réservés : root, postgres, "
                  "nobody, admin, daemon, www-data, jupyterhub et ceux qui commencent par « correcteur- »).")


def test_grader_logins_are_reserved(tmp_path):
    assert problems(tmp_path, "correcteur-m21;Amina Abadie;a@exemple.fr;formateur") == report(
        tmp_path, "ligne 2 : identifiant « correcteur-m21 » réservé : les comptes « correcteur-<cours> » des "
                  "correcteurs sont créés par casp.")


@pytest.mark.parametrize("row, problem", [
    (";Amina Abadie;a@exemple.fr;apprenant", "identifiant manquant."),
    ("aabadie;;a@exemple.fr;apprenant", "nom manquant."),
    ("aabadie;Amina Abadie;;apprenant", "courriel manquant."),
    ("aabadie;Amina Abadie;amina.abadie;apprenant", "courriel « amina.abadie » invalide (forme attendue : "
                                                    "nom@domaine.fr)."),
    ("aabadie;Amina Abadie;amina@exemple;apprenant", "courriel « amina@exemple » invalide (forme attendue : "
                                                     "nom@domaine.fr)."),
    ("aabadie;Amina Abadie;a b@exemple.fr;apprenant", "courriel « a b@exemple.fr » invalide (forme attendue : "
                                                      "nom@domaine.fr)."),
    ("aabadie;Amina Abadie;a@exemple.fr;", f"rôle manquant ({ROLES})."),
    ("aabadie;Amina Abadie;a@exemple.fr;stagiaire", f"rôle inconnu « stagiaire » ({ROLES})."),
    ("aabadie;Amina Abadie;a@exemple.fr;apprenant;x", "5 cellules au lieu de 4 (identifiant, nom, courriel, rôle) ; "
                                                      "une cellule qui contient le séparateur « ; » doit être entre "
                                                      "guillemets."),
])
def test_one_problem_per_rule(tmp_path, row, problem):
    assert problems(tmp_path, row) == report(tmp_path, f"ligne 2 : {problem}")


@pytest.mark.parametrize("written, role", [("apprenant", LEARNER), ("Apprenante", LEARNER), ("FORMATEUR", TRAINER),
                                           ("formatrice", TRAINER), ("Formatrîce", TRAINER)])
def test_roles_without_accents_or_case(tmp_path, written, role):
    path = write(tmp_path, HEAD + f"aabadie;Amina Abadie;amina.abadie@exemple.fr;{written}\r\n")
    assert read_roster(path).accounts == (replace(AMINA, role=role),)


def test_duplicates_name_both_lines(tmp_path):
    assert problems(tmp_path, "aabadie;Amina Abadie;amina@exemple.fr;apprenant",
                    "bdurand;Benoît Durand;Amina@Exemple.fr;formateur",
                    "aabadie;Amina Abadie bis;amina.bis@exemple.fr;apprenant") == report(
        tmp_path, "ligne 3 : courriel « Amina@Exemple.fr » en double : déjà donné ligne 2.",
        "ligne 4 : identifiant « aabadie » en double : déjà donné ligne 2.")


def test_every_problem_is_reported_sorted_by_line(tmp_path):
    assert problems(tmp_path, "aabadie;Amina Abadie;amina@exemple.fr;apprenant",
                    "Jean.Dupont;;jean@;élève",
                    "",
                    'root;"Rémi\r\nRoot";remi@exemple.fr;formatrice',
                    "cmartin;Chloé Martin;AMINA@exemple.fr;apprenant") == report(
        tmp_path, f"ligne 3 : identifiant « Jean.Dupont » invalide : {LOGIN_RULE}",
        "ligne 3 : nom manquant.",
        "ligne 3 : courriel « jean@ » invalide (forme attendue : nom@domaine.fr).",
        f"ligne 3 : rôle inconnu « élève » ({ROLES}).",
        "ligne 5 : identifiant « root » réservé au système (identifiants réservés : root, postgres, nobody, admin, "
        "daemon, www-data, jupyterhub et ceux qui commencent par « correcteur- »).",
        "ligne 5 : nom « Rémi Root » invalide : ni retour à la ligne ni « : ».",
        "ligne 7 : courriel « AMINA@exemple.fr » en double : déjà donné ligne 2.")


def test_write_then_read_round_trip(tmp_path):
    accounts = [Account("eleroy", "Élodie Le Roy-Fañch", "elodie@exemple.fr", LEARNER),
                Account("nberger", "Noël Bergé; « Nono »", "noel@exemple.fr", TRAINER)]
    path = write_roster(accounts, tmp_path / "comptes.csv")
    assert path.read_bytes() == ("identifiant;nom;courriel;rôle\r\n"
                                 "eleroy;Élodie Le Roy-Fañch;elodie@exemple.fr;apprenant\r\n"
                                 'nberger;"Noël Bergé; « Nono »";noel@exemple.fr;formateur\r\n').encode("utf-8")
    assert read_roster(path) == Roster(path, (replace(accounts[0], line=2), replace(accounts[1], line=3)), ())
