"""The kernel zygote: a Python that has imported what notebooks use, and forks each grading kernel into its sandbox.

Run as a script (`python -I zygote_server.py SOCKET MODULES`) by `course.nbgrader_ext.zygote`, with the
sandbox's clean environment; it uses the standard library and the modules it preloads, nothing of the grading
side of `course`. It only imports: no zmq context, no event loop, no thread exists before a fork (it checks
that it has a single thread), OpenBLAS is limited to one thread, and `gc.freeze()` keeps the imported objects
out of the collector so that forked kernels share their pages.

For each request (one JSON line on its Unix socket: the pid of a sandbox's holder process, the kernel's
arguments, its directory, uid and limits), it forks a child that joins the holder's namespaces (user first
when it has one of its own, the mount namespace last) and forks again so that the kernel lives in the
sandbox's PID namespace. The kernel then, in this order: starts its own session, enters its directory, takes
the sandbox's rlimits, points 0-2 at /dev/null and closes every other inherited descriptor, drops the
capability bounding and ambient sets, its groups, its uid (root only) and every capability, sets
no_new_privs, checks all of this in /proc/self/status, reports its readiness, reseeds numpy's global random
state (fork does not; Python's `random` reseeds itself), and only then creates the ipykernel application and
connects the matplotlib inline backend and the ipywidgets comm targets to its live shell.

The reply is the kernel's pid (in the grader's PID namespace) or a French error; the caller falls back to
starting a kernel the usual way. The kernel dies with its sandbox: killing the holder ends the PID namespace.
"""
from __future__ import annotations

import ctypes
import fcntl
import gc
import importlib
import json
import os
import pkgutil
import resource
import select
import signal
import socket
import sys
import time

PR_SET_PDEATHSIG = 1
PR_CAPBSET_DROP = 24
PR_SET_NO_NEW_PRIVS = 38
PR_CAP_AMBIENT = 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
LINUX_CAPABILITY_VERSION_3 = 0x20080522
NS_GET_USERNS = 0xB701  # ioctl: the user namespace that owns a namespace
# Joined in this order: the user namespace first (it grants the rights to join the others), mount last
# (after it the zygote's view of the file system is gone); a nested user namespace after them.
NAMESPACES = (("user", 0x10000000), ("ipc", 0x08000000), ("uts", 0x04000000), ("net", 0x40000000),
              ("cgroup", 0x02000000), ("pid", 0x20000000), ("mnt", 0x00020000))
REPLY_TIMEOUT = 20.0  # seconds for a forked kernel to report that it is confined

_libc = ctypes.CDLL(None, use_errno=True)


class CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what} : {os.strerror(errno)}")


def _prctl(option: int, arg: int = 0) -> int:
    return _libc.prctl(option, ctypes.c_ulong(arg), ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0))


# --------------------------------------------------------------------------- the zygote itself


def thread_count() -> int:
    return len(os.listdir("/proc/self/task"))


def preload(modules: list[str]) -> list[str]:
    """Import `modules` (those missing are skipped; "package.*" is a package and all its submodules);
    returns the ones imported."""
    imported = []
    for name in modules:
        names = [name.removesuffix(".*")]
        try:
            package = importlib.import_module(names[0])
        except ImportError:
            continue
        if name.endswith(".*") and hasattr(package, "__path__"):
            names += [info.name for info in pkgutil.walk_packages(package.__path__, names[0] + ".")]
        for module in names:
            try:
                importlib.import_module(module)
            except ImportError:
                continue
            imported.append(module)
    return imported


def loaded_under(root: str) -> list[str]:
    """Files of the loaded modules that lie under `root`, relative to it (what the caller checks)."""
    root = os.path.realpath(root) + os.sep
    files = {os.path.realpath(getattr(module, "__file__", None) or "")
             for name, module in list(sys.modules.items()) if name != "__main__"}  # this script is no import
    return sorted(f[len(root):] for f in files if f.startswith(root))


