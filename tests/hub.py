"""A real JupyterHub on loopback for the tests: throwaway Unix accounts, PostgreSQL, the proxy, as root.

`running_hub()` prepares a hub folder under /var/tmp (not /tmp: grading kernels get a private /tmp), creates
two learners, one trainer and a grader account with a unique prefix, releases `prise_en_main`, starts the
hub, and on exit stops everything and deletes the accounts and folders. The users' Python is shared
between runs (/var/cache/casp-hub-python, or CASP_HUB_PYTHON): `casp hub` rebuilds it only when the
course's dependencies change, and reinstalls the course's wheel when its code changes.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from course.hub import accounts as unix_accounts
from course.hub.layout import HubLayout
from course.hub.prepare import prepare_hub
from course.hub.roster import Account
from course.hub.server import HubClient, RunningHub, start_hub

REPO = Path(__file__).resolve().parents[1]
COURSE_ID = "casp-rncp7426"
ASSIGNMENT = "prise_en_main"
SHARED_PYTHON = Path(os.environ.get("CASP_HUB_PYTHON", "/var/cache/casp-hub-python"))


def skip_unless_root() -> None:
    if os.geteuid() != 0:
        pytest.skip("Les tests du hub créent des comptes Unix et lancent des serveurs sous ces comptes : ils "
                    "tournent en root (comme en CI), pas sous un compte ordinaire.")


@dataclass
class TestHub:
    hub: RunningHub
    layout: HubLayout
    learner: str
    other_learner: str
    trainer: str

    @property
    def url(self) -> str:
        return self.hub.url

    @property
    def admin(self) -> HubClient:
        return self.hub.client

    def as_user(self, login: str) -> HubClient:
        return HubClient(self.url, self.admin.user_token(login))

    @property
    def db_url(self) -> str:
        return self.hub.setup.db_url


@contextmanager
def running_hub(gradebook: str = "postgresql") -> Iterator[TestHub]:
    prefix = f"t{os.getpid() % 100000:05d}"
    base = Path(tempfile.mkdtemp(prefix="casp-hub-", dir="/var/tmp"))
    base.chmod(0o755)
    layout = HubLayout(base / "hub", base / "maisons", COURSE_ID, python_dir=SHARED_PYTHON,
                       grader_name=f"{prefix}-correcteur")
    people = [Account(f"{prefix}-app1", "Inès Moreau", "ines.moreau@exemple.fr", "apprenant"),
              Account(f"{prefix}-app2", "Wassim Haddad", "wassim.haddad@exemple.fr", "apprenant"),
              Account(f"{prefix}-form", "Odile Perrin", "odile.perrin@exemple.fr", "formateur")]
    try:
        setup = prepare_hub(layout, REPO, people, project_dir=REPO, port=_free_port(), gradebook=gradebook,
                            release=[ASSIGNMENT])
        with start_hub(setup) as hub:
            yield TestHub(hub, layout, people[0].login, people[1].login, people[2].login)
    finally:
        for login in [account.login for account in people] + [layout.grader]:
            unix_accounts.remove_unix_account(login)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def hub():
    """One hub for a test module (import it into the module: `from tests.hub import hub`)."""
    skip_unless_root()
    with running_hub() as test_hub:
        yield test_hub


def _free_port() -> int:
    from course.hub.postgres import free_port

    return free_port()


def run_in_kernel(client: HubClient, login: str, code: str, timeout: float = 60) -> str:
    """Run `code` in a new kernel of the user's server (through the hub's proxy); what it printed."""
    import asyncio

    kernel = client.json("POST", f"/user/{login}/api/kernels", {"name": "python3"})
    try:
        return asyncio.run(_execute(client, f"/user/{login}/api/kernels/{kernel['id']}/channels", code, timeout))
    finally:
        client.request("DELETE", f"/user/{login}/api/kernels/{kernel['id']}")


async def _execute(client: HubClient, path: str, code: str, timeout: float) -> str:
    import asyncio
    import json
    import uuid

    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    request = HTTPRequest(client.base_url.replace("http", "ws", 1) + path,
                          headers={"Authorization": f"token {client.token}"})
    connection = await websocket_connect(request)
    msg_id = uuid.uuid4().hex
    await connection.write_message(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "", "session": uuid.uuid4().hex,
                   "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True},
    }))
    printed = []
    try:
        while True:
            message = json.loads(await asyncio.wait_for(connection.read_message(), timeout))
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                printed.append(content["text"])
            elif kind == "error":
                printed.append("\n".join(content["traceback"]))
            elif kind == "status" and content["execution_state"] == "idle":
                return "".join(printed)
    finally:
        connection.close()
