"""A sandbox for learners' code during autograde: bubblewrap and prlimit around the grading kernel.

nbgrader executes every submitted notebook in a Jupyter kernel on the trainer's machine, with the
trainer's rights. `SandboxedExecute` (selected by `configure_sandbox`) starts that kernel through
`SandboxedKernelManager`, which wraps the kernel command in `bwrap … prlimit … python -m ipykernel_launcher`:

- the whole system is read-only (`--ro-bind / /`), with a fresh /dev and the /proc of its own PID namespace;
- hidden behind empty read-only tmpfs: the course directory (source/, gradebook.db, submitted/, autograded/,
  feedback/, a local exchange), the exchange when it is elsewhere, the checkout the `course` package comes
  from, the home directory and /run (sockets of local services: PostgreSQL, Docker, D-Bus); a SQLite
  gradebook outside them is replaced by /dev/null;
- visible again, read-only: the Python environment and what notebooks use of the `course` package
  (`course.learner`, `course.data`); the rest of it is hidden (`course/authoring` holds the model answers);
- writable: a private /tmp and the notebook's own directory (nbgrader's autograded/<learner>/<assignment>/),
  both size-limited tmpfs; the directory's files are mounted read-only inside it, so what learner code
  writes is lost with the kernel and cannot touch the files nbgrader writes afterwards;
- no network (`--unshare-net`: a loopback of its own only), no view of other processes (`--unshare-pid`),
  an environment reduced to a few variables (no database URL, no token);
- prlimit bounds CPU seconds, address space, processes (threads included), file size and core dumps;
  run by root, the kernel takes an unprivileged uid of its own (root ignores RLIMIT_NPROC);
- the kernel cannot reach nbgrader's TCP loopback from its network namespace, so they talk over ZeroMQ
  IPC sockets in a private directory bind-mounted into the sandbox, named by absolute paths;
- outputs: at most `max_output_chars` characters per cell reach the grading process (the rest is dropped
  with a French notice), then nbgrader's LimitOutput keeps `max_lines` lines and `max_traceback` lines.

Known limits: memory is bounded per process (RLIMIT_AS), so a notebook can use at most processes × memory
in all, plus the tmpfs sizes; when the grader is not root the kernel keeps the grader's uid and could still
write in its IPC directory (files removed with the kernel, each at most `file_mb`); code that catches
KeyboardInterrupt in a loop survives the cell timeout, and nbgrader then fails that one copy (iopub timeout)
or the CPU limit kills its kernel. bubblewrap 0.8 or newer is needed (`--size`, `--disable-userns`).
"""
from __future__ import annotations

import functools
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import nbformat.v4 as nbf
from jupyter_client.manager import AsyncKernelManager
from nbgrader.converters import Autograde
from nbgrader.preprocessors import Execute
from traitlets import Bool, DottedObjectName, Integer, List, Type, Unicode, default
from traitlets.config import Config

from .. import PACKAGE_DIR, CourseError
from . import mpl_cache, zygote

OPT_OUT_FLAG = "--sans-bac-a-sable"
OPT_OUT_ENV = "CASP_SANS_BAC_A_SABLE"  # "1": grade without the sandbox (what the flag sets for worker processes)
BWRAP = "bwrap"
PRLIMIT = "prlimit"
SETPRIV = "setpriv"
# Kernels started by root run as UID_BASE + (grading process id % UID_SPAN): a uid no account uses, one per
# grading process, so that RLIMIT_NPROC counts the processes of one notebook only.
UID_BASE = 1_900_000_000
UID_SPAN = 1_000_000
# What notebooks use of the `course` package (the learner's toolkits, the datasets, the French number
# formatting they print with and the palette their charts and widgets are drawn with); the rest (authoring/
# holds the model answers) is hidden.
LEARNER_PARTS = frozenset({"__init__.py", "__pycache__", "data", "learner", "formatting.py", "palette.py"})
PRIVATE_TMPFS = (Path("/tmp"), Path("/dev/shm"))  # each kernel gets its own, empty
MASK_BYTES = 1 << 20  # size of the read-only tmpfs that hide directories (they only hold mount points)
ENV_PASSED = ("LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "TZ", "MPLBACKEND", "PYTHONPATH",
              "JUPYTER_PLATFORM_DIRS", "PYDEVD_DISABLE_FILE_VALIDATION")


