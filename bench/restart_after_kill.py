"""Restart time after `kill -9` during a large upload (issue 16, item 6).

The state such a crash leaves: a filled store (e.g. made by `eduvoc load`) plus the fresh graph of
a large upload (default: the 100k-concept synthetic file, ~1.1M triples, bench/generate.py) that
no catalogue record points to yet, written by a process killed with SIGKILL right after its bulk
load (no clean close). It is made once; then each `--code` checkout's `eduvoc serve` is started on
its own copy and timed until it answers `/api/vocabularies`. Give the checkout before a change as a
second `--code` for the baseline on the same store, file and machine, in the same run.

    python -m bench.restart_after_kill --store var/store [--code . /path/to/old/checkout]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.generate import dataset

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CRASH = """import os, sys, pyoxigraph
store = pyoxigraph.Store(sys.argv[1])
graph = pyoxigraph.NamedNode("https://w3id.org/eduvoc/graph/vocabulary/synthetic/20260101T000000-crashed0")
store.bulk_load(path=sys.argv[2], format=pyoxigraph.RdfFormat.TURTLE, to_graph=graph)
os.kill(os.getpid(), 9)  # killed before the catalogue switch: the graph is an orphan
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base: str, process: subprocess.Popen, timeout: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}")
        try:
            if httpx.get(base + "/api/vocabularies", timeout=2).status_code == 200:
                return time.perf_counter() - started
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("server did not come up in time")


def restart(code: Path, crashed: Path, work: Path) -> float:
    store, search = work / "store", work / "store-search"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(crashed, store)
    if Path(str(crashed) + "-search").exists():
        shutil.copytree(Path(str(crashed) + "-search"), search)
    port = free_port()
    env = {**os.environ, "EDUVOC_STORE": str(store), "EDUVOC_PORT": str(port), "EDUVOC_SEARCH_INDEX": str(search)}
    process = subprocess.Popen([sys.executable, "-m", "cli.main", "serve"], cwd=code, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        return wait_until_up(f"http://127.0.0.1:{port}", process, 3600)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True, help="a filled store to copy (left untouched)")
    parser.add_argument("--code", type=Path, nargs="+", default=[PROJECT_ROOT], help="checkouts whose `eduvoc serve` is timed")
    parser.add_argument("--concepts", type=int, default=100_000)
    args = parser.parse_args()
    source = dataset(args.concepts)
    work = Path(tempfile.mkdtemp(prefix="restart-bench-"))
    crashed = work / "crashed"
    try:
        shutil.copytree(args.store, crashed)
        if Path(str(args.store).rstrip("/") + "-search").exists():
            shutil.copytree(Path(str(args.store).rstrip("/") + "-search"), Path(str(crashed) + "-search"))
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", CRASH, str(crashed), str(source)], check=False)
        print(f"crash state: {source.name} bulk-loaded into an unreferenced graph, then kill -9 ({time.perf_counter() - started:.0f} s)")
        times = {}
        for code in args.code:
            times[code] = restart(code, crashed, work / "run")
            print(f"restart after kill -9: up in {times[code]:.1f} s ({code})")
        if len(times) > 1:
            first, *rest = times.values()
            print("ratios to the first: " + ", ".join(f"{t / first:.1f}x" for t in rest))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
