"""How long the write lock is held when a large draft is discarded (issue 16, item 6).

A synthetic vocabulary (100k concepts, ~1.1M triples; bench/generate.py) is uploaded as a draft
into an on-disk store, then discarded. Discarding unlinks the draft in one catalogue update under
the lock and drops the graph after it, in the background (registry.loading.drop_unlinked_graph).
The baseline is what the registry did before: the same unlink *and* the drop, both under the lock,
so its lock time is the measured unlink time plus the measured drop time, from the same run.

    python -m bench.drop_lock [--concepts 100000] [--dir /tmp/drop-bench]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import threading
import time
from pathlib import Path

from bench.generate import dataset
from registry.auth import Role
from registry.catalogue import Catalogue
from registry.drafts import discard_draft, upload_draft
from registry.formats import format_of_file
from registry.loading import wait_for_drops
from registry.organisations import create_organisation
from registry.oxigraph_store import OxigraphStore
from registry.tokens import authenticate, issue_token


class TimedLock:
    """A lock that records how long each holder kept it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.held: list[float] = []
        self._since = 0.0

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        got = self._lock.acquire(blocking, timeout)
        if got:
            self._since = time.perf_counter()
        return got

    def release(self) -> None:
        self.held.append(time.perf_counter() - self._since)
        self._lock.release()

    def locked(self) -> bool:
        return self._lock.locked()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concepts", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=None, help="where the store goes (default: a temporary directory)")
    args = parser.parse_args()
    source = dataset(args.concepts)
    directory = args.dir or Path(tempfile.mkdtemp(prefix="drop-bench-"))
    shutil.rmtree(directory / "store", ignore_errors=True)
    store = OxigraphStore(directory / "store")
    catalogue = Catalogue(store)
    lock = TimedLock()
    catalogue.write_lock = lock  # type: ignore[assignment]
    create_organisation(store, "bench", "Bench")
    editor = authenticate(store, issue_token(store, "bench", Role.EDITOR)[0])

    started = time.perf_counter()
    report = upload_draft(store, catalogue, "synthetic", source, format_of_file(source), editor, source_name=source.name)
    print(f"uploaded {report.summary.triples:,} triples as a draft in {time.perf_counter() - started:.1f} s")

    lock.held.clear()
    started = time.perf_counter()
    discard_draft(store, catalogue, "synthetic", editor)
    answered = time.perf_counter() - started
    unlink = sum(lock.held)
    wait_for_drops()
    drop = time.perf_counter() - started - answered
    print(f"discard answered in {answered:.2f} s; write lock held {unlink * 1000:.1f} ms; background drop took {drop:.1f} s")
    print(f"baseline (unlink and drop under the lock): lock held {unlink + drop:.1f} s")
    print(f"lock time: {unlink * 1000:.1f} ms vs {unlink + drop:.1f} s ({(unlink + drop) / unlink:,.0f}x shorter)")
    store.close()
    if args.dir is None:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
