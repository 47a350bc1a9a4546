"""Time a sandboxed kernel from start to ready: jupyter_client's client, casp's ReadyKernelClient, and the zygote.

jupyter_client's `wait_for_ready` drains IOPub until it has been silent for 0.2 s; casp's client stops at the
IOPub idle status of its kernel_info request; `casp_zygote` also forks the kernel from the preloaded zygote
(course.nbgrader_ext.zygote) instead of starting a fresh Python. Each run starts one kernel in the autograde
sandbox, waits for it to be ready, executes `1 + 1`, then `import pandas, matplotlib.pyplot` (what every
notebook's first cell does), and kills it, as autograde does for every notebook. The variants alternate, so
that all see the same machine load. Prints one JSON object: per variant, the median, p95 and maximum of
start → ready, of the imports and of start → shut down, in seconds; and the zygote's own start-up.

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

from course.nbgrader_ext import zygote

READY_CLIENT = "course.nbgrader_ext.ready_client.ReadyKernelClient"
VARIANTS = {  # name: (client class, fork from the zygote)
    "jupyter_client": ("jupyter_client.asynchronous.AsyncKernelClient", False),
    "casp_ready": (READY_CLIENT, False),
    "casp_zygote": (READY_CLIENT, True),
}


async def one_run(client_class: str, cwd: Path, use_zygote: bool = False) -> tuple[float, float, float]:
    manager = SandboxedKernelManager(kernel_name="python3", client_class=client_class, zygote=use_zygote)
    started = time.perf_counter()
    await manager.start_kernel(cwd=str(cwd), extra_arguments=["--HistoryManager.hist_file=:memory:"])
    client = manager.client()
    client.start_channels()
    await client.wait_for_ready(timeout=60)
    ready = time.perf_counter() - started
    reply = await client.execute_interactive("1 + 1", timeout=60, output_hook=lambda msg: None)
    assert reply["content"]["status"] == "ok"
    before = time.perf_counter()
    reply = await client.execute_interactive("import pandas, matplotlib.pyplot", timeout=60,
                                             output_hook=lambda msg: None)
    assert reply["content"]["status"] == "ok"
    imports = time.perf_counter() - before
    client.stop_channels()
    await manager.shutdown_kernel(now=True)
    return ready, imports, time.perf_counter() - started


def summary(values: list[float]) -> dict:
    ordered = sorted(values)
    return {"median_s": round(statistics.median(ordered), 3),
            "p95_s": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 3),
            "max_s": round(ordered[-1], 3)}


async def main(runs: int) -> dict:
    ok, reason = sandbox_available()
    if not ok:
        raise SystemExit(f"sandbox unavailable: {reason}")
    times = {name: {"ready": [], "imports": [], "total": []} for name in VARIANTS}
    started = zygote.shared_zygote()
    with tempfile.TemporaryDirectory(prefix="casp-bench-noyau-") as tmp:
        await one_run(READY_CLIENT, Path(tmp))  # warm the page cache
        for _ in range(runs):
            for name, (client_class, use_zygote) in VARIANTS.items():
                ready, imports, total = await one_run(client_class, Path(tmp), use_zygote)
                times[name]["ready"].append(ready)
                times[name]["imports"].append(imports)
                times[name]["total"].append(total)
    result = {"runs": runs, "zygote_startup_s": round(started.startup_seconds, 3),
              "zygote_fallbacks": len(zygote.FALLBACKS)}
    for name, measured in times.items():
        result[name] = {"start_to_ready": summary(measured["ready"]), "imports": summary(measured["imports"]),
                        "start_to_shutdown": summary(measured["total"])}
    result["ready_gain_median_s"] = round(result["jupyter_client"]["start_to_ready"]["median_s"]
                                          - result["casp_ready"]["start_to_ready"]["median_s"], 3)
    result["zygote_gain_median_s"] = round(result["casp_ready"]["start_to_shutdown"]["median_s"]
                                           - result["casp_zygote"]["start_to_shutdown"]["median_s"], 3)
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    print(json.dumps(asyncio.run(main(parser.parse_args().runs)), ensure_ascii=False))
