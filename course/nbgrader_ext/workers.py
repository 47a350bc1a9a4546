"""Worker processes of a batch (autograde, feedback): how they start, and that they die with it.

Workers are forked (warm: nbgrader takes seconds to import) unless the caller holds an SQLite connection
open, which SQLite forbids to carry across fork(); then they start from a forkserver that has imported the
same modules. Each one dies with its parent (PR_SET_PDEATHSIG).
"""
from __future__ import annotations

import ctypes
import gc
import importlib
import multiprocessing
import os
import signal
import sqlite3


def die_with_parent() -> None:
    """If `casp` is killed, its workers go too (and a grading kernel with its worker)."""
    parent = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:
        os._exit(1)


def open_sqlite_connections() -> int:
    """SQLite connections this process holds open (a fork would inherit their lock state)."""
    count = 0
    for obj in gc.get_objects():
        if isinstance(obj, sqlite3.Connection):
            try:
                obj.total_changes
            except sqlite3.ProgrammingError:  # closed
                continue
            count += 1
    return count


def worker_context(preload: list[str]):
    """fork where it exists and is safe, `preload` imported first; else a forkserver that imports it."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and not open_sqlite_connections():
        for name in preload:
            importlib.import_module(name)
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(preload)
        return context
    return multiprocessing.get_context("spawn")
