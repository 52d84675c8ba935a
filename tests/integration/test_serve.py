"""`eduvoc serve` as a user starts it: bundled vocabularies loaded on first start, reused after."""

from __future__ import annotations

import time

import httpx
import pytest
from rdflib import RDF, SKOS

from registry.bundle import bundled_files
from tests.conftest import ONTOLOGY_DIR, VOCABULARIES_DIR
from tests.integration.conftest import copy_of_store, running_server

pytestmark = pytest.mark.integration

KERNDOEL = "https://opendata.slo.nl/curriculum/uuid/d357271b-3cfd-40c4-881d-084b71ca05c8"
REPLACEMENT = "https://opendata.slo.nl/curriculum/uuid/cc7113ed-5284-4a62-85a2-e312de34eac9"


def test_every_bundled_vocabulary_is_served_with_the_counts_of_its_file(server, bundled_vocabulary):
    listed = {v["id"]: v["concepts"] for v in httpx.get(f"{server}/api/vocabularies").json()["data"]}
    expected = {
        path.stem: len(set(bundled_vocabulary(path.stem).subjects(RDF.type, SKOS.Concept)))
        for path in VOCABULARIES_DIR.glob("*.ttl")
    }
    assert listed == expected


def test_a_sparql_count_agrees_with_the_listing(server):
    vocabulary = httpx.get(f"{server}/api/vocabularies/xapi-verbs").json()
    query = f"""SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{
      ?c a <http://www.w3.org/2004/02/skos/core#Concept> ; <http://www.w3.org/2004/02/skos/core#inScheme> <{vocabulary['uri']}> }}"""
    body = httpx.get(f"{server}/sparql", params={"query": query}).json()
    assert int(body["results"]["bindings"][0]["n"]["value"]) == vocabulary["concepts"]


def test_the_kennisnet_kerndoel_is_served_as_deprecated_with_its_replacement(server):
    response = httpx.get(f"{server}/api/concepts", params={"uri": KERNDOEL})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["deprecated"] is True
    assert [c["uri"] for c in body["replaced_by"]] == [REPLACEMENT]


def test_pages_and_openapi_answer(server):
    assert httpx.get(f"{server}/").status_code == 200
    assert httpx.get(f"{server}/openapi.json").json()["info"]["title"] == "eduvoc"


def test_a_second_start_reuses_the_store(first_start, tmp_path):
    """The session's first start loaded the bundled set; a second start on (a copy of) that store
    loads nothing and serves the same vocabularies."""
    store = copy_of_store(first_start.store, tmp_path / "store")
    started = time.monotonic()
    with running_server(store) as (base, second_log):
        second_start = time.monotonic() - started
        listed = httpx.get(f"{base}/api/vocabularies").json()["count"]
    assert any("loading the bundled vocabularies" in line for line in first_start.log)
    assert not any("loading the bundled vocabularies" in line for line in second_log)
    assert listed == len(bundled_files(VOCABULARIES_DIR, ONTOLOGY_DIR)) - 1  # every bundled file but the ontology
    print(f"first start {first_start.seconds:.1f} s, second start {second_start:.1f} s")
