"""Real `eduvoc serve` processes (uvicorn) on a free loopback port."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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


@dataclass(frozen=True)
class FirstStart:
    """A store filled by a real first `eduvoc serve` (every bundled vocabulary and mapping set, the
    search index), with that start's log and duration."""

    store: Path
    log: list[str]
    seconds: float


@pytest.fixture(scope="session")
def first_start(tmp_path_factory) -> FirstStart:
    """One real first start per session: with full ESCO it loads for minutes, so the modules that
    need a registry with the bundled set serve copies of this store instead of loading it again."""
    store = tmp_path_factory.mktemp("first-start") / "store"
    started = time.monotonic()
    with running_server(store) as (_, log):
        seconds = time.monotonic() - started
    return FirstStart(store, log, seconds)


def copy_of_store(template: Path, target: Path) -> Path:
    """A copy of a stopped server's store (and its search index beside it) at `target`."""
    shutil.copytree(template, target)
    index = Path(f"{template}-search")
    if index.exists():
        shutil.copytree(index, Path(f"{target}-search"))
    return target


@pytest.fixture(scope="module")
def server(first_start: FirstStart, tmp_path_factory) -> Iterator[str]:
    store = copy_of_store(first_start.store, tmp_path_factory.mktemp("store") / "store")
    with running_server(store) as (base, _):
        yield base
