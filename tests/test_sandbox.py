"""Learner code under autograde runs in the bubblewrap sandbox (course/nbgrader_ext/sandbox.py).

Each hostile case is a real autograde of the mini course: a copy whose answer cells misbehave is graded,
then a well-behaved copy in the same course, which must keep its exact scores.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import nbformat
import pytest
from nbgrader.apps import NbGraderAPI
from nbgrader.preprocessors import Execute, LimitOutput
from traitlets.config import Config

from course import PACKAGE_DIR, CourseError
from course.catalogue import load_catalogue
from course.nbgrader_ext import sandbox, zygote
from course.nbgrader_ext.api import autograde, has_autograded_tests, load_config, nbgrader_api
from course.nbgrader_ext.sandbox import (
    OPT_OUT_ENV, LimitedExecute, Limits, SandboxedExecute, SandboxedKernelManager, configure_sandbox,
    sandbox_available,
)
from course.nbgrader_ext.scratch import make_scratch_course
from tests.conftest import REPO, write_mini_course
from tests.nbgrader_helpers import auto_points, place_submission, scores

TIMEOUT = 3
LIMITS = Limits(cpu_seconds=20, memory_mb=1024, processes=32, output_chars=2000, output_lines=50,
                traceback_lines=20)
# What the lead's nbgrader_config.py lines do, with small limits.
SANDBOX_CONFIG = f"""
# --- the autograde sandbox, small limits for the tests ---
from course.nbgrader_ext.sandbox import OPT_OUT_ENV, Limits, configure_sandbox
configure_sandbox(c, COURSE_DIR, enabled=os.environ.get(OPT_OUT_ENV) != "1", limits={LIMITS!r}, check=False)
c.Execute.timeout = {TIMEOUT}
"""
WELL_BEHAVED = {"t1": 2.0, "t2": 2.0, "ecrit1": 0.0, "oral1": 0.0}
NOTICE = ("[Sortie tronquée : cette cellule a produit plus de 2 000 caractères, "
          "la limite de la correction automatique.]")
ERRNO = "import errno\n"  # learner code prints errno names, so that the expected outputs are exact


@pytest.fixture(autouse=True)
def sandbox_wanted(monkeypatch):
    """Whatever ran before in this process, these tests ask for the sandbox."""
    monkeypatch.delenv(OPT_OUT_ENV, raising=False)


@pytest.fixture(scope="module", params=["exec", "zygote"])
def course(request, tmp_path_factory):
    """The mini course, its kernels started the usual way (exec) or forked from the zygote (zygote)."""
    root = tmp_path_factory.mktemp("bac_a_sable")
    repo = write_mini_course(root / "depot")
    course_dir = make_scratch_course(root / "cours", repo, ["mini"])
    with open(course_dir / "nbgrader_config.py", "a", encoding="utf-8") as config:
        config.write(SANDBOX_CONFIG)
        if request.param == "zygote":
            config.write("c.SandboxedKernelManager.zygote = True\n")
    assert nbgrader_api(course_dir).generate_assignment("mini", force=True)["success"]
    assignment = load_catalogue(course_dir).assignment("mini")
    place_submission(course_dir, assignment, "sage", course_dir / "source" / "mini")
    return course_dir, assignment


def hand_in(course_dir: Path, assignment, student: str, a1: str, a2: str = "y = 40") -> None:
    """Place a copy of the mini notebook whose answers a1 and a2 are the given code."""
    notebook = nbformat.read(course_dir / "source" / "mini" / "mini.ipynb", as_version=4)
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in ("a1", "a2"):
            cell.source = a1 if grade_id == "a1" else a2
    folder = course_dir.parent / "copies" / student
    folder.mkdir(parents=True)
    nbformat.write(notebook, folder / "mini.ipynb")
    place_submission(course_dir, assignment, student, folder)


def grade_hostile(course, student: str, a1: str, a2: str = "y = 40") -> tuple[dict, dict, float]:
    """Grade a copy whose answers a1 and a2 are the given code, then the well-behaved copy.

    Returns the hostile copy's scores, its graded cells' outputs by grade id, and its grading time.
    """
    course_dir, assignment = course
    assert load_config(course_dir).Autograde.autograde_preprocessors[0] is SandboxedExecute  # never unprotected
    hand_in(course_dir, assignment, student, a1, a2)
    forked = len(zygote.FORKED)
    started = time.perf_counter()
    result = autograde(course_dir, "mini", student)
    elapsed = time.perf_counter() - started
    assert result["success"], result["log"]
    graded = nbformat.read(course_dir / "autograded" / student / "mini" / "mini.ipynb", as_version=4)
    outputs = {c.metadata["nbgrader"]["grade_id"]: c.outputs for c in graded.cells
               if c.cell_type == "code" and "nbgrader" in c.metadata}
    hostile_scores = scores(course_dir, assignment, student)
    assert autograde(course_dir, "mini", "sage")["success"]
    assert scores(course_dir, assignment, "sage") == WELL_BEHAVED
    assert zygote.FALLBACKS == []
    # on the zygote path, both kernels came from the zygote; none on the exec path
    assert len(zygote.FORKED) - forked == (2 if load_config(course_dir).SandboxedKernelManager.get("zygote") else 0)
    return hostile_scores, outputs, elapsed


def stream(outputs) -> str:
    return "".join(o.text for o in outputs if o.output_type == "stream")


def errors(outputs) -> list[str]:
    return [o.ename for o in outputs if o.output_type == "error"]


def notices(outputs) -> list[str]:
    return [o.data["text/plain"] for o in outputs if o.output_type == "display_data"]


def test_sandbox_starts_here():
    assert sandbox_available() == (True, "bubblewrap " + subprocess.run(
        ["bwrap", "--version"], capture_output=True, text=True).stdout.split()[-1])


def test_infinite_loop_is_interrupted_and_the_rest_graded(course):
    got, outputs, elapsed = grade_hostile(course, "boucle", "while True:\n    pass\nx = 4")
    assert got == {"t1": 0.0, "t2": 2.0, "ecrit1": 0.0, "oral1": 0.0}
    assert errors(outputs["a1"]) == ["KeyboardInterrupt", "CellTimeoutError"]
    assert errors(outputs["t1"]) == ["NameError"]
    assert elapsed < TIMEOUT + 10


def test_memory_bomb_hits_the_address_space_limit(course):
    # bytes(n) reserves zeroed pages without touching them: the limit is on the address space
    bomb = ("def bombe():\n    tas = []\n    for _ in range(400):\n        tas.append(bytes(50 * 2**20))\n"
            "bombe()\nx = 4")
    got, outputs, _ = grade_hostile(course, "memoire", bomb)
    assert got == {"t1": 0.0, "t2": 2.0, "ecrit1": 0.0, "oral1": 0.0}
    assert errors(outputs["a1"]) == ["MemoryError"]


# Children exit at once but stay zombies (never waited for), so they keep counting until the limit.
FORK_BOMB = ("import os\nenfants = 0\ntry:\n    for _ in range(10000):\n        if os.fork() == 0:\n"
             "            os._exit(0)\n        enfants += 1\n"
             "except BlockingIOError:\n    print(enfants < 32)\n    raise\nx = 4")


def test_fork_bomb_hits_the_process_limit(course):
    got, outputs, elapsed = grade_hostile(course, "fourche", FORK_BOMB)
    assert got == {"t1": 0.0, "t2": 2.0, "ecrit1": 0.0, "oral1": 0.0}
    assert errors(outputs["a1"]) == ["BlockingIOError"]
    assert stream(outputs["a1"]) == "True\n"
    assert elapsed < TIMEOUT + 10


def test_huge_output_is_truncated(course):
    flood = "x = 4\nprint('z' * 10**7)\nfor i in range(10**5):\n    print('ligne', i)"
    lines = "y = 40\nfor i in range(1000):\n    print(i)"
    got, outputs, _ = grade_hostile(course, "bavard", flood, lines)
    assert got == {"t1": 2.0, "t2": 2.0, "ecrit1": 0.0, "oral1": 0.0}
    assert stream(outputs["a1"]) == "z" * 2000  # the character limit per cell
    assert notices(outputs["a1"]) == [NOTICE]
    # the character limit, then nbgrader's LimitOutput keeps 50 lines
    assert stream(outputs["a2"]).split("\n") == [str(i) for i in range(49)] + ["... Output truncated ..."]
    assert notices(outputs["a2"]) == [NOTICE]


READ = ERRNO + """def essai(chemin):
    try:
        open(chemin, "rb").read(1)
        return "lisible"
    except OSError as e:
        return errno.errorcode[e.errno]
