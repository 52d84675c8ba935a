"""Running public SPARQL queries so that a slow one cannot hold a request or the server.

Each query runs in its own worker thread (pyoxigraph results must stay on the thread that made
them, and pyoxigraph releases the GIL while it evaluates). The caller waits at most the timeout and
then gets `QueryTimeout`; an engine that cannot be interrupted keeps computing in the background
but holds one of a few slots, so a flood of runaway queries is refused with `Overloaded` instead of
starving everything else.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from registry.catalogue import Catalogue
from registry.errors import Overloaded, QueryTimeout
from registry.sparql import QueryLimits, QueryOutcome, classify, run_query
from registry.store import Store


class QueryRunner:
    def __init__(self, store: Store, catalogue: Catalogue, limits: QueryLimits, max_concurrent: int = 4) -> None:
        self._store = store
        self._catalogue = catalogue
        self.limits = limits
        self._slots = threading.BoundedSemaphore(max_concurrent)

    def run(self, query: str, default_graph_uris: Sequence[str] = (), named_graph_uris: Sequence[str] = ()) -> QueryOutcome:
        classify(query)  # refuse updates and SERVICE before taking a slot
        if not self._slots.acquire(blocking=False):
            raise Overloaded("too many SPARQL queries are running; try again in a moment")
        box: dict[str, object] = {}

        def work() -> None:
            try:
                box["outcome"] = run_query(self._store, self._catalogue, query, self.limits, default_graph_uris, named_graph_uris)
            except BaseException as error:  # handed to the waiting request thread below
                box["error"] = error
            finally:
                self._slots.release()

        worker = threading.Thread(target=work, name="sparql-query", daemon=True)
        worker.start()
        worker.join(self.limits.timeout_seconds)
        if worker.is_alive():
            raise QueryTimeout(f"the query ran longer than {self.limits.timeout_seconds:g} s; narrow it or add a LIMIT")
        if "error" in box:
            raise box["error"]  # type: ignore[misc]
        return box["outcome"]  # type: ignore[return-value]
