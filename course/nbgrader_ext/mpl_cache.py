"""Matplotlib's font list, built once per grading process and shown read-only to every sandboxed kernel.

A sandboxed kernel starts with an empty private /tmp as its home, so `import matplotlib.pyplot` scans the
system's fonts and writes `fontlist-v*.json` again in every kernel: about 0.1 s per notebook on 2 cores. The
list depends only on the interpreter's matplotlib and the system's fonts, which the sandbox shows read-only,
so it is built once, by the kernel's own interpreter, and bind-mounted into each sandbox's MPLCONFIGDIR.
"""
from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

SANDBOX_MPLCONFIGDIR = "/tmp/matplotlib"  # inside the sandbox: writable, holding the read-only font list
BUILD_TIMEOUT = 120


@functools.lru_cache(maxsize=None)
def prebuilt_font_list(python: str) -> Path | None:
    """The font list that `python`'s matplotlib builds, in a directory of this process; None if it cannot.

    Readable by every uid (the kernel runs under its own), never written again once built, removed when
    the process exits.
    """
    folder = Path(tempfile.mkdtemp(prefix="casp-mpl-"))
    atexit.register(shutil.rmtree, folder, True)  # kernels of this process only need it while it runs
    folder.chmod(0o755)
    env = {"MPLCONFIGDIR": str(folder), "HOME": str(folder), "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "LANG": "C.UTF-8"}
    try:
        subprocess.run([python, "-I", "-c", "import matplotlib.font_manager"], env=env, check=True,
                       capture_output=True, timeout=BUILD_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return None
    lists = sorted(folder.glob("fontlist-*.json"))
    if len(lists) != 1:
        return None
    lists[0].chmod(0o444)
    return lists[0]


def sandbox_arguments(python: str) -> tuple[list[str], dict[str, str]]:
    """bwrap arguments and environment that give the kernel the prebuilt font list (nothing if unavailable)."""
    font_list = prebuilt_font_list(python)
    if font_list is None:
        return [], {}
    target = f"{SANDBOX_MPLCONFIGDIR}/{font_list.name}"
    return (["--perms", "01777", "--dir", SANDBOX_MPLCONFIGDIR, "--ro-bind", str(font_list), target],
            {"MPLCONFIGDIR": SANDBOX_MPLCONFIGDIR})
