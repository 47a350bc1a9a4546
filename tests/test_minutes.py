"""The jury's documents on the hand-built cohort of tests/test_deliberation.py: the procès-verbal's exact content
and totals, who gets which attestation and certificate, the certification body's templates and settings, new
versions after a reopening, and `casp jury` end to end."""
from __future__ import annotations

import html as html_module
import re
import shutil
from datetime import date

import pytest
from markupsafe import escape

from course.cli import main
from course.grading.deliberation import load_session, record_decision, reopen
from course.reports.livret import ReportError
from course.reports.minutes import CertificationBody, load_body, write_minutes
from tests.test_deliberation import DAY, MEMBERS, SESSION, blank_gradebook, cohort, db_url, state  # noqa: F401

REPO = __import__("pathlib").Path(__file__).resolve().parents[1]
BODY = CertificationBody(nom="Institut régional du travail social « Rhône-Alpes »",
                         adresse="12 rue de l'Égalité\n69007 Lyon", signataire="Mme Hélène Dumas",
                         qualite="directrice de la certification")
PLACE = "Lyon, salle 204"
PREFIX = "casp-test-"


def text_of(html: str) -> str:
    """The page's body text, tags removed and spaces collapsed: what a reader (or a screen reader) reads."""
    body = html.split("<body>", 1)[-1]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).replace(" .", ".").replace(" ,", ",").strip()
    return html_module.unescape(text)


def issue(db_url, cohort, out, **options):  # noqa: F811
    return write_minutes(db_url, cohort, SESSION, options.pop("day", DAY), PLACE, MEMBERS, out, BODY, **options)


@pytest.fixture
def issued(cohort, db_url, tmp_path):  # noqa: F811
    """The session's procès-verbal n° 1, after the jury moved Cléo's bloc 1 to « acquis »."""
    record_decision(db_url, cohort, SESSION, "cleo", "B1", "acquis", "Oral de rattrapage probant devant le jury.",
                    "Mme Anne Bréval")
    return issue(db_url, cohort, tmp_path / "jury")


def test_who_gets_which_document(issued, tmp_path):
    folder = tmp_path / "jury" / "session-de-decembre-2026" / "pv-1"
    assert issued.folder == folder
    assert sorted(p.name for p in folder.iterdir()) == [
        "attestation_ana.html", "attestation_ben.html", "attestation_cleo.html", "certificat_ana.html",
        "proces-verbal.html",
    ]  # dan validated no bloc: no attestation; only ana has all five blocs
    assert {sid: [p.name for p in paths] for sid, paths in issued.certificates.items()} == {
        "ana": ["certificat_ana.html"]}
    assert sorted(issued.attestations) == ["ana", "ben", "cleo"]
    assert (issued.session.status, issued.session.latest.version) == ("close", 1)


def test_minutes_totals_members_and_signatures(issued):
    html = issued.minutes[0].read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="fr">')
    text = text_of(html)
    for fragment in [
        "Procès-verbal de délibération du jury — n° 1",
        "Chargé d'accompagnement social et professionnel",
        "Certification professionnelle enregistrée au RNCP sous le code RNCP7426",
        "Session Session de décembre 2026 Date de la délibération 3 décembre 2026 Lieu Lyon, salle 204",
        f"Membres du jury {MEMBERS[0]} {MEMBERS[1]}",
        "Candidats 4",
        "Blocs validés (toutes candidatures) 8 sur 20",
        "Certifications complètes (les 5 blocs acquis) 1",
        "Validations partielles (au moins un bloc acquis) 2",
        "Décisions modifiées par le jury 1",
        "Bloc 1 — Réception, analyse de la demande et élaboration d'un premier diagnostic 3 sur 4",
        "Fait à Lyon, salle 204, le 3 décembre 2026.",
    ]:
        assert fragment in text, fragment
    by_bloc = re.findall(r"<th scope=\"row\">Bloc (\d) — [^<]+</th><td class=\"num\">(\d) sur 4</td>", html)
    assert by_bloc == [("1", "3"), ("2", "2"), ("3", "1"), ("4", "1"), ("5", "1")]
    signatures = re.findall(r'<div class="signature"><p>([^<]+)</p><p class="line">Signature</p></div>', html)
    assert signatures == [str(escape(member)) for member in MEMBERS]
    assert html.count('scope="col"') == 2 + 3 * 4 and "<caption>Totaux de la session</caption>" in html