for chemin in {paths!r}:
    print(chemin, essai(chemin))
{var} = {value} if essai({paths!r}[0]) == "lisible" else 0
"""


def read_attempts(course_dir: Path) -> tuple[list[str], list[str]]:
    sources = ["../../../source/mini/mini.ipynb", f"{course_dir}/source/mini/mini.ipynb",
               f"{REPO}/nbgrader_config.py", f"{PACKAGE_DIR}/authoring/build.py", f"{course_dir}/gradebook.db",
               f"{PACKAGE_DIR}/demo/pipeline.py", f"{PACKAGE_DIR}/catalogue.py",
               f"{PACKAGE_DIR}/learner/__init__.py"]
    copies = [f"{course_dir}/submitted/sage/mini/mini.ipynb", "../../sage/mini/mini.ipynb",
              "../../../submitted/sage/mini/mini.ipynb", f"{course_dir}/exchange"]
    return sources, copies


def test_learner_cannot_read_sources_gradebook_or_other_copies(course):
    sources, copies = read_attempts(course[0])
    got, outputs, _ = grade_hostile(course, "curieux", READ.format(paths=sources, var="x", value=4),
                                    READ.format(paths=copies, var="y", value=40))
    assert got == {"t1": 0.0, "t2": 0.0, "ecrit1": 0.0, "oral1": 0.0}
    # hidden directories are empty; the package's modules learners do not need are emptied (unreadable)
    assert stream(outputs["a1"]).splitlines() == (
        [f"{p} ENOENT" for p in sources[:-2]] + [f"{sources[-2]} EACCES", f"{sources[-1]} lisible"])
    assert stream(outputs["a2"]).splitlines() == [f"{p} ENOENT" for p in copies]


WRITE = ERRNO + """import os, sys
def essai(chemin):
    try:
        with open(chemin, "ab") as f:
            f.write(b"x")
        return "ecrit"
    except OSError as e:
        return errno.errorcode[e.errno]