def serve(socket_path: str, modules: list[str], guarded_root: str = "") -> int:
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # the zygote dies with the grading process that started it
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    # -I ignores PYTHONPATH, which a kernel started the usual way honours: the same path, by hand.
    sys.path[0:0] = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    started = time.perf_counter()
    imported = preload(modules)
    if "ipykernel.kernelapp" not in imported:
        print(json.dumps({"error": "ipykernel est introuvable pour ce Python"}), flush=True)
        return 1
    threads = thread_count()
    if threads != 1:
        print(json.dumps({"error": f"le Python préchargé a {threads} fils d'exécution après ses imports (1 attendu)"}),
              flush=True)
        return 1
    gc.collect()
    gc.freeze()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_path)
    listener.listen(16)
    print(json.dumps({"ready": True, "seconds": round(time.perf_counter() - started, 3), "modules": imported,
                      "pid": os.getpid(), "guarded": loaded_under(guarded_root) if guarded_root else []}),
          flush=True)
    while True:
        connection, _ = listener.accept()
        with connection:
            try:
                request = json.loads(read_line(connection))
                reply = spawn(request, listener, connection)
            except Exception as exc:  # noqa: BLE001 (one bad request must not end the zygote)
                reply = {"error": f"{type(exc).__name__} : {exc}"}
            try:
                connection.sendall(json.dumps(reply).encode() + b"\n")
            except OSError:
                pass


def read_line(connection: socket.socket) -> str:
    """One JSON line of the protocol (the zygote's requests, its replies)."""
    data = b""
    while not data.endswith(b"\n"):
        chunk = connection.recv(65536)
        if not chunk:
            break
        data += chunk
    return data.decode()


def spawn(request: dict, *sockets: socket.socket) -> dict:
    """Fork a kernel into the sandbox of `request["holder"]`; its pid, or {"error": …}."""
    holder = int(request["holder"])
    namespace_files = {}
    for name, flag in NAMESPACES:
        path = f"/proc/{holder}/ns/{name}"
        if os.path.exists(path) and os.stat(path).st_ino != os.stat(f"/proc/self/ns/{name}").st_ino:
            namespace_files[name] = (os.open(path, os.O_RDONLY | os.O_CLOEXEC), flag)
    if "mnt" not in namespace_files or "pid" not in namespace_files:
        _close_all(namespace_files)
        return {"error": f"le processus {holder} n'est pas dans un bac à sable"}
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # the child: join, fork the kernel, report its pid, go
        code = 1
        try:
            os.close(reader)
            for sock in sockets:
                sock.close()
            code = _join_and_fork(namespace_files, writer, request)
        except BaseException as exc:  # noqa: BLE001
            _report(writer, {"error": f"{type(exc).__name__} : {exc}"})
        finally:
            os._exit(code)
    os.close(writer)
    _close_all(namespace_files)
    os.waitpid(child, 0)
    try:
        return _collect(reader)
    finally:
        os.close(reader)


def _close_all(namespace_files: dict) -> None:
    for fd, _ in namespace_files.values():
        os.close(fd)


def _collect(reader: int) -> dict:
    """The pid the child reported, once the kernel has reported that it is confined (or the first error)."""
    buffer, reply = b"", {}
    deadline = time.monotonic() + REPLY_TIMEOUT
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([reader], [], [], left)[0]:
            return {"error": "le noyau n'a pas signalé son confinement à temps"}
        chunk = os.read(reader, 65536)
        if not chunk:
            return {"error": "le noyau s'est arrêté avant d'être confiné"} if "error" not in reply else reply
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            message = json.loads(line)
            if "error" in message:
                return message
            reply.update(message)
            if "pid" in reply and reply.get("confined"):
                return {"pid": reply["pid"]}


def _report(fd: int, message: dict) -> None:
    try:
        os.write(fd, json.dumps(message).encode() + b"\n")
    except OSError:
        pass


