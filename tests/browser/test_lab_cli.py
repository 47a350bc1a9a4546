"""`casp lab` without a browser: the role directories it writes, its French refusals, a real start and Ctrl+C."""
from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from course.cli import main
from course.lab import prepare_role
from tests.browser.conftest import bloc1_course

ASSIGNMENT = "m13_cas_accueil_orientation"


@pytest.fixture
def course_dir(tmp_path) -> Path:
    return bloc1_course(tmp_path / "cours")


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_role_directories(course_dir, tmp_path):
    messages = []
    learner = prepare_role("apprenant", course_dir, login="camille.r", notify=messages.append)
    trainer = prepare_role("formateur", course_dir)
    role_dir = course_dir / ".casp-lab" / "apprenant" / "camille.r"
    exchange = course_dir / "exchange"
    assert messages == [
        f"Aucun devoir n'est encore diffusé dans l'échange {exchange} : diffusion des devoirs du bloc 1, "
        "comme le ferait le formateur.",
        "  diffusé : m11_recit_de_vie", "  diffusé : m12_entretiens_accueil",
        "  diffusé : m13_cas_accueil_orientation", "  diffusé : m14_note_observation",
        f"Devoir « {ASSIGNMENT} » récupéré pour camille.r dans "
        f"{course_dir / 'espace-apprenant' / 'camille.r' / ASSIGNMENT}.",
    ]
    assert (learner.role_dir, learner.root_dir, learner.url_path) == (
        role_dir, course_dir / "espace-apprenant" / "camille.r", f"/lab/tree/{ASSIGNMENT}/cas_accueil_orientation.ipynb")
    assert (trainer.role_dir, trainer.root_dir, trainer.url_path) == (
        course_dir / ".casp-lab" / "formateur", course_dir, "/lab")
    assert learner.url == f"http://127.0.0.1:{learner.port}{learner.url_path}?token={learner.token}"
    assert learner.port != trainer.port and learner.token != trainer.token

    # Every Jupyter directory is the role's: nothing is read from or written to ~/.jupyter.
    role_env = {
        "JUPYTER_CONFIG_DIR": str(role_dir / "config"), "JUPYTER_DATA_DIR": str(role_dir / "data"),
        "JUPYTER_RUNTIME_DIR": str(role_dir / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(role_dir / "config" / "lab" / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(role_dir / "config" / "lab" / "workspaces"),
        "IPYTHONDIR": str(role_dir / "ipython"), "JUPYTER_TOKEN": learner.token,
    }
    assert {name: learner.env[name] for name in role_env} == role_env
    assert "JUPYTER_CONFIG_PATH" not in learner.env
    assert read_json(role_dir / "config" / "labconfig" / "page_config.json") == {"disabledExtensions": {
        "@jupyter/nbgrader:formgrader": True, "@jupyter/nbgrader:course-list": True,
        "@jupyter/nbgrader:create-assignment": True, "@jupyterlab/extensionmanager-extension:plugin": True}}
    assert read_json(trainer.role_dir / "config" / "labconfig" / "page_config.json") == {"disabledExtensions": {}}
    server = read_json(role_dir / "config" / "jupyter_server_config.json")
    assert server["ServerApp"]["jpserver_extensions"] == {
        "nbgrader.server_extensions.formgrader": False, "nbgrader.server_extensions.course_list": False,
        "course.nbgrader_ext.due_date_list": True}
    assert (server["ServerApp"]["ip"], server["ServerApp"]["root_dir"]) == ("127.0.0.1", str(learner.root_dir))
    assert read_json(trainer.role_dir / "config" / "jupyter_server_config.json")["ServerApp"]["jpserver_extensions"] == {
        "course.nbgrader_ext.formgrader_fr": True, "course.nbgrader_ext.due_date_list": True}  # formgrader in French
    overrides = {
        "@jupyterlab/translation-extension:plugin": {"locale": "fr_FR"},
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    }
    assert read_json(role_dir / "lab-settings" / "overrides.json") == overrides
    assert read_json(trainer.role_dir / "lab-settings" / "overrides.json") == {**overrides,
        "@jupyterlab/docmanager-extension:plugin": {
            "defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}}}
    learner_config = PyFileConfigLoader("nbgrader_config.py", path=str(role_dir / "config")).load_config()
    assert learner_config == Config({
        "CourseDirectory": {"course_id": "casp-rncp7426", "student_id": "camille.r"},
        "Exchange": {"root": str(exchange), "cache": str(role_dir / "data" / "nbgrader_cache")},
    })
    assert not (trainer.role_dir / "config" / "nbgrader_config.py").exists()

    # Rewritten at each start; nothing released or fetched again once the notebook is there.
    (role_dir / "config" / "labconfig" / "page_config.json").write_text("{}", encoding="utf-8")
    again = []
    prepare_role("apprenant", course_dir, login="camille.r", notify=again.append)
    assert again == []
    assert "@jupyter/nbgrader:formgrader" in read_json(role_dir / "config" / "labconfig" / "page_config.json")[
        "disabledExtensions"]


@pytest.mark.parametrize("argv, message", [
    (["lab"], "casp : Précisez le rôle : --role apprenant ou --role formateur.\n"),
    (["lab", "--role", "jury"], "casp : Rôle inconnu « jury ». Rôles possibles : apprenant, formateur.\n"),
    (["lab", "--role", "apprenant", "--devoir", "m99"],
     "casp : Devoir inconnu « m99 ». Devoirs du catalogue : m11_recit_de_vie, m12_entretiens_accueil, "
     "m13_cas_accueil_orientation, m14_note_observation.\n"),
    (["lab", "--role", "apprenant", "--apprenant", "a+b"],
     "casp : Identifiant d'apprenant invalide « a+b » : lettres sans accent, chiffres, « . », « _ » ou « - » "
     "(64 caractères au plus, sans espace).\n"),
    (["lab", "--role", "formateur", "--devoir", ASSIGNMENT],
     "casp : Les options --apprenant, --dossier et --devoir ne concernent que le rôle apprenant.\n"),
    (["lab", "--role", "apprenant", "--port", "http"], "casp : Port invalide : « http » (un nombre entre 1 et 65535).\n"),
])
def test_bad_input_is_refused_in_french(course_dir, capsys, argv, message):
    assert main(["--course-dir", str(course_dir), *argv]) == 2
    assert capsys.readouterr().err == message
    assert not (course_dir / ".casp-lab").exists() and not (course_dir / "exchange" / "casp-rncp7426").exists()


def test_port_in_use_and_workspace_holding_the_course(course_dir, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["--course-dir", str(course_dir), "lab", "--role", "formateur", "--port", str(port)]) == 2
    assert capsys.readouterr().err == (f"casp : Le port {port} est déjà utilisé sur 127.0.0.1 : choisissez-en un autre "
                                       "(--port) ou laissez casp en trouver un libre.\n")
    assert main(["--course-dir", str(course_dir), "lab", "--role", "apprenant", "--dossier", str(course_dir.parent)]) == 2
    assert capsys.readouterr().err == (
        f"casp : Le dossier de l'apprenant {course_dir.parent} contient le dossier du cours : l'apprenant y verrait "
        "source/ et le carnet de notes. Choisissez un dossier à part (--dossier).\n")


def test_casp_lab_prints_the_url_serves_it_and_stops_on_ctrl_c(course_dir, tmp_path):
    workspace = tmp_path / "chez-moi"
    process = subprocess.Popen(
        [sys.executable, "-m", "course.cli", "--course-dir", str(course_dir), "lab", "--role", "apprenant",
         "--apprenant", "apprenant07", "--dossier", str(workspace), "--devoir", "m11_recit_de_vie"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
    )
    lines = []
    for line in process.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith("Ctrl + C"):
            break
    url = next(line.strip() for line in lines if line.strip().startswith("http://127.0.0.1:"))
    with urllib.request.urlopen(url, timeout=20) as response:
        assert response.status == 200 and "JupyterLab" in response.read().decode("utf-8")
    process.send_signal(signal.SIGINT)
    rest = process.stdout.read()
    assert process.wait(timeout=30) == 0
    log = course_dir / ".casp-lab" / "apprenant" / "apprenant07" / "jupyterlab.log"
    assert lines == [
        f"Aucun devoir n'est encore diffusé dans l'échange {course_dir / 'exchange'} : diffusion des devoirs du "
        "bloc 1, comme le ferait le formateur.",
        "  diffusé : m11_recit_de_vie", "  diffusé : m12_entretiens_accueil",
        "  diffusé : m13_cas_accueil_orientation", "  diffusé : m14_note_observation",
        f"Devoir « m11_recit_de_vie » récupéré pour apprenant07 dans {workspace / 'm11_recit_de_vie'}.",
        "Démarrage de JupyterLab (rôle apprenant)…",
        "JupyterLab est prêt pour l'apprenant apprenant07, ouvert sur le devoir m11_recit_de_vie.",
        f"Dossier de travail de l'apprenant : {workspace}",
        "Ouvrez cette adresse dans votre navigateur :", "", f"    {url}", "",
        f"Journal du serveur : {log}",
        "Ctrl + C pour arrêter JupyterLab.",
    ]
    assert url.startswith("http://127.0.0.1:") and "/lab/tree/m11_recit_de_vie/recit_de_vie.ipynb?token=" in url
    assert (workspace / "m11_recit_de_vie" / "recit_de_vie.ipynb").is_file()
    assert rest == "\nArrêt de JupyterLab…\n"
    port = int(url.split(":")[2].split("/")[0])
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0  # the server is gone
