"""Kernels forked from the zygote (course/nbgrader_ext/zygote.py) are as confined as fresh sandboxed ones.

A probe notebook runs, as a learner's code would, in a kernel the zygote forked into a bubblewrap sandbox,
and reports what it can see and do; the same probe on the usual path (a fresh Python) gives the reference.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import nbformat.v4 as nbf
import pytest
from nbclient import NotebookClient
from traitlets.config import Config

from course.nbgrader_ext import sandbox, zygote
from course.nbgrader_ext.sandbox import Limits, SandboxedKernelManager, sandbox_environment

pytestmark = pytest.mark.skipif(not sandbox.sandbox_available()[0], reason="bubblewrap sandbox unavailable")

LIMITS = Limits(cpu_seconds=30, memory_mb=1536, processes=40, file_mb=8)
SECRET = "CASP_TEST_SECRET_DU_CORRECTEUR"
SURVIVOR = "4242.5"  # `sleep 4242.5`: a process learner code tries to leave behind

PROBE = '''
import json, os, resource, socket, subprocess
import numpy as np
report = {}
status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
report["caps"] = {k: status[k].strip() for k in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")}
report["no_new_privs"] = status["NoNewPrivs"].strip()
report["uid"] = [os.getuid(), os.geteuid(), os.getgid(), os.getegid(), os.getgroups()]
report["rlimits"] = {name: list(resource.getrlimit(getattr(resource, name)))
                     for name in ("RLIMIT_CPU", "RLIMIT_AS", "RLIMIT_NPROC", "RLIMIT_FSIZE", "RLIMIT_CORE")}
report["visible"] = {path: os.path.exists(path) for path in PATHS}
report["listing"] = sorted(os.listdir(COURSE)) if os.path.isdir(COURSE) else None
def reach(host, port):
    try:
        socket.create_connection((host, port), timeout=2).close()
        return "connecté"
    except OSError as exc:
        return type(exc).__name__
report["network"] = {"grader": reach("127.0.0.1", GRADER_PORT), "internet": reach("192.0.2.1", 53)}
def target(fd):
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:  # the descriptor os.listdir itself used
        return None
report["fds"] = {fd: t for fd in os.listdir("/proc/self/fd") if (t := target(fd)) is not None}
report["env"] = sorted(os.environ)
report["draw"] = np.random.rand(4).tolist()
report["pid"] = os.getpid()
subprocess.Popen(["sleep", SURVIVOR], start_new_session=True, stdout=subprocess.DEVNULL,
                 stderr=subprocess.DEVNULL)
os.system(f"(setsid sleep {SURVIVOR} > /dev/null 2>&1 &)")
print(json.dumps(report))
'''


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course directory with two learners' copies, a gradebook and an exchange beside it."""
    root = tmp_path_factory.mktemp("zygote")
    course_dir = root / "cours"
    for learner in ("ada", "bruno"):
        folder = course_dir / "autograded" / learner / "devoir"
        folder.mkdir(parents=True)
        (course_dir / "submitted" / learner / "devoir").mkdir(parents=True)
        (course_dir / "submitted" / learner / "devoir" / "devoir.ipynb").write_text("{}")
    (course_dir / "source" / "devoir").mkdir(parents=True)
    (course_dir / "source" / "devoir" / "devoir.ipynb").write_text("{}")
    (course_dir / "gradebook.db").write_text("")
    exchange = root / "echange"
    (exchange / "cours" / "inbound").mkdir(parents=True)
    os.chmod(root, 0o755)
    return course_dir, exchange