def _join_and_fork(namespace_files: dict, writer: int, request: dict) -> int:
    user = namespace_files.pop("user", None)
    if user is not None:
        # bwrap --disable-userns runs its command in a nested user namespace: join the one that owns the
        # sandbox's other namespaces first (it grants the right to join them), the holder's own last.
        owner = fcntl.ioctl(namespace_files["mnt"][0], NS_GET_USERNS)
        _check(_libc.setns(owner, 0x10000000), "setns(user, propriétaire)")
        nested = os.fstat(owner).st_ino != os.fstat(user[0]).st_ino
        os.close(owner)
    for name, (fd, flag) in namespace_files.items():
        _check(_libc.setns(fd, flag), f"setns({name})")
        os.close(fd)
    if user is not None:
        if nested:
            _check(_libc.setns(user[0], user[1]), "setns(user)")
        os.close(user[0])
    kernel = os.fork()  # the first process forked after joining the PID namespace lives in it
    if kernel == 0:
        code = 1
        try:
            code = run_kernel(writer, request)
        except BaseException as exc:  # noqa: BLE001
            _report(writer, {"error": f"{type(exc).__name__} : {exc}"})
        finally:
            os._exit(code)
    _report(writer, {"pid": kernel})
    os.close(writer)
    return 0


# --------------------------------------------------------------------------- the kernel, in its sandbox


def confine(request: dict, keep: int) -> None:
    """Everything the sandbox's setpriv and prlimit do, in this process; keeps only descriptor `keep` open."""
    os.setsid()
    os.chdir(request["cwd"])
    limits = request["limits"]
    cpu = int(limits["cpu_seconds"])
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_AS, (int(limits["memory_mb"]) << 20,) * 2)
    resource.setrlimit(resource.RLIMIT_NPROC, (int(limits["processes"]),) * 2)
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(limits["file_mb"]) << 20,) * 2)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    null = os.open("/dev/null", os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd > 2 and fd != keep:
            try:
                os.close(fd)
            except OSError:
                pass
    _check(_prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL), "prctl(PR_CAP_AMBIENT_CLEAR_ALL)")
    last = int(open("/proc/sys/kernel/cap_last_cap").read())
    for cap in range(last + 1):
        _check(_prctl(PR_CAPBSET_DROP, cap), f"prctl(PR_CAPBSET_DROP, {cap})")
    uid = request.get("uid")
    if uid is not None:
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
    header, data = CapHeader(LINUX_CAPABILITY_VERSION_3, 0), (CapData * 2)()
    _check(_libc.capset(ctypes.byref(header), data), "capset")
    _check(_prctl(PR_SET_NO_NEW_PRIVS, 1), "prctl(PR_SET_NO_NEW_PRIVS)")
    status = dict(line.split(":", 1) for line in open("/proc/self/status").read().splitlines() if ":" in line)
    for field in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"):
        if int(status[field].strip(), 16) != 0:
            raise RuntimeError(f"{field} vaut {status[field].strip()} après l'abandon des privilèges")
    if status["NoNewPrivs"].strip() != "1":
        raise RuntimeError("no_new_privs n'est pas actif")
    if uid is not None and (os.getuid(), os.geteuid(), os.getgid()) != (uid, uid, uid):
        raise RuntimeError(f"l'uid est {os.getuid()} au lieu de {uid}")


def run_kernel(writer: int, request: dict) -> int:
    confine(request, keep=writer)
    _report(writer, {"confined": True})
    os.close(writer)
    os.environ.update(request.get("env", {}))
    for name in ("SIGINT", "SIGTERM", "SIGCHLD", "SIGPIPE", "SIGHUP"):
        signal.signal(getattr(signal, name), signal.default_int_handler if name == "SIGINT"
                      else signal.SIG_IGN if name == "SIGPIPE" else signal.SIG_DFL)
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()  # fresh entropy: two kernels never share their draws
    sys.argv = [request["argv0"], *request["args"]]
    from ipykernel.kernelapp import IPKernelApp

    code = 0
    try:
        app = IPKernelApp.instance()
        app.initialize(request["args"])
        connect_live_shell()
        app.start()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    finally:
        # What the interpreter does when it exits, in its order: wait for non-daemon threads, then run the
        # atexit handlers (ipykernel closes its sockets there, after its control thread has finished).
        import atexit
        import threading

        threading._shutdown()
        atexit._run_exitfuncs()
    return code


def connect_live_shell() -> None:
    """What a preloaded module does at import only when a shell exists: done now that one does."""
    inline = sys.modules.get("matplotlib_inline.backend_inline")
    if inline is not None:
        inline._enable_matplotlib_integration()
    widgets = sys.modules.get("ipywidgets")
    if widgets is not None:
        widgets._handle_ipython()


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1], [m for m in sys.argv[2].split(",") if m], *sys.argv[3:4]))
