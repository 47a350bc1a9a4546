"""The kernel client that autograde uses is ready on the kernel_info reply and its IOPub idle status."""
from __future__ import annotations

import asyncio
from queue import Empty

import pytest
from jupyter_client.manager import AsyncKernelManager

from course.nbgrader_ext.ready_client import ReadyKernelClient
from course.nbgrader_ext.sandbox import SandboxedKernelManager

READY = "course.nbgrader_ext.ready_client.ReadyKernelClient"


async def _start():
    manager = AsyncKernelManager(kernel_name="python3", client_class=READY)
    await manager.start_kernel(extra_arguments=["--HistoryManager.hist_file=:memory:"])
    client = manager.client()
    client.start_channels()
    return manager, client


def test_ready_leaves_iopub_empty_and_the_kernel_usable():
    async def scenario():
        manager, client = await _start()
        try:
            assert isinstance(client, ReadyKernelClient)
            await client.wait_for_ready(timeout=60)
            # the start-up's status messages were consumed up to the idle of the last kernel_info request
            with pytest.raises(Empty):
                await client.iopub_channel.get_msg(timeout=0.3)
            outputs = []
            reply = await client.execute_interactive("print(6 * 7)", timeout=30, output_hook=outputs.append)
            assert reply["content"]["status"] == "ok"
            assert [m["content"]["text"] for m in outputs if m["msg_type"] == "stream"] == ["42\n"]
        finally:
            client.stop_channels()
            await manager.shutdown_kernel(now=True)

    asyncio.run(scenario())


def test_a_dead_kernel_is_reported_instead_of_waited_for():
    async def scenario():
        manager, client = await _start()
        try:
            await manager._async_kill_kernel()
            await manager._async_wait()
            with pytest.raises(RuntimeError, match="Kernel died before replying to kernel_info"):
                await client.wait_for_ready(timeout=30)
        finally:
            client.stop_channels()
            await manager.cleanup_resources()

    asyncio.run(scenario())


def test_the_sandboxed_manager_uses_it_unless_told_otherwise():
    assert SandboxedKernelManager().client_factory is ReadyKernelClient
    other = SandboxedKernelManager(client_class="jupyter_client.asynchronous.AsyncKernelClient")
    assert other.client_factory is not ReadyKernelClient


def test_ipykernel_is_a_6x_without_the_idle_stall():
    """ipykernel 7.x can sit idle until interrupted (ipython/ipykernel#1554); pyproject pins >= 6.30.1, < 7.
    `benchmarks/bench_kernel_stall.py` runs 500 notebooks and counts the stalls."""
    from importlib.metadata import version

    major, minor, patch = (int(part) for part in version("ipykernel").split(".")[:3])
    assert major == 6 and (minor, patch) >= (30, 1)