def run_probe(course, learner: str, use_zygote: bool, monkeypatch) -> dict:
    course_dir, exchange = course
    monkeypatch.setenv(SECRET, "mot-de-passe")
    cwd = course_dir / "autograded" / learner / "devoir"
    other = "bruno" if learner == "ada" else "ada"
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    paths = [str(course_dir / "submitted" / other), str(course_dir / "autograded" / other),
             str(course_dir / "gradebook.db"), str(course_dir / "source"), str(exchange / "cours")]
    code = (f"PATHS = {paths!r}\nCOURSE = {str(course_dir)!r}\nGRADER_PORT = {listener.getsockname()[1]}\n"
            f"SURVIVOR = {SURVIVOR!r}\n" + PROBE)
    config = Config()
    manager = config.SandboxedKernelManager
    manager.course_dir = str(course_dir)
    manager.hidden_paths = [str(exchange)]
    manager.zygote = use_zygote
    for name in ("cpu_seconds", "memory_mb", "processes", "file_mb"):
        setattr(manager, name, getattr(LIMITS, name))
    notebook = nbf.new_notebook(cells=[nbf.new_code_cell(code)])
    forked = len(zygote.FORKED)
    try:
        NotebookClient(notebook, timeout=60, kernel_manager_class=SandboxedKernelManager, config=config,
                       shutdown_kernel="immediate", resources={"metadata": {"path": str(cwd)}}).execute()
    finally:
        listener.close()
    assert len(zygote.FORKED) - forked == (1 if use_zygote else 0)
    assert zygote.FALLBACKS == []
    outputs = notebook.cells[0].outputs
    assert [o.output_type for o in outputs] == ["stream"], outputs
    return json.loads(outputs[0].text)


def survivors() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "cmdline").read_bytes().split(b"\0")[:2] == [b"sleep", SURVIVOR.encode()]:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def zygote_descriptors() -> set[str]:
    """What the zygote holds open (its listening socket, its pipes): no kernel may inherit any of it."""
    process = zygote.shared_zygote().process
    folder = Path(f"/proc/{process.pid}/fd")
    return {os.readlink(folder / name) for name in os.listdir(folder)} - {"/dev/null"}


@pytest.fixture(scope="module")
def probes(course):
    monkeypatch = pytest.MonkeyPatch()
    try:
        reports = {(learner, path): run_probe(course, learner, path == "zygote", monkeypatch)
                   for path in ("exec", "zygote") for learner in ("ada", "bruno")}
    finally:
        monkeypatch.undo()
    return reports


def test_the_probe_sees_no_other_learner_no_course_no_exchange(probes):
    for report in probes.values():
        assert report["visible"] == {path: False for path in report["visible"]}
        assert report["listing"] == ["autograded"]  # only the path down to its own copy


def test_the_probe_has_no_network(probes):
    for report in probes.values():
        assert report["network"] == {"grader": "ConnectionRefusedError", "internet": "OSError"}


def test_the_probe_has_no_capability_and_no_new_privileges(probes):
    for report in probes.values():
        assert report["caps"] == {"CapInh": "0000000000000000", "CapPrm": "0000000000000000",
                                  "CapEff": "0000000000000000", "CapBnd": "0000000000000000",
                                  "CapAmb": "0000000000000000"}
        assert report["no_new_privs"] == "1"


def test_uid_and_rlimits_are_as_configured(probes):
    uid = sandbox.kernel_uid() if os.geteuid() == 0 else os.getuid()
    groups = [] if os.geteuid() == 0 else os.getgroups()
    for report in probes.values():
        assert report["uid"] == [uid, uid, uid if os.geteuid() == 0 else os.getgid(),
                                 uid if os.geteuid() == 0 else os.getegid(), groups]
        assert report["rlimits"] == {
            "RLIMIT_CPU": [30, 35], "RLIMIT_AS": [1536 << 20, 1536 << 20], "RLIMIT_NPROC": [40, 40],
            "RLIMIT_FSIZE": [8 << 20, 8 << 20], "RLIMIT_CORE": [0, 0]}


