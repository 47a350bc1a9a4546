"""Sandboxed kernels read matplotlib's font list built once, instead of scanning the fonts in every kernel."""
from __future__ import annotations

import asyncio
import stat
import sys
import tempfile

import pytest

from course.nbgrader_ext import mpl_cache
from course.nbgrader_ext.sandbox import SandboxedKernelManager, sandbox_available

PROBE = ("import os, matplotlib, matplotlib.pyplot as plt\n"
         "folder = matplotlib.get_cachedir()\n"
         "print(folder, sorted(os.listdir(folder)), os.access(os.path.join(folder, os.listdir(folder)[0]), os.W_OK))")


def test_the_font_list_is_built_once_and_read_only():
    first = mpl_cache.prebuilt_font_list(sys.executable)
    assert first is not None and first.name.startswith("fontlist-v") and first.suffix == ".json"
    assert stat.S_IMODE(first.stat().st_mode) == 0o444
    assert mpl_cache.prebuilt_font_list(sys.executable) == first
    args, env = mpl_cache.sandbox_arguments(sys.executable)
    assert args == ["--perms", "01777", "--dir", "/tmp/matplotlib", "--ro-bind", str(first),
                    f"/tmp/matplotlib/{first.name}"]
    assert env == {"MPLCONFIGDIR": "/tmp/matplotlib"}


def test_an_interpreter_that_cannot_build_it_gets_nothing(tmp_path):
    assert mpl_cache.sandbox_arguments(str(tmp_path / "python-absent")) == ([], {})


@pytest.mark.skipif(not sandbox_available()[0], reason="bubblewrap sandbox unavailable here")
def test_a_sandboxed_kernel_uses_the_prebuilt_list_without_rewriting_it():
    async def scenario():
        with tempfile.TemporaryDirectory() as tmp:
            manager = SandboxedKernelManager(kernel_name="python3")
            await manager.start_kernel(cwd=tmp, extra_arguments=["--HistoryManager.hist_file=:memory:"])
            client = manager.client()
            client.start_channels()
            streams = []
            try:
                await client.wait_for_ready(timeout=60)
                await client.execute_interactive(PROBE, timeout=60, output_hook=lambda msg: streams.append(
                    (msg["content"]["name"], msg["content"]["text"])) if msg["msg_type"] == "stream" else None)
            finally:
                client.stop_channels()
                await manager.shutdown_kernel(now=True)
            return streams

    name = mpl_cache.prebuilt_font_list(sys.executable).name
    # stdout only: no « building the font cache » nor « could not save » on stderr
    assert asyncio.run(scenario()) == [("stdout", f"/tmp/matplotlib ['{name}'] False\n")]