ipc = os.path.dirname(sys.argv[sys.argv.index("-f") + 1])
for chemin in {paths!r}:
    print(chemin, essai(chemin.replace("IPC", ipc)))
x = 4 if essai({paths!r}[0]) == "ecrit" else 0
"""


def test_learner_cannot_write_the_gradebook_or_outside_its_scratch_space(course):
    course_dir, assignment = course
    name = f"casp-essai-{uuid.uuid4().hex[:8]}"
    paths = [f"{course_dir}/gradebook.db", "../../../gradebook.db", f"{course_dir}/source/mini/mini.ipynb",
             "mini.ipynb", f"/var/tmp/{name}", "IPC/essai", "essai.txt", f"/tmp/{name}", f"/dev/shm/{name}"]
    source = (course_dir / "source" / "mini" / "mini.ipynb").read_bytes()
    got, outputs, _ = grade_hostile(course, "vandale", WRITE.format(paths=paths))
    assert got == {"t1": 0.0, "t2": 2.0, "ecrit1": 0.0, "oral1": 0.0}
    # as root the kernel runs under a uid of its own, which may not write in the IPC directory once started
    # (and, not owning the notebook's file, is refused by permissions before the read-only mount)
    ipc, own = ("EACCES", "EACCES") if os.geteuid() == 0 else ("ecrit", "EROFS")
    assert stream(outputs["a1"]).splitlines() == [
        f"{paths[0]} EROFS", "../../../gradebook.db EROFS", f"{paths[2]} ENOENT", f"mini.ipynb {own}",
        f"/var/tmp/{name} EROFS", f"IPC/essai {ipc}", "essai.txt ecrit", f"/tmp/{name} ecrit", f"/dev/shm/{name} ecrit",
    ]
    # what it could write is gone with the kernel; the gradebook is sound
    assert sorted(p.name for p in (course_dir / "autograded" / "vandale" / "mini").iterdir()) == ["mini.ipynb"]
    assert not any(Path(d, name).exists() for d in ("/var/tmp", "/tmp", "/dev/shm"))
    with sqlite3.connect(course_dir / "gradebook.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert (course_dir / "source" / "mini" / "mini.ipynb").read_bytes() == source


def test_learner_has_no_network(course):
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    code = ERRNO + f"""import socket
def essai(adresse):
    try:
        socket.create_connection(adresse, timeout=2).close()
        return "connecte"
    except OSError as e:
        return errno.errorcode.get(e.errno, type(e).__name__)
