"""Progress bars of casp's long commands (autograde, reports, validate --all, release), drawn as the demo draws its.

A bar is drawn only on a terminal. `terminal_console()` gives a plain console (no bar, no colour, no control
character) as soon as stdout or stderr is not a terminal (a pipe, a file, a cron job, a CI log); on such a
console `steps()` draws nothing, and the commands' own lines and summaries stay plain text.
"""
from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


PLAIN_WIDTH = 150  # columns of a plain-text console's tables and wrapped lines, as `casp demo` writes its log


def terminal_console() -> Console:
    """The console of a long command: rich's own on a terminal, a plain-text one otherwise (FORCE_COLOR or
    TTY_COMPATIBLE in the environment do not bring control characters into a pipe or a file)."""
    if sys.stdout.isatty() and sys.stderr.isatty():
        return Console()
    return Console(force_terminal=False, no_color=True, width=PLAIN_WIDTH)


def progress_bar(console: Console) -> Progress:
    """The demo's columns (what, bar, done/total, time) and, after them, the item being worked on."""
    return Progress(
        TextColumn("{task.description:<26}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[detail]}"),
        console=console, transient=False, disable=not console.is_terminal,
    )


class Steps:
    """One task of a bar: `advance()` after each step, `show(detail)` for what is being done."""

    def __init__(self, progress: Progress, description: str, total: int):
        self.progress = progress
        self.task = progress.add_task(description, total=total, detail="")

    def show(self, detail: str) -> None:
        self.progress.update(self.task, detail=detail)

    def advance(self, steps: int = 1, detail: str | None = None) -> None:
        if detail is None:
            self.progress.update(self.task, advance=steps)
        else:
            self.progress.update(self.task, advance=steps, detail=detail)


@contextlib.contextmanager
def steps(console: Console, description: str, total: int) -> Iterator[Steps]:
    """A bar of `total` steps described in French, live for the block (nothing drawn off a terminal)."""
    with progress_bar(console) as progress:
        yield Steps(progress, description, total)
