"""Run the hub (`jupyterhub -f <hub>/jupyterhub_config.py`, as root) and talk to its REST API."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from .. import CourseError
from ..lab.server import stop_with_parent
from .prepare import HubSetup

START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 30.0


class HubError(CourseError):
    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class HubClient:
    """Requests to the hub's REST API (/hub/api/…) or through its proxy (/user/…, /services/…) with a token."""

    base_url: str  # http://127.0.0.1:<port>
    token: str

    def request(self, method: str, path: str, data: dict | list | None = None, *, timeout: float = 60,
                raw: bytes | None = None) -> tuple[int, bytes]:
        body = raw if raw is not None else (json.dumps(data).encode() if data is not None else None)
        request = urllib.request.Request(self.base_url + path, data=body, method=method,
                                         headers={"Authorization": f"token {self.token}",
                                                  "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def json(self, method: str, path: str, data: dict | list | None = None, *, timeout: float = 60):
        status, body = self.request(method, path, data, timeout=timeout)
        if status >= 400:
            raise HubError(f"{method} {path} : HTTP {status} {body[:500].decode(errors='replace')}", status)
        return json.loads(body) if body else None

    def user_token(self, login: str, note: str = "casp") -> str:
        return self.json("POST", f"/hub/api/users/{login}/tokens", {"note": note})["token"]

    def start_server(self, login: str, timeout: float = 120) -> None:
        """Start the user's server and wait until the hub says it is ready."""
        status, body = self.request("POST", f"/hub/api/users/{login}/server")
        if status not in (201, 202, 400):  # 400: already running
            raise HubError(f"Démarrage du serveur de {login} : HTTP {status} {body[:300]!r}", status)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = (self.json("GET", f"/hub/api/users/{login}").get("servers") or {}).get("")
            if server and server.get("ready"):
                return
            time.sleep(0.3)
        raise HubError(f"Le serveur de {login} n'est pas prêt après {timeout:.0f} s.")

    def stop_server(self, login: str) -> None:
        self.request("DELETE", f"/hub/api/users/{login}/server")


def _log_tail(path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


@dataclass(frozen=True)
class RunningHub:
    setup: HubSetup
    process: subprocess.Popen
    client: HubClient  # as the `casp` service

    @property
    def url(self) -> str:
        return self.setup.url


def _wait_until_ready(setup: HubSetup, process: subprocess.Popen, client: HubClient, timeout: float) -> None:
    log = setup.layout.logs / "jupyterhub.log"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CourseError(f"JupyterHub s'est arrêté au démarrage (code {process.returncode}). Fin du journal "
                              f"{log} :\n{_log_tail(log)}")
        try:
            status, _ = client.request("GET", "/hub/api/services", timeout=2)
            if status == 200:
                service = client.json("GET", f"/hub/api/services/{setup.layout.course_id}", timeout=5)
                if service and service.get("url"):
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, HubError):
            pass
        time.sleep(0.3)
    raise CourseError(f"JupyterHub ne répond pas après {timeout:.0f} s. Fin du journal {log} :\n{_log_tail(log)}")


def stop(process: subprocess.Popen, timeout: float = STOP_TIMEOUT_S) -> None:
    """SIGTERM: the hub stops the users' servers, its services and the proxy (cleanup_servers), then exits."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def start_hub(setup: HubSetup, timeout: float = START_TIMEOUT_S) -> Iterator[RunningHub]:
    """Run the hub until the block ends; the gradebook's PostgreSQL stops with it."""
    layout = setup.layout
    token = layout.secret("jeton-casp").read_text(encoding="utf-8").strip()
    client = HubClient(setup.url, token)
    try:
        with open(layout.logs / "jupyterhub.log", "ab") as log:
            process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(layout.config_file)],
                                       cwd=layout.root, stdin=subprocess.DEVNULL, stdout=log,
                                       stderr=subprocess.STDOUT, start_new_session=True,
                                       preexec_fn=stop_with_parent)  # SIGTERM if casp dies: servers stop too
        try:
            _wait_until_ready(setup, process, client, timeout)
            yield RunningHub(setup, process, client)
        finally:
            stop(process)
    finally:
        if setup.postgres:
            setup.postgres.stop()
