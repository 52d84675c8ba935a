"""Restart time after `kill -9` during a large upload (issue 16, item 6).

Copies a filled store (e.g. one made by `eduvoc load`), starts `eduvoc serve` on it, uploads a
large vocabulary (default: the 100k-concept synthetic file, ~1.1M triples) as a draft, kills the
server with SIGKILL while the upload is being loaded, starts it again and measures how long until
it answers. Run it with `--code` pointing at another checkout to measure that code on the same
store, the same file and the same machine (the fair baseline: the code before this change).

    python -m bench.restart_after_kill --store var/store [--code /path/to/old/checkout] [--kill-after 20]
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
import threading
import time
from pathlib import Path

import httpx

from bench.generate import dataset

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def eduvoc(code: Path, env: dict, *args: str) -> str:
    return subprocess.run([sys.executable, "-m", "cli.main", *args], cwd=code, env=env, check=True,
                          capture_output=True, text=True).stdout.strip()


def start(code: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cli.main", "serve"], cwd=code, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True, help="a filled store to copy (left untouched)")
    parser.add_argument("--code", type=Path, default=PROJECT_ROOT, help="checkout whose `eduvoc serve` is measured")
    parser.add_argument("--concepts", type=int, default=100_000)
    parser.add_argument("--kill-after", type=float, default=20.0, help="seconds into the upload")
    args = parser.parse_args()
    source = dataset(args.concepts)
    work = Path(tempfile.mkdtemp(prefix="restart-bench-"))
    store = work / "store"
    shutil.copytree(args.store, store)
    port = free_port()
    env = {**os.environ, "EDUVOC_STORE": str(store), "EDUVOC_PORT": str(port), "EDUVOC_UPLOAD_MAX_BYTES": str(500_000_000),
           "EDUVOC_SEARCH_INDEX": str(work / "search")}
    base = f"http://127.0.0.1:{port}"
    try:
        eduvoc(args.code, env, "org", "create", "bench", "--name", "Bench")
        token = eduvoc(args.code, env, "token", "create", "--org", "bench").splitlines()[-1]
        server = start(args.code, env)
        print(f"first start: up in {wait_until_up(base, server, 900):.1f} s")
        body = source.read_bytes()

        def upload() -> None:
            try:
                httpx.put(base + "/api/vocabularies/synthetic/draft", content=body, timeout=3600,
                          headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {token}"})
            except httpx.HTTPError:
                pass  # the server is killed under it

        threading.Thread(target=upload, daemon=True).start()
        time.sleep(args.kill_after)
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
        print(f"killed -9 {args.kill_after:.0f} s into uploading {len(body) / 1e6:.0f} MB ({source.name})")
        server = start(args.code, env)
        print(f"restart after kill -9: up in {wait_until_up(base, server, 1800):.1f} s ({args.code})")
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(60)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
