"""Admission of SPARQL queries (issue #15.1): a burst queues instead of getting 503s, and queries
known to be expensive may hold only half of the slots, so cheap ones are never starved."""

from __future__ import annotations

import threading
import time

import pytest

from registry.errors import Overloaded, QueryTimeout
from registry.query_runner import QueryRunner
from registry.sparql import QueryLimits

# A cross join of one real vocabulary graph with itself: millions of rows, seconds of work.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
CHEAP = "SELECT (COUNT(*) AS ?n) WHERE { ?c a <http://www.w3.org/2004/02/skos/core#Concept> }"


def drain(runner: QueryRunner, slots: int) -> None:
    """Wait until every runaway query has ended (their slots are back), so later tests get the cores."""
    deadline = time.monotonic() + 120
    held = 0
    while held < slots and time.monotonic() < deadline:
        if runner._slots.acquire(timeout=0.5):
            held += 1
    for _ in range(held):
        runner._slots.release()
    runner.close()


def test_a_burst_of_clients_queues_for_slots_instead_of_being_refused(bundled_registry):
    store, catalogue = bundled_registry
    runner = QueryRunner(store, catalogue, QueryLimits(10, 10_000), max_concurrent=2)
    outcomes: list = []

    def client() -> None:
        for _ in range(3):
            try:
                outcomes.append(runner.run(CHEAP))
            except Overloaded as error:
                outcomes.append(error)

    threads = [threading.Thread(target=client) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    runner.close()
    assert len(outcomes) == 24
    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert len({o.rows[0][0].value for o in outcomes}) == 1


def test_expensive_queries_cannot_take_every_slot(bundled_registry):
    store, catalogue = bundled_registry
    graph = next(g.value for g in catalogue.current_graphs() if "slo-kerndoelen" in g.value)
    runner = QueryRunner(store, catalogue, QueryLimits(0.3, 10_000), max_concurrent=4, admission_wait=0.5)
    try:
        with pytest.raises(QueryTimeout):
            runner.run(SLOW, [graph])  # unknown yet: takes an ordinary slot, and is marked expensive
        assert runner.is_expensive(SLOW)
        outcomes: list = []

        def expensive() -> None:
            try:
                runner.run(SLOW, [graph])
            except (QueryTimeout, Overloaded) as error:
                outcomes.append(type(error))

        threads = [threading.Thread(target=expensive) for _ in range(3)]
        for thread in threads:
            thread.start()
            time.sleep(0.05)
        for thread in threads:
            thread.join()
        # two expensive slots: two time out while computing, the third waits and is refused
        assert sorted(o.__name__ for o in outcomes) == ["Overloaded", "QueryTimeout", "QueryTimeout"]
        started = time.monotonic()
        cheap = runner.run(CHEAP)  # three workers are busy with runaway queries; the fourth is free
        assert int(cheap.rows[0][0].value) > 0
        assert time.monotonic() - started < 5
    finally:
        drain(runner, 4)
