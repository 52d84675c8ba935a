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
        started = time.monotonic()
        slow["response"] = impatient_client.get("/sparql", params={"query": SLOW, "default-graph-uri": graph})
        slow["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.05)
    started = time.monotonic()
    other = impatient_client.get("/api/vocabularies")
    other_seconds = time.monotonic() - started
    thread.join()

    assert other.status_code == 200
    assert other_seconds < 0.3
    assert slow["response"].status_code == 503
    assert slow["response"].json()["type"].endswith("query-timeout")
    assert slow["seconds"] < 2


def test_when_every_query_slot_is_busy_new_queries_are_refused(impatient_client):
    graph = impatient_client.get("/api/vocabularies/slo-kerndoelen").json()["graph"]
    first = impatient_client.get("/sparql", params={"query": SLOW, "default-graph-uri": graph})
    assert first.status_code == 503  # timed out, but still computing in its slot
    second = impatient_client.get("/sparql", params={"query": "ASK {}"})
    assert second.status_code == 503
    assert second.json()["type"].endswith("overloaded")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # the slot comes back when the runaway query ends
        if impatient_client.get("/sparql", params={"query": "ASK {}"}).status_code == 200:
            break
        time.sleep(0.2)
    else:
        pytest.fail("the query slot never came back")