@dataclass(frozen=True)
class Limits:
    """What one grading kernel may use."""

    cpu_seconds: int = 600  # CPU time of the kernel process (the 60 s cell timeout comes first)
    memory_mb: int = 2048  # address space per process
    processes: int = 64  # processes and threads of the kernel's uid (ipykernel itself uses about 10)
    file_mb: int = 64  # largest file learner code may write
    scratch_mb: int = 256  # size of each writable tmpfs (/tmp, /dev/shm, the notebook's directory)
    output_chars: int = 100_000  # characters of output kept per cell
    output_lines: int = 1000  # nbgrader LimitOutput.max_lines
    traceback_lines: int = 100  # nbgrader LimitOutput.max_traceback


DEFAULT_LIMITS = Limits()


def unavailable_message(reason: str) -> str:
    return (
        f"Le bac à sable de la correction automatique n'a pas pu démarrer : {reason}. "
        f"Relancez avec {OPT_OUT_FLAG} pour corriger sans protection (déconseillé)."
    )


def _is_root() -> bool:
    return os.geteuid() == 0


def kernel_uid() -> int:
    """The uid a kernel started by root runs as (non-root graders keep their own)."""
    return UID_BASE + os.getpid() % UID_SPAN


def _tool(name: str) -> str | None:
    return shutil.which(name) or next(
        (str(p) for p in (Path("/usr/bin") / name, Path("/bin") / name, Path("/usr/sbin") / name) if p.is_file()),
        None,
    )


def _within(path: Path, parent: Path) -> bool:
    return path == parent or parent in path.parents


def default_hidden(course_dir: Path | None = None, exchange: Path | None = None) -> list[Path]:
    """Directories learner code must not see: the course, the exchange, the course checkout, homes and /run."""
    hidden = [Path("/run"), Path("/home"), Path("/root"), Path.home()]
    if (PACKAGE_DIR.parent / "pyproject.toml").is_file():  # an editable checkout: its source/, gradebook, exchange
        hidden.append(PACKAGE_DIR.parent)
    hidden += [p for p in (course_dir, exchange) if p]
    return [Path(os.path.realpath(p)) for p in hidden]


def default_readable(command: list[str] | None = None) -> list[Path]:
    """What the kernel needs even when it lies in a hidden directory: Python, its packages, `course`."""
    readable = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(PACKAGE_DIR)}
    readable |= {p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if os.path.isabs(p)}
    if command and os.path.isabs(command[0]):
        readable.add(str(Path(command[0]).parent.parent))
    return [Path(os.path.realpath(p)) for p in sorted(readable)]


def default_blocked() -> list[Path]:
    """Installed packages grading kernels must not load, hidden even inside the readable Python environment.

    debugpy: ipykernel imports it at start-up to offer a debugger no grading run uses (60 ms of every
    kernel start here); hidden, ipykernel starts without it. A learner's code gets no debugger either.
    """
    blocked = []
    for name in ("debugpy",):
        spec = importlib.util.find_spec(name)
        for location in (spec.submodule_search_locations or []) if spec else []:
            blocked.append(Path(os.path.realpath(location)))
    return blocked


def _sqlite_file(db_url: str) -> Path | None:
    if db_url.startswith("sqlite:///") and db_url != "sqlite:///:memory:":
        return Path(os.path.realpath(db_url.removeprefix("sqlite:///")))
    return None


