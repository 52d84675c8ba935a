"""Benchmark: start-up and the CLI, each in a fresh process as a user runs them.

- `eduvoc --help` and `import api.app`: CPU seconds of the child (user + system), median of runs;
- a second `eduvoc serve` on an existing store (the bundled set, loaded once by `eduvoc load`):
  seconds until the first request is answered, and the CPU the server used until then;
- `eduvoc validate` of learning-activity records without a store (the read-only snapshot of the
  bundled value lists, built once into a temporary cache first): the first file, 1,000 records in
  one JSON array, and 1,000 files in one call.

Targets (issue 15): --help <= 0.3 s CPU; a second start up in <= 2 s; validate <= 0.5 s CPU for
the first file, <= 10 ms per further record, 1,000 records in one call <= 15 s. CPU seconds are
the fair figure on a shared machine (wall time grows with the load average; both are written).

    python -m bench.startup [--runs 5]

Writes bench/results/startup.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.artefacts import load_average, write_result

BIN = Path(sys.executable).parent
EDUVOC = str(BIN / "eduvoc")


def child_cpu(command: list[str], env: dict | None = None, stdin: bytes | None = None) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, exit code) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, input=stdin, capture_output=True, env={**os.environ, **(env or {})}, timeout=900)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall, result.returncode


def median_cpu(command: list[str], runs: int, env: dict | None = None) -> dict:
    samples = [child_cpu(command, env) for _ in range(runs)]
    return {"cpu_s": round(statistics.median(s[0] for s in samples), 3), "wall_s": round(statistics.median(s[1] for s in samples), 3)}


def serve_up(store: Path, env: dict) -> dict:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.perf_counter()
    server = subprocess.Popen([EDUVOC, "serve", "--store", str(store), "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env={**os.environ, **env})
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/vocabularies", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if time.perf_counter() - started > 300:
                    raise
                time.sleep(0.02)
        wall = time.perf_counter() - started
        fields = Path(f"/proc/{server.pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    finally:
        server.terminate()
        server.wait(timeout=60)
    return {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3)}


def records(directory: Path) -> tuple[Path, Path, Path]:
    """One record file, 1,000 records in one array, 1,000 record files (every 10th with a
    deprecated learning goal), built from the bundled lists (tests/registry/metadata/records.py)."""
    from tests.registry.metadata.records import DEPRECATED_KERNDOEL, activity

    many = directory / "records"
    many.mkdir()
    array = []
    for number in range(1000):
        record = activity(**({"learningGoal": DEPRECATED_KERNDOEL} if number % 10 == 0 else {}))
        record["id"] = f"https://leerplatform.example/records/{number}"
        array.append(record)
        (many / f"r{number:04d}.json").write_text(json.dumps(record), encoding="utf-8")
    one = directory / "one.json"
    one.write_text(json.dumps(array[1]), encoding="utf-8")
    together = directory / "array.json"
    together.write_text(json.dumps(array), encoding="utf-8")
    return one, together, many


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    started_load = load_average()
    figures: dict = {}
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        env = {"XDG_CACHE_HOME": str(work / "cache"), "EDUVOC_STORE": str(work / "no-store")}
        figures["help"] = median_cpu([EDUVOC, "--help"], arguments.runs)
        figures["import_app"] = median_cpu([sys.executable, "-c", "import api.app"], arguments.runs)
        print(f"eduvoc --help {figures['help']['cpu_s']:.2f} s CPU; import api.app {figures['import_app']['cpu_s']:.2f} s CPU")

        one, together, many = records(work)
        validate = [EDUVOC, "validate", "-p", "learning-activity"]
        build_cpu, build_wall, _ = child_cpu([*validate, str(one)], env)
        first = [child_cpu([*validate, str(one)], env) for _ in range(arguments.runs)]
        array_cpu, array_wall, array_code = child_cpu([*validate, str(together)], env)
        files_cpu, files_wall, files_code = child_cpu([*validate, str(many)], env)
        first_cpu = statistics.median(s[0] for s in first)
        figures["validate"] = {
            "snapshot_build_cpu_s": round(build_cpu, 2), "first_file_cpu_s": round(first_cpu, 3),
            "first_file_wall_s": round(statistics.median(s[1] for s in first), 3),
            "array_1000_cpu_s": round(array_cpu, 2), "array_1000_wall_s": round(array_wall, 2),
            "files_1000_cpu_s": round(files_cpu, 2), "files_1000_wall_s": round(files_wall, 2),
            "per_further_record_ms": round((array_cpu - first_cpu) / 999 * 1000, 2),
            "per_further_file_ms": round((files_cpu - first_cpu) / 999 * 1000, 2),
            "exit_codes": [array_code, files_code],
        }
        print(f"validate: snapshot built once in {build_cpu:.1f} s CPU; first file {first_cpu:.2f} s CPU; 1,000 records in one array "
              f"{array_cpu:.2f} s CPU; 1,000 files {files_cpu:.2f} s CPU")

        store = work / "store"
        subprocess.run([EDUVOC, "load", "--store", str(store)], check=True, capture_output=True, env={**os.environ, **env}, timeout=1800)
        serve_up(store, env)  # the first start after the load (syncs, builds nothing new)
        starts = [serve_up(store, env) for _ in range(max(1, arguments.runs // 2))]
        figures["second_start"] = {"wall_s": round(statistics.median(s["wall_s"] for s in starts), 3),
                                   "cpu_s": round(statistics.median(s["cpu_s"] for s in starts), 3)}
        print(f"second start: up in {figures['second_start']['wall_s']:.2f} s ({figures['second_start']['cpu_s']:.2f} s CPU)")
    figures["targets"] = {"help_cpu_s": 0.3, "second_start_s": 2.0, "validate_first_cpu_s": 0.5, "per_record_ms": 10, "records_1000_s": 15}
    write_result("startup", figures, started_load=started_load)


if __name__ == "__main__":
    main()