def test_minutes_per_candidate(issued):
    html = issued.minutes[0].read_text(encoding="utf-8")
    candidates = dict(re.findall(r'<article class="candidate" id="candidat-(\w+)">\s*<h3>([^<]+)</h3>', html))
    assert candidates == {
        "ana": "Anaïs Côté-Rivière (ana) — 5 blocs acquis sur 5 : certification complète",
        "ben": "Benoît L&#39;Hôpital (ben) — 2 blocs acquis sur 5",
        "cleo": "Cléo Martin &amp; &lt;Fils&gt; (cleo) — 1 bloc acquis sur 5",
        "dan": "Dan Ngo (dan) — 0 bloc acquis sur 5",
    }
    cleo = text_of(html.split('id="candidat-cleo"')[1].split("</article>")[0])
    assert ("Bloc 1 — Réception, analyse de la demande et élaboration d'un premier diagnostic ✓ Acquis "
            "Décision modifiée par le jury (décision calculée : Non acquis) : Oral de rattrapage probant devant le "
            "jury. Enregistrée par Mme Anne Bréval le ") in cleo
    assert ("Motif de la décision calculée : Modalité(s) sous 10/20 : M1.1 (8/20), M1.2 (8/20), M1.3 (8/20), "
            "M1.4 (8/20).") in cleo
    assert "Remarques du jury : Oral très solide ; « progression » remarquable." in cleo
    dan = text_of(html.split('id="candidat-dan"')[1].split("</article>")[0])
    assert dan.count("✗ Non acquis Décision calculée : Aucune note pour") == 5
    assert dan.endswith("Remarques du jury : aucune.")


def test_attestations_and_certificate(issued):
    ben = text_of(issued.attestations["ben"][0].read_text(encoding="utf-8"))
    assert ben.startswith(
        "Institut régional du travail social « Rhône-Alpes » 12 rue de l'Égalité 69007 Lyon "
        "Attestation de validation de bloc(s) de compétences "
        "Certification professionnelle « Chargé d'accompagnement social et professionnel », enregistrée au RNCP sous "
        "le code RNCP7426 (Arrêté du 30 août 2016 (JO du 7 septembre 2016)) "
        "Mme Hélène Dumas, directrice de la certification, atteste que Benoît L'Hôpital a validé, devant le jury de "
        "la session « Session de décembre 2026 » réuni le 3 décembre 2026 à Lyon, salle 204, les 2 blocs de "
        "compétences suivants : Bloc Intitulé "
        "B1 (bloc 1) Réception, analyse de la demande et élaboration d'un premier diagnostic "
        "B2 (bloc 2) ")
    assert "B3 (bloc 3)" not in ben and ben.endswith(
        "Fait à Lyon, salle 204, le 3 décembre 2026. Mme Hélène Dumas, directrice de la certification "
        "Signature et cachet")
    cleo = text_of(issued.attestations["cleo"][0].read_text(encoding="utf-8"))
    assert "le bloc de compétences suivant : Bloc Intitulé B1 (bloc 1) Réception" in cleo
    assert "B2 (bloc 2)" not in cleo
    ana = text_of(issued.certificates["ana"][0].read_text(encoding="utf-8"))
    assert ("Certificat « Chargé d'accompagnement social et professionnel » Certification professionnelle "
            "enregistrée au RNCP sous le code RNCP7426") in ana
    assert ("certifie que Anaïs Côté-Rivière a obtenu la certification professionnelle « Chargé d'accompagnement "
            "social et professionnel » (RNCP7426)") in ana
    assert re.findall(r"B\d \(bloc (\d)\)", ana) == ["1", "2", "3", "4", "5"]


def test_a_new_version_after_reopening_keeps_the_first(issued, cohort, db_url, tmp_path):  # noqa: F811
    first = issued.minutes[0].read_bytes()
    reopen(db_url, SESSION, "Erreur de saisie sur le bloc 2 de Benoît.", "Mme Anne Bréval")
    record_decision(db_url, cohort, SESSION, "ben", "B3", "acquis", "Dossier complémentaire recevable.", "M. Lefèvre")
    second = issue(db_url, cohort, tmp_path / "jury", day=date(2026, 12, 10))
    assert second.folder.name == "pv-2" and issued.minutes[0].read_bytes() == first
    text = text_of(second.minutes[0].read_text(encoding="utf-8"))
    assert ("Ce procès-verbal n° 2 remplace le procès-verbal n° 1 du 3 décembre 2026, après réouverture de la "
            "session.") in text
    assert "Blocs validés (toutes candidatures) 9 sur 20" in text and "Décisions modifiées par le jury 2" in text
    assert "les 3 blocs de compétences suivants" in text_of(second.attestations["ben"][0].read_text(encoding="utf-8"))


def test_the_body_can_replace_a_template(cohort, db_url, tmp_path):  # noqa: F811
    models = tmp_path / "modeles"
    models.mkdir()
    (models / "attestation.html.j2").write_text(
        "<!DOCTYPE html><html lang=\"fr\"><title>A</title><p>{{ body.nom }} : {{ learner.name }}, "
        "{% for bloc in blocs %}{{ bloc.id }} {% endfor %}</p></html>", encoding="utf-8")
    output = issue(db_url, cohort, tmp_path / "jury", templates_dir=models)
    assert output.attestations["ben"][0].read_text(encoding="utf-8") == (
        "<!DOCTYPE html><html lang=\"fr\"><title>A</title><p>Institut régional du travail social « Rhône-Alpes » : "
        "Benoît L&#39;Hôpital, B1 B2 </p></html>")
    assert "Procès-verbal de délibération du jury" in output.minutes[0].read_text(encoding="utf-8")  # packaged