def sandbox_command(
    command: list[str],
    cwd: Path,
    *,
    hidden: list[Path],
    hidden_files: list[Path] = (),
    readable: list[Path] = (),
    writable: list[Path] = (),
    limits: Limits = DEFAULT_LIMITS,
    uid: int | None = None,
    blocked: list[Path] | None = None,
    python: str | None = None,
) -> list[str]:
    """The argv running `command` in the sandbox with `cwd` as a writable scratch copy of its directory.

    `hidden` directories appear empty and read-only, `hidden_files` empty; `readable` paths inside them
    are shown again read-only; `writable` paths (the IPC directory) are bind-mounted read-write.
    `uid` is the uid to switch to when run by root (default `kernel_uid()`); ignored otherwise.
    `blocked` directories (default `default_blocked()`) appear empty even inside `readable` ones.
    `python`: the interpreter whose matplotlib font list the sandbox gets (default: `command[0]` if a Python).
    """
    bwrap, prlimit = _tool(BWRAP), _tool(PRLIMIT)
    if not bwrap or not prlimit:
        raise CourseError(unavailable_message(_missing_tools_reason()))
    cwd = Path(os.path.realpath(cwd))
    scratch = str(limits.scratch_mb << 20)
    masks = sorted({Path(os.path.realpath(p)) for p in hidden if Path(p).exists()}, key=lambda p: len(p.parts))
    masks = [m for i, m in enumerate(masks) if not any(_within(m, o) for o in masks[:i]) and m != Path("/")]
    readable = [Path(os.path.realpath(r)) for r in readable]
    # Readable paths under a hidden directory or under the private /tmp and /dev/shm (a virtual environment
    # in /tmp, say) are shown again, read-only.
    covered = [*masks, *PRIVATE_TMPFS]
    shown = sorted({r for r in readable if r.exists() and any(_within(r, m) for m in covered)
                    and not any(_within(m, r) for m in covered)}, key=lambda p: len(p.parts))
    shown = [r for i, r in enumerate(shown) if not any(_within(r, o) for o in shown[:i])]

    args = [bwrap, "--die-with-parent", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
            "--unshare-cgroup-try", "--hostname", "bac-a-sable",
            "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
            "--perms", "01777", "--size", scratch, "--tmpfs", "/tmp",
            "--perms", "01777", "--size", scratch, "--tmpfs", "/dev/shm"]
    for mask in masks:
        args += ["--perms", "0555", "--size", str(MASK_BYTES), "--tmpfs", str(mask)]
    for path in hidden_files:
        path = Path(os.path.realpath(path))
        if path.is_file() and not any(_within(path, m) for m in masks):
            args += ["--ro-bind", "/dev/null", str(path)]
    # Mount points created inside a tmpfs get mode 0700 from privileged bwrap: create them 0755 first.
    tmpfs_roots = [*PRIVATE_TMPFS, *masks]
    made: set[Path] = set()

    def parents(path: Path) -> list[str]:
        out = []
        for parent in reversed(path.parents):
            if parent not in made and any(parent != r and _within(parent, r) for r in tmpfs_roots):
                made.add(parent)
                out += ["--perms", "0755", "--dir", str(parent)]
        return out

    for path in shown:
        args += parents(path) + ["--ro-bind", str(path), str(path)]
    remount = list(masks)
    for path in default_blocked() if blocked is None else blocked:
        if Path(path).is_dir():
            args += ["--perms", "0555", "--size", str(MASK_BYTES), "--tmpfs", str(path)]
            remount.append(Path(path))
    for path in sorted(PACKAGE_DIR.iterdir()) if PACKAGE_DIR.is_dir() else []:
        if path.name in LEARNER_PARTS or path.is_symlink():
            continue
        if path.is_dir():
            args += ["--perms", "0555", "--size", str(MASK_BYTES), "--tmpfs", str(path)]
            remount.append(path)
        elif path.is_file():
            args += ["--ro-bind", "/dev/null", str(path)]
    # The notebook's directory: a writable tmpfs showing its files read-only (symlinks as symlinks).
    args += parents(cwd) + ["--perms", "01777", "--size", scratch, "--tmpfs", str(cwd)]
    if cwd.is_dir():
        for entry in sorted(cwd.iterdir()):
            if entry.is_symlink():
                args += ["--symlink", os.readlink(entry), str(entry)]
            else:
                args += ["--ro-bind", str(entry), str(entry)]
    for path in writable:
        args += parents(Path(path)) + ["--bind", str(path), str(path)]
    for mask in remount:
        args += ["--remount-ro", str(mask)]
    # matplotlib's font list, built once instead of in every kernel (course.nbgrader_ext.mpl_cache)
    python = python or (command[0] if Path(command[0]).name.startswith("python") else None)
    mpl_args, mpl_env = mpl_cache.sandbox_arguments(python) if python else ([], {})
    args += mpl_args
    args += ["--chdir", str(cwd), "--clearenv"]
    env = {**sandbox_environment(), **mpl_env}
    for key, value in env.items():
        args += ["--setenv", key, value]
    if _is_root():
        setpriv = _tool(SETPRIV)
        if not setpriv:
            raise CourseError(unavailable_message(_missing_tools_reason()))
        uid = kernel_uid() if uid is None else uid
        args += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_SETPCAP", "--",
                 setpriv, f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--inh-caps=-all",
                 "--bounding-set=-all", "--no-new-privs", "--"]
    else:
        args += ["--unshare-user", "--disable-userns", "--"]
    args += [prlimit, f"--cpu={limits.cpu_seconds}:{limits.cpu_seconds + 5}", f"--as={limits.memory_mb << 20}",
             f"--nproc={limits.processes}", f"--fsize={limits.file_mb << 20}", "--core=0", "--"]
    return args + list(command)


