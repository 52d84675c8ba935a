"""Running public SPARQL queries so that a slow one cannot hold a request or the server.

Queries run on a small pool of long-lived worker threads (pyoxigraph results must stay on the
thread that made them, and pyoxigraph releases the GIL while it evaluates); a caller can hand the
worker what to do with the outcome (`then`, e.g. writing the response body), so a request costs
one hop to a worker and back. The caller waits at most the timeout and then gets `QueryTimeout`;
an engine that cannot be interrupted keeps computing in the background but holds one of a few
slots (one per worker), so a flood of runaway queries is refused with `Overloaded` instead of
starving everything else.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

from registry.catalogue import Catalogue
from registry.errors import Overloaded, QueryTimeout
from registry.sparql import QueryLimits, QueryOutcome, classify, run_query
from registry.store import Store

T = TypeVar("T")


class QueryRunner:
    def __init__(self, store: Store, catalogue: Catalogue, limits: QueryLimits, max_concurrent: int = 4) -> None:
        self._store = store
        self._catalogue = catalogue
        self.limits = limits
        self._slots = threading.BoundedSemaphore(max_concurrent)
        # As many workers as slots: a query that got a slot never waits for a worker.
        self._pool = ThreadPoolExecutor(max_workers=max_concurrent, thread_name_prefix="sparql-query")

    def run(self, query: str, default_graph_uris: Sequence[str] = (), named_graph_uris: Sequence[str] = ()) -> QueryOutcome:
        """The outcome of `query`, waiting in this thread (CLI, tests, benchmarks)."""
        future = self._submit(query, default_graph_uris, named_graph_uris, _same)
        try:
            return future.result(self.limits.timeout_seconds)
        except FutureTimeout:
            raise self._timeout() from None

    async def run_async(
        self,
        query: str,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        *,
        then: Callable[[QueryOutcome], T],
    ) -> T:
        """`then(outcome)`, computed on the worker that ran `query`, awaited without blocking the loop."""
        future = self._submit(query, default_graph_uris, named_graph_uris, then)
        try:
            # shield: on timeout the query keeps its worker and slot until it ends by itself
            return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), self.limits.timeout_seconds)
        except TimeoutError:
            raise self._timeout() from None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _submit(self, query: str, default_graph_uris: Sequence[str], named_graph_uris: Sequence[str], then: Callable[[QueryOutcome], T]) -> Future[T]:
        classify(query)  # refuse updates and SERVICE before taking a slot
        if not self._slots.acquire(blocking=False):
            raise Overloaded("too many SPARQL queries are running; try again in a moment")

        def work() -> T:
            try:
                return then(run_query(self._store, self._catalogue, query, self.limits, default_graph_uris, named_graph_uris))
            finally:
                self._slots.release()

        try:
            return self._pool.submit(work)
        except BaseException:
            self._slots.release()
            raise

    def _timeout(self) -> QueryTimeout:
        return QueryTimeout(f"the query ran longer than {self.limits.timeout_seconds:g} s; narrow it or add a LIMIT")


def _same(outcome: QueryOutcome) -> QueryOutcome:
    return outcome
