"""Benchmark artefacts: every benchmark writes `bench/results/<name>.json` with the machine, the
load average while it ran, the versions of what was measured, and its figures; the tables of
docs/performance.md are generated from these files (`python -m bench.report`), never typed.

    write_result("load_scale", figures, started_load=load_average())
"""

from __future__ import annotations

import json
import os
import platform
import sys
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"
PACKAGES = ("eduvoc", "pyoxigraph", "tantivy", "fastapi", "uvicorn", "orjson", "pyshacl")


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages (the machine may be shared: say how busy it was)."""
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return []


def machine() -> dict:
    memory_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
    except OSError:
        pass
    model = ""
    try:
        model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                      if line.startswith("model name")), "")
    except OSError:
        pass
    return {"platform": platform.platform(), "python": sys.version.split()[0], "cpu": model, "cpus": os.cpu_count(),
            "memory_gb": round(memory_kb / 1024 / 1024, 1)}


def versions() -> dict[str, str]:
    found = {}
    for package in PACKAGES:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            continue
    return found


def _invocation() -> str:
    """`python -m bench.x` for a benchmark module, else the script's name."""
    script = Path(sys.argv[0])
    return f"python -m bench.{script.stem}" if script.parent.name == "bench" else script.name


def write_result(name: str, figures: dict, *, started_load: list[float] | None = None, notes: str = "",
                 directory: Path | None = None) -> Path:
    """Write the artefact of benchmark `name`; `figures` is what docs/performance.md quotes."""
    target = (directory or RESULTS_DIR) / f"{name}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    artefact = {
        "benchmark": name,
        "command": " ".join([_invocation(), *sys.argv[1:]]),
        "when": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": machine(),
        "load_average": {"start": started_load or [], "end": load_average()},
        "versions": versions(),
        "notes": notes,
        "figures": figures,
    }
    target.write_text(json.dumps(artefact, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {target}")
    return target


def read_result(name: str, directory: Path | None = None) -> dict | None:
    path = (directory or RESULTS_DIR) / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