def sandbox_environment() -> dict[str, str]:
    """The whole environment of a sandboxed kernel (bwrap starts it with --clearenv): no grader variable."""
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": "/tmp", "TMPDIR": "/tmp", "USER": "apprenant", "LOGNAME": "apprenant",
        "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1",
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "NUMEXPR_NUM_THREADS": "1", "MALLOC_ARENA_MAX": "2",
        # ipykernel: the parent is the sandbox's PID 1 (no parent polling, no connection banner on stdout).
        "JPY_PARENT_PID": "1",
    }
    env.update({k: os.environ[k] for k in ENV_PASSED if k in os.environ})
    return env


def _missing_tools_reason() -> str:
    if sys.platform != "linux":
        return "bubblewrap n'existe que sous Linux"
    packages = {BWRAP: "bubblewrap", PRLIMIT: "util-linux", SETPRIV: "util-linux"}  # setpriv: root only
    missing = [name for name in packages if not _tool(name) and (name != SETPRIV or _is_root())]
    return ", ".join(f"la commande {name} est introuvable (paquet Debian {packages[name]})" for name in missing)


def userns_blocked() -> str | None:
    """Why this kernel refuses user namespaces to non-root users (bwrap needs one then), or None."""
    for path, blocking in (("/proc/sys/kernel/unprivileged_userns_clone", "0"),
                           ("/proc/sys/user/max_user_namespaces", "0"),
                           ("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1")):
        try:
            value = Path(path).read_text().strip()
        except OSError:
            continue
        if value == blocking:
            setting = path.removeprefix("/proc/sys/").replace("/", ".")
            return (f"ce noyau refuse les espaces de noms utilisateur aux comptes non-root ({setting} = {value}) ; "
                    "corrigez en root ou demandez à l'administrateur de les autoriser")
    return None


@functools.lru_cache(maxsize=None)
def sandbox_available() -> tuple[bool, str]:
    """Whether a sandboxed Python starts here; (False, the reason in French) otherwise. Cached per process."""
    reason = _missing_tools_reason()
    if reason:
        return False, reason
    with tempfile.TemporaryDirectory(prefix="casp-bac-essai-") as scratch:
        try:
            command = sandbox_command([sys.executable, "-c", "import ipykernel"], Path(scratch),
                                      hidden=default_hidden(), readable=default_readable())
            run = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=scratch)
        except (OSError, subprocess.SubprocessError, CourseError) as exc:
            return False, str(exc)
    if run.returncode != 0:
        detail = (run.stderr.strip().splitlines() or [f"code de sortie {run.returncode}"])[-1]
        blocked = None if _is_root() else userns_blocked()
        return False, f"bwrap a échoué ({detail})" + (f" : {blocked}" if blocked else "")
    version = subprocess.run([_tool(BWRAP), "--version"], capture_output=True, text=True).stdout.strip()
    return True, version or "bubblewrap"


def _process_group(pgid: int) -> list[int]:
    members = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rfind(")") + 2:].split()
            if len(fields) > 2 and int(fields[2]) == pgid:
                members.append(int(entry.name))
    return members


