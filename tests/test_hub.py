"""The course on a real JupyterHub (issue 13): accounts, the whole cycle through the hub, isolation.

Runs as root (CI does), or is skipped with the reason. One hub for the module (tests/hub.py): PostgreSQL
gradebook, two learners, a trainer and the grader account, all throwaway.
"""
from __future__ import annotations

import json
import pwd
import subprocess
import textwrap

import nbformat
import pytest

from course.demo.cohort import fill_notebook
from tests.hub import ASSIGNMENT, COURSE_ID, REPO, hub, run_in_kernel  # noqa: F401  (hub: the module's fixture)

pytestmark = pytest.mark.hub
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
SANDBOX_PROBE = "# sonde du test : où ce code s'exécute-t-il ?"


def learners_copy(course_dir) -> nbformat.NotebookNode:
    """The released notebook completed with the model answers, plus a cell that says where autograde ran it."""
    released = nbformat.read(REPO / "release" / ASSIGNMENT / NOTEBOOK, as_version=4)
    source = nbformat.read(REPO / "source" / ASSIGNMENT / NOTEBOOK, as_version=4)
    notebook = fill_notebook(released, source, "excellent", seed=1)
    notebook.cells.append(nbformat.v4.new_code_cell(textwrap.dedent(f"""\
        {SANDBOX_PROBE}
        import os, socket
        print("SONDE", socket.gethostname(), os.getuid(), os.path.exists({str(course_dir / 'source')!r}))""")))
    return notebook


def test_servers_and_kernels_run_as_their_user(hub):
    hub.admin.start_server(hub.learner)
    learner = hub.as_user(hub.learner)
    assert run_in_kernel(learner, hub.learner, "import getpass; print(getpass.getuser())") == hub.learner + "\n"
    owners = subprocess.run(["ps", "-o", "user:32=", "-C", "jupyterhub-singleuser"], capture_output=True,
                            text=True).stdout.split()
    assert hub.learner in owners and hub.layout.grader in owners  # the grader's formgrader service
    assert "root" not in owners


def test_a_learner_submits_and_gets_feedback_through_the_hub(hub):
    hub.admin.start_server(hub.learner)
    learner, trainer = hub.as_user(hub.learner), hub.as_user(hub.trainer)
    listed = learner.json("GET", f"/user/{hub.learner}/assignments?course_id={COURSE_ID}")["value"]
    assert [(a["assignment_id"], a["status"]) for a in listed] == [(ASSIGNMENT, "released")]
    query = f"?course_id={COURSE_ID}&assignment_id={ASSIGNMENT}"
    assert learner.json("POST", f"/user/{hub.learner}/assignments/fetch{query}")["success"] is True
    path = f"{COURSE_ID}/{ASSIGNMENT}/{NOTEBOOK}"
    learner.json("PUT", f"/user/{hub.learner}/api/contents/{path}",
                 {"type": "notebook", "format": "json", "content": learners_copy(hub.layout.course_dir)})
    assert learner.json("POST", f"/user/{hub.learner}/assignments/submit{query}")["success"] is True

    formgrader = f"/services/{COURSE_ID}/formgrader/api"
    for step in (f"assignment/{ASSIGNMENT}/collect", f"submission/{ASSIGNMENT}/{hub.learner}/autograde",
                 f"assignment/{ASSIGNMENT}/{hub.learner}/generate_feedback",
                 f"assignment/{ASSIGNMENT}/{hub.learner}/release_feedback"):
        result = trainer.json("POST", f"{formgrader}/{step}", timeout=300)
        assert result["success"] is True, result
    fetched = learner.json("POST", f"/user/{hub.learner}/assignments/fetch_feedback{query}")["value"]
    (submitted,) = [entry for entry in fetched if entry["status"] == "submitted"]
    assert [s["has_local_feedback"] for s in submitted["submissions"]] == [True]

    from nbgrader.api import Gradebook

    from course.nbgrader_ext.api import ensure_tools_on_path

    ensure_tools_on_path()
    with Gradebook(hub.db_url) as gradebook:
        graded = gradebook.find_submission(ASSIGNMENT, hub.learner)
        assert (graded.score, graded.max_score) == (16.0, 20.0)
        assert (graded.student.first_name, graded.student.last_name) == ("Inès", "Moreau")
    feedback_dir = hub.layout.home(hub.learner) / COURSE_ID / ASSIGNMENT / "feedback"
    (timestamp,) = list(feedback_dir.iterdir())
    feedback = timestamp / f"{ASSIGNMENT}.html"
    assert feedback.stat().st_uid == pwd.getpwnam(hub.learner).pw_uid

    # Autograde ran the learner's code in the sandbox, as the grader: its own hostname, source/ not there.
    autograded = nbformat.read(hub.layout.course_dir / "autograded" / hub.learner / ASSIGNMENT / NOTEBOOK,
                               as_version=4)
    (probe,) = [cell for cell in autograded.cells if cell.source.startswith(SANDBOX_PROBE)]
    grader_uid = pwd.getpwnam(hub.layout.grader).pw_uid
    assert [output.get("text") for output in probe.outputs] == [f"SONDE bac-a-sable {grader_uid} False\n"], probe.outputs


