"""The sandbox starts a kernel's Python wherever its environment lives: /tmp, /opt, a home, the course itself.

Each placement gets a virtual environment whose site-packages lead to this project's (pandas, ipykernel,
`course`), and the sandbox runs its interpreter on a snippet that imports them. Before, an environment under
/tmp was hidden by the sandbox's private /tmp: « prlimit: failed to execute …/bin/python3 ».
"""
from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from course.nbgrader_ext.sandbox import default_hidden, default_readable, sandbox_available, sandbox_command

pytestmark = pytest.mark.skipif(not sandbox_available()[0], reason="bubblewrap sandbox unavailable here")

SNIPPET = "import pandas, ipykernel, course.learner, sys; print('ok', sys.prefix)"


def make_venv(folder: Path) -> Path:
    """A venv in `folder` (created with the base interpreter) that loads this project's site-packages."""
    base = Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    subprocess.run([str(base), "-m", "venv", "--without-pip", str(folder)], check=True, capture_output=True)
    ours = next(p for p in site.getsitepackages() if p.startswith(sys.prefix))
    theirs = next((folder / "lib").glob("python3*/site-packages"))
    (theirs / "casp_projet.pth").write_text(f"import site; site.addsitedir({ours!r})\n", encoding="utf-8")
    return folder / "bin" / "python"


def run_in_sandbox(python: Path, course_dir: Path, cwd: Path) -> subprocess.CompletedProcess:
    command = [str(python), "-c", SNIPPET]
    argv = sandbox_command(command, cwd, hidden=default_hidden(course_dir), readable=default_readable(command))
    return subprocess.run(argv, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("placement", ["tmp", "opt", "home", "course"])
def test_a_python_environment_anywhere_runs_in_the_sandbox(placement, tmp_path):
    course_dir = tmp_path / "cours"
    course_dir.mkdir()
    roots = {"tmp": Path(tempfile.gettempdir()), "opt": Path("/opt"), "home": Path.home(), "course": course_dir}
    root = roots[placement]
    if not os.access(root, os.W_OK):
        pytest.skip(f"{root} is not writable here")
    folder = Path(tempfile.mkdtemp(prefix="casp-env-", dir=root))
    folder.chmod(0o755)  # as an installed environment is: the kernel runs under its own uid
    try:
        python = make_venv(folder / "venv")
        work = tmp_path / "copie"
        work.mkdir()
        result = run_in_sandbox(python, course_dir, work)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"ok {os.path.realpath(folder / 'venv')}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)