class SandboxedKernelManager(AsyncKernelManager):
    """An AsyncKernelManager whose kernel runs in the bubblewrap sandbox and talks over IPC sockets."""

    course_dir = Unicode("", config=True, help="The course directory, hidden from learner code.")
    hidden_paths = List(Unicode(), config=True, help="More directories hidden from learner code.")
    cpu_seconds = Integer(DEFAULT_LIMITS.cpu_seconds, config=True)
    memory_mb = Integer(DEFAULT_LIMITS.memory_mb, config=True)
    processes = Integer(DEFAULT_LIMITS.processes, config=True)
    file_mb = Integer(DEFAULT_LIMITS.file_mb, config=True)
    scratch_mb = Integer(DEFAULT_LIMITS.scratch_mb, config=True)
    zygote = Bool(False, config=True, help="Fork kernels from a preloaded zygote into the sandbox "
                                           "(course.nbgrader_ext.zygote); a fresh Python when it cannot.")

    # Ready on the kernel_info reply and its IOPub idle status, not after jupyter_client's 0.2 s IOPub drain.
    client_class = DottedObjectName("course.nbgrader_ext.ready_client.ReadyKernelClient", config=True)
    client_factory = Type(default_value="course.nbgrader_ext.ready_client.ReadyKernelClient",
                          klass="jupyter_client.asynchronous.AsyncKernelClient", config=True)

    _sandbox_root: Path | None = None
    _sandbox_cwd: Path | None = None

    @default("transport")
    def _default_transport(self) -> str:
        return "ipc"

    def limits(self) -> Limits:
        return Limits(cpu_seconds=self.cpu_seconds, memory_mb=self.memory_mb, processes=self.processes,
                      file_mb=self.file_mb, scratch_mb=self.scratch_mb)

    def hidden(self) -> tuple[list[Path], list[Path]]:
        """(directories, files) hidden from the kernel, from this manager's traits and nbgrader's config."""
        config = self.config
        course = [Path(p) for p in (self.course_dir, config.CourseDirectory.get("root")) if p]
        exchange = config.Exchange.get("root")
        dirs = default_hidden(exchange=Path(exchange) if exchange else None) + course
        dirs += [Path(p) for p in self.hidden_paths]
        gradebook = _sqlite_file(config.CourseDirectory.get("db_url") or "")
        return dirs, [gradebook] if gradebook else []

    async def _async_pre_start_kernel(self, **kw):
        ok, reason = sandbox_available()
        if not ok:
            raise CourseError(unavailable_message(reason))
        if self._sandbox_root is None:
            base = "/tmp" if os.access("/tmp", os.W_OK) else None  # short paths: IPC socket names are limited
            self._sandbox_root = Path(tempfile.mkdtemp(prefix="casp-bac-", dir=base))
            ipc = self._sandbox_root / "ipc"
            ipc.mkdir(mode=0o700)
            if _is_root():
                os.chown(ipc, kernel_uid(), kernel_uid())
            self.transport = "ipc"
            self.connection_file = str(ipc / "noyau.json")
            self.ip = str(ipc / "zmq")
        if kw.get("cwd"):
            self._sandbox_cwd = Path(kw["cwd"])
        else:  # nbgrader always gives the notebook's directory; an empty one otherwise
            self._sandbox_cwd = self._sandbox_root / "travail"
            self._sandbox_cwd.mkdir(exist_ok=True)
        if self.zygote and self.provisioner is None:
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
            self.provisioner = zygote.ZygoteProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec,
                                                        parent=self)
        return await super()._async_pre_start_kernel(**kw)

    def write_connection_file(self, **kwargs) -> None:
        super().write_connection_file(**kwargs)
        if _is_root() and self._sandbox_root is not None and os.path.exists(self.connection_file):
            os.chown(self.connection_file, kernel_uid(), kernel_uid())

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        command = super().format_kernel_cmd(extra_arguments)
        if self._sandbox_root is None:  # not started by this manager (nothing to wrap yet)
            return command
        dirs, files = self.hidden()
        options = dict(hidden=dirs, hidden_files=files, readable=default_readable(command),
                       writable=[self._sandbox_root / "ipc"], limits=self.limits())
        sandboxed = sandbox_command(command, self._sandbox_cwd, **options)
        provisioner = self.provisioner
        if not isinstance(provisioner, zygote.ZygoteProvisioner):
            return sandboxed
        # The sandbox only holds its namespaces open; the zygote forks the kernel into them.
        mpl_env = mpl_cache.sandbox_arguments(command[0])[1]
        provisioner.kernel_request = zygote.kernel_request(command, self._sandbox_cwd,
                                                           kernel_uid() if _is_root() else None,
                                                           self.limits(), mpl_env)
        provisioner.fallback_cmd = sandboxed
        return sandbox_command([_tool("sleep") or "sleep", "infinity"], self._sandbox_cwd, python=command[0],
                               **options)

    def lock_ipc(self) -> None:
        """Once the kernel has answered (its sockets are bound), its uid may no longer write in the IPC directory.

        Only possible when the grader is root: a non-root kernel has the grader's uid and owns the directory.
        """
        if _is_root() and self._sandbox_root is not None:
            ipc = self._sandbox_root / "ipc"
            os.chown(ipc, 0, 0)
            os.chmod(ipc, 0o755)

    async def _async_signal_kernel(self, signum: int) -> None:
        # jupyter_client signals the whole process group; bwrap itself dies on SIGINT and takes the sandbox
        # with it (--die-with-parent), so an interrupt goes to every member of the group but bwrap.
        provisioner = self.provisioner
        if signum == signal.SIGINT and getattr(provisioner, "pidfd", None) is not None:
            await provisioner.send_signal(signum)  # a zygote's kernel: to the kernel itself
            return
        if signum == signal.SIGINT and self.has_kernel and getattr(provisioner, "pgid", None):
            for pid in _process_group(provisioner.pgid):
                if pid != provisioner.pid:
                    try:
                        os.kill(pid, signum)
                    except OSError:
                        pass
            return
        await super()._async_signal_kernel(signum)

    async def _async_wait(self, pollinterval: float = 0.1) -> None:
        # After a kill, jupyter_client polls every 100 ms for the process to go, and the first poll nearly always
        # comes before the kernel has died: 100 ms lost per notebook. Poll every 5 ms instead.
        await super()._async_wait(pollinterval=min(pollinterval, 0.005))

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            self._remove_sandbox_root()

    def _remove_sandbox_root(self) -> None:
        if self._sandbox_root is not None:
            shutil.rmtree(self._sandbox_root, ignore_errors=True)
            self._sandbox_root = None

    def __del__(self) -> None:  # a kernel that never started is not cleaned up by a shutdown
        try:
            self._remove_sandbox_root()
        except Exception:  # noqa: BLE001 (interpreter shutdown)
            pass
        super().__del__()