def test_a_broken_template_writes_nothing_and_locks_nothing(cohort, db_url, tmp_path):  # noqa: F811
    models = tmp_path / "modeles"
    models.mkdir()
    (models / "certificat.html.j2").write_text("<p>\n{% for bloc in blocs %}\n{{ bloc.id }\n</p>", encoding="utf-8")
    before = state(db_url)
    with pytest.raises(ReportError) as refused:
        issue(db_url, cohort, tmp_path / "jury", templates_dir=models)
    assert str(refused.value).startswith(f"{models / 'certificat.html.j2'} : modèle invalide (ligne 3) : ")
    assert state(db_url) == before and load_session(db_url, SESSION) is None
    assert list((tmp_path / "jury" ).glob("**/*.html")) == []


@pytest.mark.parametrize("content, message", [
    (None, "fichier introuvable ; il décrit l'organisme certificateur imprimé sur les attestations (attendu : nom, "
           "adresse, signataire et qualite (la fonction du signataire))."),
    ("nom: IRTS\nadresse: [12 rue\n", "YAML invalide (ligne 3) : "),
    ("- nom\n", "le fichier doit être une suite de champs « nom: valeur »"),
    ("nom: IRTS\nadresse: Lyon\nsignataire: ' '\ncachet: oui\n",
     "champ « signataire » vide ; champ « qualite » manquant ; champ « cachet » inconnu (attendu : nom, adresse, "
     "signataire et qualite (la fonction du signataire))."),
])
def test_bad_body_settings(tmp_path, content, message):
    path = tmp_path / "certificateur.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ReportError) as refused:
        load_body(path)
    assert str(refused.value).startswith(f"{path} : {message}")


def test_pdf_documents(cohort, db_url, tmp_path):  # noqa: F811
    pytest.importorskip("weasyprint")
    output = issue(db_url, cohort, tmp_path / "jury", pdf=True)
    assert [p.name for p in output.certificates["ana"]] == ["certificat_ana.html", "certificat_ana.pdf"]
    assert output.minutes[1].read_bytes().startswith(b"%PDF-")


def test_casp_jury_end_to_end(tmp_path, capsys, cohort, blank_gradebook):  # noqa: F811
    """The commands on a course folder: its gradebook has the four learners and no copy (every bloc non acquis)."""
    course = tmp_path / "cours"
    shutil.copytree(cohort.catalogue.course_dir / "assignments", course / "assignments")
    shutil.copy(REPO / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copy(blank_gradebook, course / "gradebook.db")
    (course / "modeles").mkdir()
    (course / "modeles" / "certificateur.yaml").write_text(
        "nom: IRTS Rhône-Alpes\nadresse: |\n  12 rue de l'Égalité\n  69007 Lyon\nsignataire: Mme Hélène Dumas\n"
        "qualite: directrice de la certification\n", encoding="utf-8")
    casp = ["--course-dir", str(course), "jury"]
    assert main([*casp, "decision", "--session", SESSION, "cleo", "B2", "acquis", "--motif", "Oral probant.",
                 "--par", "Mme Anne Bréval"]) == 0
    assert capsys.readouterr().out == ("Session « Session de décembre 2026 », cleo, bloc B2 : Acquis (remplace la "
                                       "décision calculée « Non acquis »).\n")
    pv = [*casp, "pv", "--session", SESSION, "--date", "2026-12-03", "--lieu", PLACE, "--membre", MEMBERS[0],
          "--membre", MEMBERS[1], "--out", str(tmp_path / "jury")]
    assert main(pv) == 0
    out = capsys.readouterr().out
    assert out == (f"Procès-verbal n° 1 de la session « Session de décembre 2026 » écrit dans "
                   f"{tmp_path / 'jury' / 'session-de-decembre-2026' / 'pv-1'} : 1 attestation(s) de blocs, "
                   "0 certificat(s).\nLes décisions de la session sont verrouillées ; pour en modifier une : casp jury "
                   "rouvrir --session \"Session de décembre 2026\" --motif \"…\" --par \"…\".\n")
    assert main([*casp, "decision", "--session", SESSION, "cleo", "B3", "acquis", "--motif", "Oral.",
                 "--par", "X"]) == 2
    assert "est close : son procès-verbal n° 1 du 3 décembre 2026 a été émis" in capsys.readouterr().err
    assert main([*casp, "rouvrir", "--session", SESSION, "--motif", "Recours.", "--par", "Mme Anne Bréval"]) == 0
    assert capsys.readouterr().out == ("Session « Session de décembre 2026 » rouverte : ses décisions peuvent être "
                                       "modifiées ; le prochain procès-verbal portera le n° 2.\n")
    assert main([*pv[:6], "--date", "2026-13-01", *pv[8:]]) == 2
    assert capsys.readouterr().err.strip().endswith("--date « 2026-13-01 » : cette date n'existe pas (format "
                                                    "AAAA-MM-JJ).")
    assert main([*casp, "decision", "--session", SESSION, "zoe", "B1", "acquis", "--motif", "M.", "--par", "X"]) == 2
    assert capsys.readouterr().err == ("casp : casp jury decision : rien n'a été enregistré :\n"
                                       "  - apprenant inconnu « zoe » (absent du carnet de notes).\n")