def test_a_learner_cannot_read_the_course_the_gradebook_nor_others_work(hub):
    layout = hub.layout
    hub.admin.start_server(hub.learner)
    port = int(layout.secret("postgres-port").read_text())
    targets = {
        "mon dossier": str(layout.home(hub.learner)),
        "devoirs diffusés": str(layout.exchange / COURSE_ID / "outbound"),
        "source": str(layout.course_dir / "source"),
        "assignments": str(layout.course_dir / "assignments"),
        "dossier du correcteur": str(layout.grader_home),
        "adresse du carnet": str(layout.secret("gradebook-url")),
        "données PostgreSQL": str(layout.postgres / "data"),
        "copies rendues (inbound)": str(layout.exchange / COURSE_ID / "inbound"),
        "autre apprenant": str(layout.home(hub.other_learner)),
        "configuration du hub": str(layout.config_file),
    }
    probe = textwrap.dedent(f"""\
        import json, os
        found = {{}}
        for name, path in {targets!r}.items():
            try:
                os.listdir(path) if os.path.isdir(path) else open(path, "rb").read(1)
                found[name] = "lu"
            except PermissionError:
                found[name] = "refusé"
        import psycopg
        try:
            psycopg.connect(host="127.0.0.1", port={port}, user={layout.database!r}, dbname={layout.database!r},
                            connect_timeout=5).close()
            found["carnet PostgreSQL"] = "lu"
        except psycopg.OperationalError:
            found["carnet PostgreSQL"] = "refusé"
        print(json.dumps(found, ensure_ascii=False))""")
    found = json.loads(run_in_kernel(hub.as_user(hub.learner), hub.learner, probe))
    assert found == {"mon dossier": "lu", "devoirs diffusés": "lu", "source": "refusé", "assignments": "refusé",
                     "dossier du correcteur": "refusé", "adresse du carnet": "refusé", "données PostgreSQL": "refusé",
                     "copies rendues (inbound)": "refusé", "autre apprenant": "refusé",
                     "configuration du hub": "refusé", "carnet PostgreSQL": "refusé"}


def test_tokens_open_only_their_owners_doors(hub):
    hub.admin.start_server(hub.learner)
    hub.admin.start_server(hub.other_learner)
    learner, trainer = hub.as_user(hub.learner), hub.as_user(hub.trainer)
    status = f"/services/{COURSE_ID}/formgrader/api/status"
    assert learner.request("GET", f"/user/{hub.learner}/api/status")[0] == 200
    assert learner.request("GET", f"/user/{hub.other_learner}/api/status")[0] == 403
    assert learner.request("GET", status)[0] == 403
    assert trainer.request("GET", status) == (200, b'{"status": true}')


