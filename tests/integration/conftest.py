"""Real `eduvoc serve` processes (uvicorn) on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.conftest import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(store: Path, timeout: float = 600.0) -> Iterator[tuple[str, list[str]]]:
    """Start `eduvoc serve` on `store`; yield its base URL and (after it stops) its log lines. The first start
    loads the whole bundle, full ESCO included (~100 s of CPU): the timeout leaves room for a busy machine."""
    port = free_port()
    environment = {**os.environ, "EDUVOC_STORE": str(store), "EDUVOC_PORT": str(port), "EDUVOC_HOST": "127.0.0.1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "serve"],
        cwd=PROJECT_ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    log: list[str] = []
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise AssertionError(f"server exited early:\n{process.stdout.read()}")
            try:
                if httpx.get(f"{base}/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            raise AssertionError("server did not answer in time")
        yield base, log
    finally:
        process.terminate()
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        log.extend(output.splitlines())


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    with running_server(tmp_path_factory.mktemp("store") / "store") as (base, _):
        yield base
