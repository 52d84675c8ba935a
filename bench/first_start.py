"""Measure `eduvoc serve` as a new user meets it: the first start on a fresh store (every bundled
vocabulary and mapping set loaded, search index built), then a second start on the same store.

Prints, per start: seconds until GET /api/vocabularies answers, the server's CPU seconds (wall time on a
shared machine says more about the neighbours than about eduvoc), its peak RSS (VmHWM), and the time
of three Dutch searches. Linux only (/proc).

    python -m bench.first_start [--port 8917]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

SEARCHES = ("verpleegkundige", "lasser", "elektrotechniek")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024
    return 0.0


def start(store: Path, port: int, label: str, log: Path) -> None:
    began = time.perf_counter()
    server = subprocess.Popen([".venv/bin/eduvoc", "serve", "--store", str(store), "--port", str(port)],
                              stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
        while True:
            if server.poll() is not None:
                raise SystemExit(f"{label}: the server stopped; see {log}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/vocabularies", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        up = time.perf_counter() - began
        print(f"{label}: up in {up:.1f} s wall, server CPU {cpu_seconds(server.pid):.1f} s, peak RSS {peak_rss_mb(server.pid):.0f} MB")
        for query in SEARCHES:
            began = time.perf_counter()
            url = f"http://127.0.0.1:{port}/api/search?" + urllib.parse.urlencode({"q": query, "limit": 5})
            with urllib.request.urlopen(url) as response:
                body = response.read().decode()
            print(f"  search {query!r}: {1000 * (time.perf_counter() - began):.0f} ms, first hit {body[:160]!r}")
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8917)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="eduvoc-first-start-"))
    try:
        start(folder / "store", args.port, "first start (fresh store)", folder / "first.log")
        start(folder / "store", args.port, "second start", folder / "second.log")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