def test_only_formgrader_may_be_framed_and_only_by_its_own_pages(hub):
    hub.admin.start_server(hub.learner)
    import urllib.request

    def csp(client, path):
        request = urllib.request.Request(client.base_url + path, headers={"Authorization": f"token {client.token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.headers["Content-Security-Policy"]

    assert csp(hub.as_user(hub.trainer), f"/services/{COURSE_ID}/lab") == "frame-ancestors 'self'"
    assert csp(hub.as_user(hub.learner), f"/user/{hub.learner}/lab").startswith("frame-ancestors 'none'")


def test_accounts_from_a_roster_all_or_nothing(hub, tmp_path):
    from course import CourseError
    from course.hub import accounts as unix_accounts
    from course.hub.commands import add_accounts

    layout = hub.layout
    newcomer = hub.learner.replace("-app1", "-app3")
    roster = tmp_path / "equipe.csv"
    roster.write_text("identifiant;nom;courriel;rôle\n"
                      f"{newcomer};Rania Benali;rania.benali@exemple.fr;apprenante\n"
                      "Jean.Dupont;Jean Dupont;jean.dupont@exemple.fr;apprenant\n", encoding="utf-8")
    with pytest.raises(CourseError) as error:
        add_accounts(layout, roster, hub.hub.setup.port, "postgresql", notify=lambda _: None)
    assert str(error.value) == (
        f"{roster} : 1 problème(s), aucun compte créé :\n  ligne 3 : identifiant « Jean.Dupont » invalide : lettres "
        "minuscules sans accent, chiffres, « _ » ou « - », en commençant par une lettre ou « _ », sans espace, "
        "32 caractères au plus.")
    assert unix_accounts.unix_account(newcomer) is None

    roster.write_text("identifiant;nom;courriel;rôle\n"
                      f"{newcomer};Rania Benali;rania.benali@exemple.fr;apprenante\n", encoding="utf-8")
    said = []
    try:
        assert [a.login for a in add_accounts(layout, roster, hub.hub.setup.port, "postgresql", said.append)] == [
            newcomer]
        assert said == ["Le hub en marche connaît déjà les nouveaux comptes."]
        home = layout.home(newcomer)
        assert (home.stat().st_uid, home.stat().st_mode & 0o777) == (pwd.getpwnam(newcomer).pw_uid, 0o700)
        assert hub.admin.json("GET", f"/hub/api/users/{newcomer}")["groups"] == [f"nbgrader-{COURSE_ID}"]
        from nbgrader.api import Gradebook

        with Gradebook(hub.db_url) as gradebook:
            student = gradebook.find_student(newcomer)
            assert (student.first_name, student.last_name, student.email) == ("Rania", "Benali",
                                                                              "rania.benali@exemple.fr")
        assert [line.split(";")[0] for line in layout.accounts_file.read_text(encoding="utf-8").splitlines()] == [
            "identifiant", hub.learner, hub.other_learner, hub.trainer, newcomer]
    finally:
        unix_accounts.remove_unix_account(newcomer)


def log_in(url: str, login: str, password: str) -> int:
    """The HTTP status of a login through the hub's own form (its _xsrf field included)."""
    import http.cookiejar
    import re
    import urllib.error
    import urllib.parse
    import urllib.request

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    form = opener.open(f"{url}/hub/login", timeout=30).read().decode()
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode({"username": login, "password": password, "_xsrf": xsrf}).encode()
    try:
        with opener.open(urllib.request.Request(f"{url}/hub/login", data=data), timeout=120) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_nobody_logs_in_as_the_grader(hub):
    password = hub.hub.setup.password
    assert log_in(hub.url, hub.layout.grader, password) == 403
    assert log_in(hub.url, hub.trainer, password + "x") == 403
    assert log_in(hub.url, hub.trainer, password) == 200
