"""Matching against a real `eduvoc serve`: OpenRefine's reconciliation request as it sends it (a
form-encoded `queries=` body from a plain HTTP client), suggestions, crosswalk and gaps."""

from __future__ import annotations

import json
from urllib.parse import quote_plus

import httpx
import pytest

pytestmark = pytest.mark.integration


def test_openrefine_reconciles_a_list_of_local_terms(server):
    manifest = httpx.get(f"{server}/reconcile").json()
    assert manifest["versions"] == ["0.2"] and manifest["preview"]["url"].startswith(server)
    local_terms = ["hoorcollege", "Werkcollege", "groepsopdracht", "stage", "Digitale toets", "practicum", "e-learning module"]
    queries = {f"q{i}": {"query": term, "type": "werkvormen", "type_strict": "should", "limit": 3} for i, term in enumerate(local_terms)}
    body = "queries=" + quote_plus(json.dumps(queries))  # how OpenRefine's StandardReconConfig posts a batch
    response = httpx.post(f"{server}/reconcile", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 200
    answers = response.json()
    assert set(answers) == set(queries)
    matched = {term: answers[f"q{i}"]["result"][0] for i, term in enumerate(local_terms) if answers[f"q{i}"]["result"]}
    assert len(matched) == len(local_terms)
    assert all(result["id"].startswith("https://w3id.org/eduvoc/vocab/werkvormen/") for result in matched.values())
    assert matched["hoorcollege"]["id"].endswith("/hoorcollege") and matched["hoorcollege"]["match"] is True
    bad = httpx.post(f"{server}/reconcile", content="queries=" + quote_plus("{\"q0\": 5}"), headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert bad.status_code == 400 and bad.headers["content-type"] == "application/problem+json"


def test_suggestions_crosswalk_and_gaps_over_http(server):
    suggestions = httpx.get(f"{server}/api/suggestions", params={"source": "werkvormen", "target": "xapi-activity-types"}, timeout=30).json()
    assert suggestions["count"] > 0
    walk = httpx.get(f"{server}/api/crosswalk", params={"uri": "https://w3id.org/eduvoc/vocab/werkvormen/hoorcollege",
                                                         "target": "ooapi-learning-component-type"}).json()
    assert walk["reached"] == ["https://w3id.org/eduvoc/vocab/ooapi-learning-component-type/lecture"]
    report = httpx.post(f"{server}/api/gaps", json={"demand": ["solve technical problems", "speak Dutch"], "offer_vocabulary": "learning-outcomes"}).json()
    assert report["counts"]["exact"] == 1 and report["counts"]["uncovered"] == 1