print(essai(("127.0.0.1", {port})), essai(("1.1.1.1", 53)))
x = 4 if essai(("127.0.0.1", {port})) == "connecte" else 0
"""
    with listener:
        got, outputs, _ = grade_hostile(course, "bavarde_reseau", code)
        listener.setblocking(False)
        with pytest.raises(BlockingIOError):  # nothing ever reached the port opened outside the sandbox
            listener.accept()
    assert got == {"t1": 0.0, "t2": 2.0, "ecrit1": 0.0, "oral1": 0.0}
    assert stream(outputs["a1"]) == "ECONNREFUSED ENETUNREACH\n"


REAL = load_catalogue(REPO)


@pytest.mark.parametrize("assignment_id", [a for a in REAL.assignments if has_autograded_tests(REPO, a)])
def test_model_answers_of_the_course_score_full_points_in_the_sandbox(tmp_path, assignment_id):
    """The course's notebooks (course.learner, its datasets and widgets) work in the sandbox, default limits."""
    assignment = REAL.assignment(assignment_id)
    course_dir = make_scratch_course(tmp_path / "cours", REPO, [assignment_id])
    with open(course_dir / "nbgrader_config.py", "a", encoding="utf-8") as config:
        config.write("\nfrom course.nbgrader_ext.sandbox import configure_sandbox\n"
                     "configure_sandbox(c, COURSE_DIR, check=False)\n")
    assert load_config(course_dir).Autograde.autograde_preprocessors[0] is SandboxedExecute
    assert nbgrader_api(course_dir).generate_assignment(assignment_id, force=True)["success"]
    place_submission(course_dir, assignment, "corrige", course_dir / "source" / assignment_id)
    assert autograde(course_dir, assignment_id, "corrige")["success"]
    expected = sum(c.points for c in assignment.rubric if c.kind == "auto")
    assert expected > 0 and auto_points(assignment, scores(course_dir, assignment, "corrige")) == expected


@pytest.fixture
def without_bwrap(monkeypatch):
    monkeypatch.setattr(sandbox, "BWRAP", "bwrap-absent")
    sandbox_available.cache_clear()
    yield
    sandbox_available.cache_clear()


REASON = "la commande bwrap-absent est introuvable (paquet Debian bubblewrap)"
MISSING = ("Le bac à sable de la correction automatique n'a pas pu démarrer : la commande bwrap-absent est "
           "introuvable (paquet Debian bubblewrap). Relancez avec --sans-bac-a-sable pour corriger sans "
           "protection (déconseillé).")


def test_without_sandbox_autograde_refuses_in_french(course, without_bwrap):
    course_dir, assignment = course
    assert sandbox_available() == (False, REASON)
    with pytest.raises(CourseError) as refused:  # what casp's autograde does before grading anything
        configure_sandbox(load_config(course_dir), course_dir)
    assert str(refused.value) == MISSING
    # nbgrader run directly with the course's configuration: the kernel refuses to start unprotected
    place_submission(course_dir, assignment, "refus", course_dir / "source" / "mini")
    result = NbGraderAPI(config=load_config(course_dir)).autograde("mini", "refus")
    assert not result["success"] and MISSING in result["log"]
    assert not (course_dir / "autograded" / "refus" / "mini").exists()


def test_explicit_opt_out_grades_unprotected(course, without_bwrap, monkeypatch):
    course_dir, assignment = course
    monkeypatch.setenv(OPT_OUT_ENV, "1")
    config = load_config(course_dir)
    assert config.Autograde.autograde_preprocessors[0] is LimitedExecute
    place_submission(course_dir, assignment, "sans_protection", course_dir / "source" / "mini")
    assert autograde(course_dir, "mini", "sans_protection")["success"]
    assert scores(course_dir, assignment, "sans_protection") == WELL_BEHAVED


def test_configure_sandbox_sets_the_traits_and_can_be_undone(tmp_path):
    config = configure_sandbox(Config(), tmp_path, limits=LIMITS)
    assert config.Autograde.autograde_preprocessors[0] is SandboxedExecute
    assert Execute not in config.Autograde.autograde_preprocessors
    assert LimitOutput in config.Autograde.autograde_preprocessors
    assert config.SandboxedExecute.kernel_manager_class is SandboxedKernelManager
    manager = config.SandboxedKernelManager
    assert (manager.course_dir, manager.transport, manager.cpu_seconds, manager.memory_mb, manager.processes) == (
        str(tmp_path.resolve()), "ipc", 20, 1024, 32)
    assert (config.LimitOutput.max_lines, config.LimitOutput.max_traceback,
            config.LimitedExecute.max_output_chars) == (50, 20, 2000)
    configure_sandbox(config, tmp_path, enabled=False)
    assert config.Autograde.autograde_preprocessors[0] is LimitedExecute
    assert SandboxedExecute not in config.Autograde.autograde_preprocessors


