"""Grading kernels forked from a preloaded zygote into their sandbox, instead of a fresh Python each.

Most of what one notebook costs to grade is starting Python and importing ipykernel, pandas, matplotlib and
ipywidgets. `casp autograde` therefore starts one zygote per batch (`zygote_server.py`, with the sandbox's
clean environment and `python -I`) that imports them once. Each notebook still gets its own bubblewrap sandbox
with the same arguments as before, but its command is a holder (`sleep infinity`, after the same setpriv and
prlimit) that only keeps the namespaces open; `ZygoteProvisioner` launches it, finds the holder's pid, and
asks the zygote to fork a kernel into its namespaces, where the kernel confines itself as setpriv and prlimit
would before it creates the ipykernel application.

Lifetimes: the provisioner's process is the sandbox (bwrap); killing it ends the PID namespace and every
process in it. The kernel is watched through a pidfd, so a kernel that dies (a learner's crash, the memory
limit) is seen at once and takes its sandbox with it; an interrupt goes to the kernel only.

Fallback: when the zygote cannot start or cannot fork a kernel, the notebook is executed the usual way (a
fresh Python in the same sandbox); the reason is kept in `FALLBACKS` for the grading statuses, and the
batch says it once.
"""
from __future__ import annotations

import atexit
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.provisioning import LocalProvisioner

from .. import PACKAGE_DIR
from .zygote_server import read_line

SOCKET_ENV = "CASP_ZYGOTE_SOCKET"  # set by the batch for its grading processes (fork or forkserver)
SERVER = Path(__file__).with_name("zygote_server.py")
# What notebooks import ("package.*": the package and all its submodules). Only modules the sandbox shows
# to learners: third-party packages and the learner's part of `course` (its toolkits, widgets, datasets).
PRELOAD = ("numpy", "pandas", "matplotlib", "matplotlib.pyplot", "matplotlib_inline.backend_inline",
           "matplotlib.backends.backend_agg", "pandas.plotting._matplotlib",  # the first figure, the first .plot()
           "PIL.PngImagePlugin", "PIL.BmpImagePlugin", "PIL.GifImagePlugin", "PIL.JpegImagePlugin",
           "PIL.PpmImagePlugin",  # what PIL's Image.init() loads when the inline backend saves a PNG
           "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "IPython.core.pylabtools",
           "IPython.core.magic_arguments",
           "stack_data", "executing", "pure_eval", "asttokens", "pygments.lexers.python",
           "pygments.formatters.terminal256", "pygments.formatters.html",  # the first traceback (a failed test)
           "ipywidgets", "yaml", "course.formatting", "course.data", "course.learner.*")
START_TIMEOUT = 60.0
SPAWN_TIMEOUT = 30.0
HOLDER_TIMEOUT = 10.0
HOLDER_NAME = "sleep"
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"

# Why kernels of this process started without the zygote (one entry per kernel), for the grading statuses.
FALLBACKS: list[str] = []
FORKED: list[int] = []  # pids of the kernels of this process that the zygote forked


class ZygoteError(RuntimeError):
    """The zygote could not start or fork a kernel (message in French)."""


@dataclass
class Zygote:
    """A running zygote: its process, its socket and how long it took to import."""

    process: subprocess.Popen
    socket_path: str
    python: str
    startup_seconds: float
    modules: list[str]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(Path(self.socket_path).parent, ignore_errors=True)


_started: dict[int, Zygote] = {}  # by the pid of the process that started it


def zygote_environment(python: str) -> dict[str, str]:
    """The sandbox's environment for `python`, as a zygote must hold it before it imports anything."""
    from . import mpl_cache
    from .sandbox import sandbox_environment

    env = sandbox_environment()
    env.setdefault("MPLBACKEND", INLINE_BACKEND)  # what ipykernel sets before any learner imports matplotlib
    font_list = mpl_cache.prebuilt_font_list(python)
    if font_list is not None:
        env["MPLCONFIGDIR"] = str(font_list.parent)  # read at import; the kernel gets the sandbox's path
    else:  # matplotlib builds its font list at import: in a directory of the zygote's, not in the host's /tmp
        folder = tempfile.mkdtemp(prefix="casp-zygote-mpl-")
        atexit.register(shutil.rmtree, folder, True)
        env["MPLCONFIGDIR"] = folder
    return env


