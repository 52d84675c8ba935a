"""A query past its timeout gets a clear error while the server keeps answering others."""

from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from registry.config import Settings

# A cross join of one real vocabulary graph with itself: millions of rows, seconds of work.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"


@pytest.fixture(scope="module")
def impatient_client(bundled_registry, test_settings):
    store, _ = bundled_registry
    settings = Settings(**{**test_settings.model_dump(), "sparql_timeout_seconds": 0.3, "sparql_max_concurrent": 1})
    with TestClient(create_app(settings, store=store)) as client:
        yield client


def test_a_slow_query_times_out_with_a_problem_and_others_are_served_meanwhile(impatient_client):
    graph = impatient_client.get("/api/vocabularies/slo-kerndoelen").json()["graph"]
    slow: dict = {}

    def run_slow() -> None:
        slow["response"] = impatient_client.get("/sparql", params={"query": SLOW, "default-graph-uri": graph})
        slow["done"] = time.monotonic()

    started = time.monotonic()
    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.05)
    other = impatient_client.get("/api/vocabularies")
    thread.join()
    still_computing = impatient_client.get("/sparql", params={"query": "ASK {}"})

    assert other.status_code == 200
    # the slow query still holds the only slot, so `other` was answered while it was computing
    assert still_computing.json()["type"].endswith("overloaded")
    assert slow["response"].status_code == 503
    assert slow["response"].json()["type"].endswith("query-timeout")
    assert slow["done"] - started < 2  # the 0.3 s deadline, not the seconds the query needs
    wait_for_the_slot(impatient_client)


def wait_for_the_slot(client) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # the slot comes back when the runaway query ends
        if client.get("/sparql", params={"query": "ASK {}"}).status_code == 200:
            return
        time.sleep(0.2)
    pytest.fail("the query slot never came back")


def test_when_every_query_slot_is_busy_new_queries_are_refused(impatient_client):
    graph = impatient_client.get("/api/vocabularies/slo-kerndoelen").json()["graph"]
    first = impatient_client.get("/sparql", params={"query": SLOW, "default-graph-uri": graph})
    assert first.status_code == 503  # timed out, but still computing in its slot
    second = impatient_client.get("/sparql", params={"query": "ASK {}"})
    assert second.status_code == 503
    assert second.json()["type"].endswith("overloaded")
    wait_for_the_slot(impatient_client)
