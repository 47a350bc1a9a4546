"""Run many short notebooks in sandboxed kernels and count the stalls (ipython/ipykernel#1554).

With ipykernel 7.x a kernel can sit idle on a request until it is interrupted: under autograde, that is a
notebook which waits for its 60 s cell timeout. Each run here is what autograde does for one notebook:
start a sandboxed kernel, wait until it is ready, execute three cells (one imports pandas and matplotlib),
shut it down, with `--jobs` kernels at a time. Prints one JSON object: the ipykernel version, the number of
notebooks, the median, p95 and maximum per notebook, and how many took longer than `--stall` seconds.

    .venv/bin/python benchmarks/bench_kernel_stall.py [--notebooks 500] [--jobs 2] [--stall 10]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from course.nbgrader_ext.sandbox import SandboxedKernelManager, sandbox_available

CELLS = ["x = 6 * 7", "import pandas as pd\nimport matplotlib.pyplot as plt\nlen(pd.DataFrame({'a': [x]}))",
         "print(x)"]
CELL_TIMEOUT = 60  # autograde's cell timeout


async def one_notebook(cwd: Path, use_zygote: bool = False) -> float:
    manager = SandboxedKernelManager(kernel_name="python3", zygote=use_zygote)
    started = time.perf_counter()
    await manager.start_kernel(cwd=str(cwd), extra_arguments=["--HistoryManager.hist_file=:memory:"])
    client = manager.client()
    client.start_channels()
    try:
        try:
            await client.wait_for_ready(timeout=CELL_TIMEOUT)
        except RuntimeError as exc:
            raise RuntimeError(f"ready after {time.perf_counter() - started:.1f} s: {exc}") from None
        for code in CELLS:
            reply = await client.execute_interactive(code, timeout=CELL_TIMEOUT, output_hook=lambda msg: None)
            assert reply["content"]["status"] == "ok", reply["content"]
    finally:
        client.stop_channels()
        await manager.shutdown_kernel(now=True)
    return time.perf_counter() - started


async def main(notebooks: int, jobs: int, stall: float, use_zygote: bool = False) -> dict:
    ok, reason = sandbox_available()
    if not ok:
        raise SystemExit(f"sandbox unavailable: {reason}")
    durations: list[float] = []
    errors: list[str] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for index in range(notebooks):
        queue.put_nowait(index)
    with tempfile.TemporaryDirectory(prefix="casp-bench-blocage-") as tmp:
        async def worker(number: int) -> None:
            folder = Path(tmp) / str(number)
            folder.mkdir()
            while not queue.empty():
                queue.get_nowait()
                try:
                    durations.append(await one_notebook(folder, use_zygote))
                except Exception as exc:  # noqa: BLE001 (a timeout is what this counts)
                    errors.append(f"{type(exc).__name__}: {exc}")

        started = time.perf_counter()
        await asyncio.gather(*(worker(n) for n in range(jobs)))
        wall = time.perf_counter() - started
    ordered = sorted(durations)
    return {"ipykernel": version("ipykernel"), "zygote": use_zygote, "notebooks": notebooks, "jobs": jobs,
            "wall_s": round(wall, 1),
            "median_s": round(statistics.median(ordered), 3),
            "p95_s": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 3),
            "max_s": round(ordered[-1], 3), f"over_{stall:g}_s": sum(d > stall for d in ordered),
            "errors": len(errors), "first_errors": errors[:3]}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--stall", type=float, default=10.0)
    parser.add_argument("--zygote", action="store_true", help="fork the kernels from the preloaded zygote")
    arguments = parser.parse_args()
    print(json.dumps(asyncio.run(main(arguments.notebooks, arguments.jobs, arguments.stall, arguments.zygote)),
                     ensure_ascii=False))
