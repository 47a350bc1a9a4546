"""Run a role's `jupyter lab` on loopback: pick a port, start, wait until it answers, stop it cleanly."""
from __future__ import annotations

import ctypes
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from .. import CourseError

if TYPE_CHECKING:
    from .prepare import LabSetup

HOST = "127.0.0.1"
START_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 15.0
PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class RunningLab:
    url: str  # where to point the browser, token included
    base_url: str  # http://127.0.0.1:<port>
    token: str
    process: subprocess.Popen


def choose_port(port: int | None) -> int:
    """The given port if it is free on loopback, else a French error; a free port when none is given."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        if port is None:
            probe.bind((HOST, 0))
            return probe.getsockname()[1]
        if not 1 <= port <= 65535:
            raise CourseError(f"Port invalide : {port} (entre 1 et 65535).")
        try:
            probe.bind((HOST, port))
        except OSError:
            raise CourseError(f"Le port {port} est déjà utilisé sur {HOST} : choisissez-en un autre (--port) "
                              "ou laissez casp en trouver un libre.") from None
    return port


def stop_with_parent() -> None:
    """Runs in the child before exec: the lab (and so its kernels) stops if casp is killed.

    Linux sends the signal when the thread that started the lab ends: start and use it from one thread.
    """
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass


def _request(setup: LabSetup, path: str, method: str = "GET", timeout: float = 2.0) -> int:
    request = urllib.request.Request(setup.base_url + path, method=method,
                                     headers={"Authorization": f"token {setup.token}"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status


def _log_tail(setup: LabSetup, lines: int = 15) -> str:
    try:
        return "\n".join(setup.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _wait_until_ready(setup: LabSetup, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CourseError(f"JupyterLab s'est arrêté au démarrage (code {process.returncode}). "
                              f"Fin du journal {setup.log_path} :\n{_log_tail(setup)}")
        try:
            if _request(setup, "/api/status") == 200:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise CourseError(f"JupyterLab ne répond pas après {timeout:.0f} s. Fin du journal {setup.log_path} :\n"
                      f"{_log_tail(setup)}")


def stop(setup: LabSetup, process: subprocess.Popen, timeout: float = STOP_TIMEOUT_S) -> None:
    """Ask the server to shut down (it stops its kernels), then terminate, then kill."""
    if process.poll() is None:
        try:
            _request(setup, "/api/shutdown", method="POST")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def start_lab(setup: LabSetup, timeout: float = START_TIMEOUT_S) -> Iterator[RunningLab]:
    """Start the role's `jupyter lab`, yield once it answers, stop it (and its kernels) when the block ends."""
    setup.log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(setup.log_path, "wb") as log:
        process = subprocess.Popen(
            setup.argv, cwd=setup.root_dir, env=setup.env,  # formgrader reads nbgrader_config.py from the cwd
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl+C in casp's terminal is casp's to handle, not the server's
            preexec_fn=stop_with_parent if sys.platform.startswith("linux") else None,
        )
    try:
        _wait_until_ready(setup, process, timeout)
        yield RunningLab(url=setup.url, base_url=setup.base_url, token=setup.token, process=process)
    finally:
        stop(setup, process)
