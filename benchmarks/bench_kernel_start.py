"""Time a sandboxed kernel from start to ready, with jupyter_client's client and with casp's ReadyKernelClient.

jupyter_client's `wait_for_ready` drains IOPub until it has been silent for 0.2 s; casp's client stops at the
IOPub idle status of its kernel_info request. Each run starts one kernel in the autograde sandbox, waits for
it to be ready, executes `1 + 1` and shuts it down, as autograde does for every notebook. The two clients
alternate, so that both see the same machine load. Prints one JSON object: per client, the median, p95 and
maximum of start → ready and of start → shut down, in seconds.

    .venv/bin/python benchmarks/bench_kernel_start.py [--runs 20]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path

from course.nbgrader_ext.sandbox import SandboxedKernelManager, sandbox_available

CLIENTS = {
    "jupyter_client": "jupyter_client.asynchronous.AsyncKernelClient",
    "casp_ready": "course.nbgrader_ext.ready_client.ReadyKernelClient",
}


async def one_run(client_class: str, cwd: Path) -> tuple[float, float]:
    manager = SandboxedKernelManager(kernel_name="python3", client_class=client_class)
    started = time.perf_counter()
    await manager.start_kernel(cwd=str(cwd), extra_arguments=["--HistoryManager.hist_file=:memory:"])
    client = manager.client()
    client.start_channels()
    await client.wait_for_ready(timeout=60)
    ready = time.perf_counter() - started
    reply = await client.execute_interactive("1 + 1", timeout=60, output_hook=lambda msg: None)
    assert reply["content"]["status"] == "ok"
    client.stop_channels()
    await manager.shutdown_kernel(now=True)
    return ready, time.perf_counter() - started


def summary(values: list[float]) -> dict:
    ordered = sorted(values)
    return {"median_s": round(statistics.median(ordered), 3),
            "p95_s": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 3),
            "max_s": round(ordered[-1], 3)}


async def main(runs: int) -> dict:
    ok, reason = sandbox_available()
    if not ok:
        raise SystemExit(f"sandbox unavailable: {reason}")
    times = {name: {"ready": [], "total": []} for name in CLIENTS}
    with tempfile.TemporaryDirectory(prefix="casp-bench-noyau-") as tmp:
        await one_run(CLIENTS["jupyter_client"], Path(tmp))  # warm the page cache
        for _ in range(runs):
            for name, client_class in CLIENTS.items():
                ready, total = await one_run(client_class, Path(tmp))
                times[name]["ready"].append(ready)
                times[name]["total"].append(total)
    result = {"runs": runs}
    for name, measured in times.items():
        result[name] = {"start_to_ready": summary(measured["ready"]), "start_to_shutdown": summary(measured["total"])}
    result["ready_gain_median_s"] = round(result["jupyter_client"]["start_to_ready"]["median_s"]
                                          - result["casp_ready"]["start_to_ready"]["median_s"], 3)
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    print(json.dumps(asyncio.run(main(parser.parse_args().runs)), ensure_ascii=False))