def test_no_inherited_descriptor_is_open(probes):
    held = zygote_descriptors()
    assert any(target.startswith("socket:") for target in held)  # the probe is able to see a leak
    for (learner, path), report in probes.items():
        targets = set(report["fds"].values())
        assert not targets & held, (learner, path)
    # A zygote's kernel opens no file but /dev/null (its 0-2, and ipykernel's copies of them); a fresh kernel
    # gets the grader's own stdin, stdout and stderr (here pytest's capture files) from bwrap.
    for learner in ("ada", "bruno"):
        files = {t for t in probes[(learner, "zygote")]["fds"].values() if t.startswith("/")}
        assert files == {"/dev/null"}
    assert probes[("ada", "zygote")]["fds"]["0"] == "/dev/null"  # 1 and 2: ipykernel's capture pipes
    # Apart from those, the same kinds of descriptors on both paths: ipykernel's sockets, pipes, event fds and
    # epoll instances (how many of each depends on when ZeroMQ's threads open theirs).
    for report in probes.values():
        assert {t.split(":")[0] for fd, t in report["fds"].items() if not t.startswith("/")} == {
            "anon_inode", "pipe", "socket"}
        assert {t for t in report["fds"].values() if t.startswith("anon_inode:")} == {
            "anon_inode:[eventfd]", "anon_inode:[eventpoll]"}


def test_the_environment_holds_no_grader_variable(probes):
    # The sandbox's variables, matplotlib's, the working directory, and those ipykernel sets for its shell.
    expected = sorted({*sandbox_environment(), "MPLBACKEND", "MPLCONFIGDIR", "PWD",
                       "CLICOLOR", "CLICOLOR_FORCE", "FORCE_COLOR", "GIT_PAGER", "PAGER", "TERM"})
    assert SECRET not in expected
    for report in probes.values():
        assert report["env"] == expected


def test_two_learners_get_different_random_draws(probes):
    draws = [tuple(report["draw"]) for report in probes.values()]
    assert len(set(draws)) == 4


def test_the_zygote_kernel_lives_in_the_sandbox_pid_namespace(probes):
    # PID 1 is bwrap's init, 2 the holder (zygote) or the kernel (exec): the kernel sees its own namespace only.
    assert probes[("ada", "exec")]["pid"] == 2
    assert probes[("ada", "zygote")]["pid"] == 3


def test_no_learner_process_survives_its_notebook(probes):
    deadline = time.monotonic() + 5
    while survivors() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert survivors() == []


def test_a_zygote_that_cannot_start_falls_back_once_with_its_reason(tmp_path, monkeypatch):
    monkeypatch.setattr(zygote, "PRELOAD", ("un_module_qui_n_existe_pas",))
    monkeypatch.setattr(zygote, "_started", {})
    monkeypatch.delenv(zygote.SOCKET_ENV, raising=False)
    monkeypatch.setattr(zygote, "FALLBACKS", [])
    config = Config()
    config.SandboxedKernelManager.zygote = True
    notebook = nbf.new_notebook(cells=[nbf.new_code_cell("print(6 * 7)")])
    (tmp_path / "copie").mkdir()
    NotebookClient(notebook, timeout=60, kernel_manager_class=SandboxedKernelManager, config=config,
                   resources={"metadata": {"path": str(tmp_path / "copie")}}).execute()
    assert notebook.cells[0].outputs[0].text == "42\n"
    assert zygote.FALLBACKS == ["le Python préchargé n'a pas démarré (ipykernel est introuvable pour ce Python)"]



def test_a_zygote_that_loads_what_the_sandbox_hides_is_refused(monkeypatch):
    monkeypatch.setattr(zygote, "PRELOAD", ("ipykernel.kernelapp", "course.authoring"))
    with pytest.raises(zygote.ZygoteError) as refused:
        zygote.start_zygote()
    assert str(refused.value).startswith("le Python préchargé a chargé des modules que le bac à sable cache aux apprenants : "
                                         "authoring/__init__.py")


def test_the_zygote_preloads_the_learner_toolkits_and_stays_single_threaded():
    started = zygote.start_zygote()
    try:
        assert {"pandas", "matplotlib.pyplot", "ipykernel.kernelapp", "ipywidgets", "course.learner",
                "course.learner.widgets.simulation_negociation", "course.learner.enquete"} <= set(started.modules)
        assert sorted(os.listdir(f"/proc/{started.process.pid}/task")) == [str(started.process.pid)]
    finally:
        started.stop()
    assert started.process.poll() is not None
