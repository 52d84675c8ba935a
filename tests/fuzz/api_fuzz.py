"""A bounded schemathesis pass over the whole OpenAPI of a real `eduvoc serve` (loopback only).

`make fuzz` (and .ci/run) runs it: a fresh store with the bundled vocabularies, an editor token
for a fresh organisation, 20 generated cases per operation with a fixed seed, and the checks that
the contract holds: no 5xx, every status code and content type the OpenAPI declares. Exit status
0 when no check fails. Not collected by pytest (it takes minutes); `python -m tests.fuzz.api_fuzz`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from registry.auth import Role
from registry.organisations import create_organisation, list_organisations
from registry.oxigraph_store import open_store
from registry.tokens import issue_token
from tests.conftest import PROJECT_ROOT
from tests.integration.conftest import free_port

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance"


def editor_token(store_path: Path) -> str:
    store = open_store(str(store_path))
    try:
        if "fuzz" not in {o.slug for o in list_organisations(store)}:
            create_organisation(store, "fuzz", "Fuzzing organisation")
        token, _ = issue_token(store, "fuzz", Role.EDITOR)
    finally:
        store.close()
    return token


@contextmanager
def server(store: Path, log_path: Path, timeout: float = 900.0) -> Iterator[str]:
    """`eduvoc serve` on a free loopback port, its output to a file (a pipe nobody reads while
    thousands of requests are logged fills up and stalls the server)."""
    port = free_port()
    environment = {**os.environ, "EDUVOC_STORE": str(store), "EDUVOC_PORT": str(port), "EDUVOC_HOST": "127.0.0.1"}
    with log_path.open("w") as log:
        process = subprocess.Popen([sys.executable, "-m", "cli.main", "serve"], cwd=PROJECT_ROOT, env=environment,
                                   stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"the server did not start; see {log_path}")
                try:
                    if httpx.get(f"{base}/openapi.json", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.5)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--workers", default="1", help="1: CPython 3.11 can fail compiling in two threads at once (SystemError in hypothesis)")
    parser.add_argument("--phases", default="examples,coverage,fuzzing", help="schemathesis phases (stateful left out: time)")
    parser.add_argument("--report-dir", default=None, help="keep schemathesis' JUnit report here")
    parser.add_argument("--store", default=None, help="use (and keep) this store instead of a fresh one (faster reruns)")
    parser.add_argument("extra", nargs="*", help="more schemathesis options (after --)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eduvoc-fuzz-") as scratch:
        store = Path(options.store) if options.store else Path(scratch) / "store"
        token = editor_token(store)
        report_dir = Path(options.report_dir or scratch) / "schemathesis"
        report_dir.mkdir(parents=True, exist_ok=True)
        server_log = report_dir / "server.log"
        with server(store, server_log) as base:
            started = time.monotonic()
            command = [
                str(Path(sys.executable).parent / "schemathesis"), "run", f"{base}/openapi.json",
                "--checks", CHECKS, "--max-examples", str(options.max_examples), "--seed", str(options.seed),
                "--workers", options.workers, "--phases", options.phases, "--header", f"Authorization: Bearer {token}",
                "--request-timeout", "60", "--no-shrink", "--suppress-health-check", "all",
                "--report", "junit,ndjson", "--report-dir", str(report_dir), *options.extra,
            ]
            result = subprocess.run(command, cwd=scratch, env={**os.environ, "NO_COLOR": "1"})
            print(f"schemathesis: {time.monotonic() - started:.0f} s, exit {result.returncode}; report in {report_dir}")
        tracebacks = [line for line in server_log.read_text(errors="replace").splitlines() if "Traceback" in line]
        if tracebacks:
            print(f"the server logged {len(tracebacks)} tracebacks")
        return result.returncode or (1 if tracebacks else 0)


if __name__ == "__main__":
    sys.exit(main())