NOBODY_SCRIPT = """
import json, sys
from pathlib import Path
from course.catalogue import load_catalogue
from course.nbgrader_ext.api import autograde
from course.nbgrader_ext.sandbox import sandbox_available
from tests.nbgrader_helpers import scores

ok, reason = sandbox_available()
out = {"disponible": ok, "raison": reason}
if ok:
    course = Path(sys.argv[1])
    assignment = load_catalogue(course).assignment("mini")
    for student in ("curieux", "fourche", "sage"):
        result = autograde(course, "mini", student)
        out[student] = scores(course, assignment, student) if result["success"] else result["log"][-2000:]
from course.nbgrader_ext import zygote
out["zygote"] = {"forked": len(zygote.FORKED), "fallbacks": zygote.FALLBACKS}
print(json.dumps(out))
"""


def _nobody_python(env: dict) -> str | None:
    """A Python that the `nobody` account can run with this project's packages, if any."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    for exe in dict.fromkeys([sys.executable, f"/usr/bin/python{version}"]):
        probe = subprocess.run(["runuser", "-u", "nobody", "--", "env", *[f"{k}={v}" for k, v in env.items()], exe,
                                "-c", "import nbgrader, ipykernel, course"], capture_output=True, text=True)
        if probe.returncode == 0:
            return exe
    return None


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("runuser"), reason="needs root and runuser")
def test_sandbox_works_for_a_normal_user(course):
    """As `nobody`, bwrap runs unprivileged (in a user namespace): the same autograde, the same results."""
    course_dir, assignment = course
    site = [p for p in sys.path if p.endswith("site-packages")]
    home = Path(tempfile.mkdtemp(prefix="casp-nobody-", dir="/tmp"))
    try:
        env = {"PYTHONPATH": os.pathsep.join([*site, str(REPO)]), "HOME": str(home / "maison"),
               "LC_ALL": "C.UTF-8", "PATH": os.environ["PATH"]}
        python = _nobody_python(env)
        if python is None:
            pytest.skip("no Python the nobody account can run with this project's packages")
        copy = home / "cours"
        shutil.copytree(course_dir, copy, ignore=shutil.ignore_patterns("autograded", "submitted"))
        place_submission(copy, assignment, "sage", copy / "source" / "mini")
        sources, copies = read_attempts(copy)
        hand_in(copy, assignment, "curieux", READ.format(paths=sources, var="x", value=4),
                READ.format(paths=copies, var="y", value=40))
        hand_in(copy, assignment, "fourche", FORK_BOMB)
        (home / "maison").mkdir()
        home.chmod(0o755)
        subprocess.run(["chown", "-R", "nobody:nogroup", str(home)], check=True)
        run = subprocess.run(["runuser", "-u", "nobody", "--", "env", *[f"{k}={v}" for k, v in env.items()],
                              python, "-c", NOBODY_SCRIPT, str(copy)],
                             capture_output=True, text=True, timeout=120, cwd=home)
        assert run.returncode == 0, run.stderr[-3000:]
        out = json.loads(run.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(home, ignore_errors=True)
    if not out["disponible"] and sandbox.userns_blocked():  # documented: such kernels need grading as root
        pytest.skip(f"user namespaces are closed to non-root users here: {out['raison']}")
    zygote_path = bool(load_config(course_dir).SandboxedKernelManager.get("zygote"))
    assert out == {"disponible": True, "raison": out["raison"],
                   "curieux": {"t1": 0.0, "t2": 0.0, "ecrit1": 0.0, "oral1": 0.0},
                   "fourche": {"t1": 0.0, "t2": 2.0, "ecrit1": 0.0, "oral1": 0.0},
                   "sage": WELL_BEHAVED,
                   "zygote": {"forked": 3 if zygote_path else 0, "fallbacks": []}}
    assert out["raison"].startswith("bubblewrap ")