def start_zygote(python: str | None = None, modules: tuple[str, ...] | None = None) -> Zygote:
    """Start a zygote for `python` (this interpreter by default) and wait until it has imported `modules`
    (default PRELOAD)."""
    python = python or sys.executable
    modules = PRELOAD if modules is None else modules
    folder = Path(tempfile.mkdtemp(prefix="casp-zygote-", dir="/tmp" if os.access("/tmp", os.W_OK) else None))
    socket_path = str(folder / "zygote.sock")
    started = time.perf_counter()
    try:
        process = subprocess.Popen([python, "-I", str(SERVER), socket_path, ",".join(modules), str(PACKAGE_DIR)],
                                   env=zygote_environment(python), cwd="/", stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise ZygoteError(f"le Python préchargé n'a pas pu être lancé ({exc})") from exc
    ready, _, _ = select.select([process.stdout], [], [], START_TIMEOUT)
    line = process.stdout.readline() if ready else b""
    try:
        message = json.loads(line) if line else {}
    except ValueError:
        message = {}
    if not message.get("ready"):
        process.kill()
        stderr = process.communicate()[1].decode(errors="replace").strip().splitlines()
        shutil.rmtree(folder, ignore_errors=True)
        reason = message.get("error") or (stderr[-1] if stderr else "pas de réponse")
        raise ZygoteError(f"le Python préchargé n'a pas démarré ({reason})")
    process.stdout.close()
    process.stderr.close()
    zygote = Zygote(process, socket_path, python, time.perf_counter() - started, message.get("modules", []))
    from .sandbox import LEARNER_PARTS

    hidden = [f for f in message.get("guarded", []) if f.split("/", 1)[0] not in LEARNER_PARTS]
    if hidden:  # its kernels would hold in memory what the sandbox hides (course/authoring: model answers)
        zygote.stop()
        raise ZygoteError("le Python préchargé a chargé des modules que le bac à sable cache aux apprenants : "
                          + ", ".join(hidden))
    return zygote


def shared_zygote() -> Zygote:
    """The zygote of this process, started on first use and stopped when the process exits."""
    zygote = _started.get(os.getpid())
    if zygote is None or zygote.process.poll() is not None:
        zygote = start_zygote()
        _started[os.getpid()] = zygote
        atexit.register(zygote.stop)
    return zygote


def zygote_socket() -> str:
    """The socket of the batch's zygote if it set one, else this process's own zygote."""
    path = os.environ.get(SOCKET_ENV)
    if path and os.path.exists(path):
        return path
    return shared_zygote().socket_path


def request_kernel(socket_path: str, request: dict, timeout: float = SPAWN_TIMEOUT) -> int:
    """Ask the zygote for a kernel; returns its pid, or raises ZygoteError with the zygote's reason."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(timeout)
            client.connect(socket_path)
            client.sendall(json.dumps(request).encode() + b"\n")
            data = read_line(client)
    except OSError as exc:
        raise ZygoteError(f"le Python préchargé ne répond pas ({exc})") from exc
    try:
        reply = json.loads(data)
    except ValueError as exc:
        raise ZygoteError("le Python préchargé s'est arrêté pendant la demande") from exc
    if "pid" not in reply:
        raise ZygoteError(f"le Python préchargé n'a pas pu lancer le noyau ({reply.get('error', 'raison inconnue')})")
    return int(reply["pid"])


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def find_holder(bwrap_pid: int, timeout: float = HOLDER_TIMEOUT) -> int:
    """The pid of the sandbox's holder once it runs (bwrap → its PID 1 → the holder)."""
    deadline = time.monotonic() + timeout
    delay = 0.0005
    while time.monotonic() < deadline:
        for child in _children(bwrap_pid):
            for grandchild in _children(child):
                if _comm(grandchild) == HOLDER_NAME:
                    return grandchild
        if not Path(f"/proc/{bwrap_pid}").exists():
            break
        time.sleep(delay)
        delay = min(delay * 2, 0.01)
    raise ZygoteError("le bac à sable du noyau n'a pas démarré")


def kernel_request(kernel_cmd: list[str], cwd: Path, uid: int | None, limits, env: dict[str, str]) -> dict | None:
    """What the zygote needs to start `kernel_cmd`, or None when it is not `python -m ipykernel_launcher …`."""
    if len(kernel_cmd) < 3 or kernel_cmd[1:3] != ["-m", "ipykernel_launcher"]:
        return None
    return {"argv0": kernel_cmd[0], "args": list(kernel_cmd[3:]), "cwd": str(cwd), "uid": uid,
            "limits": {"cpu_seconds": limits.cpu_seconds, "memory_mb": limits.memory_mb,
                       "processes": limits.processes, "file_mb": limits.file_mb},
            "env": {**env, "PWD": str(cwd)}}  # bwrap --chdir sets PWD for a fresh kernel


class ZygoteProvisioner(LocalProvisioner):
    """LocalProvisioner whose process is the sandbox's holder, and whose kernel comes from the zygote.

    The kernel manager (`SandboxedKernelManager` with `zygote=True`) gives `launch_kernel` the holder's
    sandbox command and sets `kernel_request` (what the zygote needs) and `fallback_cmd` (the usual
    sandboxed kernel command) just before.
    """

    kernel_request: dict | None = None
    fallback_cmd: list[str] | None = None
    kernel_pid: int | None = None
    pidfd: int | None = None
    fallback_reason: str | None = None

    async def launch_kernel(self, cmd: list[str], **kwargs):
        reason = None
        if self.kernel_request is None:
            reason = "la commande du noyau n'est pas celle d'ipykernel"
        else:
            try:
                socket_path = zygote_socket()
                info = await super().launch_kernel(cmd, **kwargs)
                holder = find_holder(self.process.pid)
                self.kernel_pid = request_kernel(socket_path, {**self.kernel_request, "holder": holder})
                self.pidfd = os.pidfd_open(self.kernel_pid)
                FORKED.append(self.kernel_pid)
                return info
            except (ZygoteError, OSError) as exc:
                reason = str(exc)
                await self._stop_holder()
        self.fallback_reason = reason
        FALLBACKS.append(reason)
        self.kernel_pid = None
        return await super().launch_kernel(self.fallback_cmd or cmd, **kwargs)

    async def _stop_holder(self) -> None:
        if self.process is not None:
            try:
                os.killpg(self.pgid or self.process.pid, signal.SIGKILL)
            except OSError:
                self.process.kill()
            self.process.wait()
            self.process = None

    def _kernel_exited(self) -> bool:
        if self.pidfd is None:
            return False
        return bool(select.select([self.pidfd], [], [], 0)[0])

    async def poll(self) -> int | None:
        if self.process is not None and self._kernel_exited():
            # The kernel is gone: its sandbox goes too (the holder would otherwise wait for ever).
            await self.kill()
            self.process.wait()
        return await super().poll()

    async def send_signal(self, signum: int) -> None:
        if signum == signal.SIGINT and self.pidfd is not None:
            try:
                signal.pidfd_send_signal(self.pidfd, signum)
            except OSError:
                pass
            return
        await super().send_signal(signum)

    async def cleanup(self, restart: bool = False) -> None:
        if self.pidfd is not None:
            os.close(self.pidfd)
            self.pidfd = None
        self.kernel_pid = None
        await super().cleanup(restart=restart)
