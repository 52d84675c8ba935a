"""Running public SPARQL queries so that a slow one cannot hold a request or the server.

Queries run on a small pool of long-lived worker threads (pyoxigraph results must stay on the
thread that made them, and pyoxigraph releases the GIL while it evaluates); a caller can hand the
worker what to do with the outcome (`then`, e.g. writing the response body), so a request costs
one hop to a worker and back. The caller waits at most the timeout and then gets `QueryTimeout`.

Admission (issue #15.1): a query waits for a free slot (one per worker) for up to
`admission_wait` seconds instead of being refused at once, so a burst of clients queues rather
than getting 503s. A query that once ran longer than `expensive_after` seconds (or timed out) is
remembered by its canonical text as *expensive*; expensive queries may hold at most half of the
slots, so cheap queries always find one even while expensive ones pile up.

What this does not do: pyoxigraph 0.5 cannot interrupt a query inside one step of its
evaluation (an aggregate, a sort, planning), so a query past its deadline keeps its worker until
that step ends; the results it streams are cut at the deadline (registry.sparql). Killable
worker processes need a store they can open: see docs/architecture.md.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

from registry.catalogue import Catalogue
from registry.errors import Overloaded, QueryTimeout
from registry.sparql import QueryLimits, QueryOutcome, run_query
from registry.sparql_parse import ParsedQuery, parse_query
from registry.store import Store

T = TypeVar("T")
REMEMBERED_EXPENSIVE = 1024


class QueryRunner:
    def __init__(
        self,
        store: Store,
        catalogue: Catalogue,
        limits: QueryLimits,
        max_concurrent: int = 4,
        base_iri: str | None = None,
        admission_wait: float | None = None,
        expensive_after: float = 1.0,
    ) -> None:
        self._store = store
        self._catalogue = catalogue
        self.limits = limits
        self.base_iri = base_iri  # relative IRIs of queries without BASE resolve against it
        self.admission_wait = limits.timeout_seconds if admission_wait is None else admission_wait
        self.expensive_after = expensive_after
        self._slots = threading.BoundedSemaphore(max_concurrent)
        self._expensive_slots = threading.BoundedSemaphore(max(1, max_concurrent // 2))
        self._expensive: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()
        # As many workers as slots: a query that got a slot never waits for a worker.
        self._pool = ThreadPoolExecutor(max_workers=max_concurrent, thread_name_prefix="sparql-query")

    def run(self, query: str, default_graph_uris: Sequence[str] = (), named_graph_uris: Sequence[str] = ()) -> QueryOutcome:
        """The outcome of `query`, waiting in this thread (CLI, tests, benchmarks)."""
        parsed = parse_query(query, self.base_iri)
        deadline = time.monotonic() + self.admission_wait
        slots = self._slots_for(parsed)
        for taken, slot in enumerate(slots):
            if not slot.acquire(timeout=max(0.0, deadline - time.monotonic())):
                for held in slots[:taken]:
                    held.release()
                raise self._overloaded()
        future = self._submit(parsed, slots, default_graph_uris, named_graph_uris, _same)
        try:
            return future.result(self.limits.timeout_seconds)
        except FutureTimeout:
            self._mark_expensive(parsed)
            raise self._timeout() from None

    async def run_async(
        self,
        query: str,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        then: Callable[[QueryOutcome], T] = lambda outcome: outcome,
    ) -> T:
        """`then(outcome)`, computed on the worker that ran `query`, awaited without blocking the loop."""
        parsed = parse_query(query, self.base_iri)  # refuse updates, SERVICE and oversized input before waiting
        slots = self._slots_for(parsed)
        deadline = time.monotonic() + self.admission_wait
        pause = 0.001
        taken = 0
        while taken < len(slots):  # polled, so the event loop never blocks on a thread semaphore
            if slots[taken].acquire(blocking=False):
                taken += 1
                continue
            if time.monotonic() >= deadline:
                for held in slots[:taken]:
                    held.release()
                raise self._overloaded()
            await asyncio.sleep(pause)
            pause = min(pause * 2, 0.02)
        future = self._submit(parsed, slots, default_graph_uris, named_graph_uris, then)
        try:
            # shield: on timeout the query keeps its worker and slot until it ends by itself
            return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), self.limits.timeout_seconds)
        except TimeoutError:
            self._mark_expensive(parsed)
            raise self._timeout() from None

    def is_expensive(self, query: str) -> bool:
        return parse_query(query, self.base_iri).canonical in self._expensive

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _slots_for(self, parsed: ParsedQuery) -> list[threading.BoundedSemaphore]:
        """Expensive queries take a slot of their own lane first, then a worker slot."""
        return [self._expensive_slots, self._slots] if parsed.canonical in self._expensive else [self._slots]

    def _mark_expensive(self, parsed: ParsedQuery) -> None:
        with self._lock:
            self._expensive[parsed.canonical] = None
            self._expensive.move_to_end(parsed.canonical)
            while len(self._expensive) > REMEMBERED_EXPENSIVE:
                self._expensive.popitem(last=False)

    def _submit(
        self,
        parsed: ParsedQuery,
        slots: list[threading.BoundedSemaphore],
        default_graph_uris: Sequence[str],
        named_graph_uris: Sequence[str],
        then: Callable[[QueryOutcome], T],
    ) -> Future[T]:
        """Run on a worker; the caller holds `slots`, released when the query ends."""

        def work() -> T:
            started = time.monotonic()
            try:
                return then(run_query(self._store, self._catalogue, parsed, self.limits, default_graph_uris, named_graph_uris))
            finally:
                if time.monotonic() - started > self.expensive_after:
                    self._mark_expensive(parsed)
                for slot in slots:
                    slot.release()

        try:
            return self._pool.submit(work)
        except BaseException:
            for slot in slots:
                slot.release()
            raise

    def _overloaded(self) -> Overloaded:
        return Overloaded(f"every SPARQL query slot stayed busy for {self.admission_wait:g} s; try again in a moment")

    def _timeout(self) -> QueryTimeout:
        return QueryTimeout(f"the query ran longer than {self.limits.timeout_seconds:g} s; narrow it or add a LIMIT")


def _same(outcome: QueryOutcome) -> QueryOutcome:
    return outcome