def _output_size(msg: dict) -> int:
    content = msg.get("content", {})
    if msg.get("msg_type") == "stream":
        return len(content.get("text", ""))
    if msg.get("msg_type") == "error":
        return sum(len(line) for line in content.get("traceback", [])) + len(content.get("evalue", ""))
    return len(json.dumps(content.get("data", {}))) if "data" in content else 0


# Called with no argument each time a notebook's execution is over and its kernel stopped: `casp autograde`
# uses it to start the next copy's kernel while this copy's grades are still being written.
EXECUTION_DONE_HOOKS: list = []


class LimitedExecute(Execute):
    """nbgrader's Execute keeping at most `max_output_chars` characters of output per cell."""

    max_output_chars = Integer(DEFAULT_LIMITS.output_chars, config=True,
                               help="Characters of output kept per cell; the rest is dropped with a notice.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._output_used: dict[int, int] = {}

    def preprocess(self, nb, resources=None, km=None):
        try:
            return super().preprocess(nb, resources, km=km)
        finally:
            for hook in EXECUTION_DONE_HOOKS:
                hook()

    def preprocess_cell(self, cell, resources, index):
        self._output_used[index] = 0
        return super().preprocess_cell(cell, resources, index)

    def output(self, outs, msg, display_id, cell_index):
        used, size = self._output_used.get(cell_index, 0), _output_size(msg)
        if used + size <= self.max_output_chars:
            self._output_used[cell_index] = used + size
            return super().output(outs, msg, display_id, cell_index)
        if used > self.max_output_chars:  # already cut: drop silently
            return None
        self._output_used[cell_index] = self.max_output_chars + 1
        kept = msg["content"]["text"][: self.max_output_chars - used] if msg.get("msg_type") == "stream" else ""
        if kept:
            super().output(outs, {**msg, "content": {**msg["content"], "text": kept}}, display_id, cell_index)
        limit = f"{self.max_output_chars:,}".replace(",", " ")
        # Not a stream (LimitOutput drops streams past its line limit), not an error (the cell would fail).
        notice = nbf.new_output("display_data", data={"text/plain": (
            f"[Sortie tronquée : cette cellule a produit plus de {limit} caractères, "
            "la limite de la correction automatique.]")})
        outs.append(notice)
        return notice


class SandboxedExecute(LimitedExecute):
    """LimitedExecute whose kernel runs in the sandbox (`SandboxedKernelManager`)."""

    def __init__(self, *args, **kwargs):
        # nbgrader's Execute passes kernel_manager_class=AsyncKernelManager as an argument, which beats config.
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        super().__init__(*args, **kwargs)

    # nbclient's sync wrappers call the base class's coroutine: both entry points are overridden.
    async def async_start_new_kernel_client(self):
        client = await super().async_start_new_kernel_client()
        if isinstance(self.km, SandboxedKernelManager):
            self.km.lock_ipc()
        return client

    def start_new_kernel_client(self):
        client = super().start_new_kernel_client()
        if isinstance(self.km, SandboxedKernelManager):
            self.km.lock_ipc()
        return client


_EXECUTORS = (Execute, LimitedExecute, SandboxedExecute)
_EXECUTOR_NAMES = {f"{cls.__module__}.{cls.__name__}" for cls in _EXECUTORS} | {"nbgrader.preprocessors.Execute"}


def configure_sandbox(config: Config, course_dir: Path, enabled: bool = True, limits: Limits = DEFAULT_LIMITS,
                      check: bool = True, zygote: bool = False) -> Config:
    """Make autograde run learner code in the sandbox (or, with enabled=False, without it); returns `config`.

    Output limits apply in both cases. With `check`, raises CourseError (in French) when the sandbox cannot
    start here; without it (nbgrader_config.py), a kernel that cannot be sandboxed refuses to start, with
    the same message in nbgrader's log. With `zygote`, sandboxed kernels are forked from a preloaded zygote
    (course.nbgrader_ext.zygote). Grading kernels are killed once their notebook has run, not asked to shut
    down: they keep nothing, and ipykernel's graceful exit sometimes waits 2.5 s on its own IOPub thread.
    """
    executor = SandboxedExecute if enabled else LimitedExecute
    if "autograde_preprocessors" in config.Autograde:
        current = list(config.Autograde.autograde_preprocessors)
    else:
        current = list(Autograde.class_traits()["autograde_preprocessors"].default())
    config.Autograde.autograde_preprocessors = [
        executor if p in _EXECUTORS or (isinstance(p, str) and p in _EXECUTOR_NAMES) else p for p in current
    ]
    config.LimitedExecute.max_output_chars = limits.output_chars
    config.LimitedExecute.shutdown_kernel = "immediate"
    config.LimitOutput.max_lines = limits.output_lines
    config.LimitOutput.max_traceback = limits.traceback_lines
    if enabled:
        if check:
            ok, reason = sandbox_available()
            if not ok:
                raise CourseError(unavailable_message(reason))
        config.SandboxedExecute.kernel_manager_class = SandboxedKernelManager
        manager = config.SandboxedKernelManager
        manager.course_dir = str(Path(course_dir).resolve())
        manager.transport = "ipc"
        manager.cpu_seconds = limits.cpu_seconds
        manager.memory_mb = limits.memory_mb
        manager.processes = limits.processes
        manager.file_mb = limits.file_mb
        manager.scratch_mb = limits.scratch_mb
        manager.zygote = zygote
    return config
