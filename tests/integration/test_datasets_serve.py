"""The dataset catalogue on a real `eduvoc serve` (uvicorn) process: a vendor registers from the
command line with a token, a consumer finds the dataset over HTTP, in SPARQL and in the DCAT
export, and a restart keeps it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, URIRef

from tests.conftest import PROJECT_ROOT
from tests.dataset_descriptions import (
    leerlingen_vo,
    prepare_store,
    to_turtle,
    voortgang_werkvormen,
)
from tests.integration.conftest import running_server

pytestmark = pytest.mark.integration


def eduvoc(*arguments: str, environment: dict[str, str], expect: int = 0) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", *arguments], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, **environment}, check=False,
    )
    assert done.returncode == expect, f"eduvoc {' '.join(arguments)} -> {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_register_from_the_cli_and_find_it_over_http(tmp_path: Path):
    store = tmp_path / "store"
    tokens = prepare_store(store, [(leerlingen_vo(), "duo")])
    description = tmp_path / "voortgang.ttl"
    description.write_text(to_turtle(voortgang_werkvormen()), encoding="utf-8")

    with running_server(store) as (base, _):
        eduvoc("dataset", "register", str(description), environment={"EDUVOC_SERVER": base}, expect=6)  # no token
        vendor = {"EDUVOC_SERVER": base, "EDUVOC_TOKEN": tokens["leerrijk"]}
        registered = json.loads(eduvoc("dataset", "register", str(description), environment=vendor))
        assert registered["created"] is True and registered["uri"] == voortgang_werkvormen().iri
        assert registered["id"] in eduvoc("dataset", "list", environment={"EDUVOC_SERVER": base})

        listing = httpx.get(f"{base}/api/datasets").json()
        assert {item["uri"] for item in listing["items"]} == {leerlingen_vo().iri, voortgang_werkvormen().iri}
        answer = httpx.get(f"{base}/sparql", params={"query": "SELECT (COUNT(?d) AS ?n) WHERE { ?d a <http://www.w3.org/ns/dcat#Dataset> }"},
                           headers={"Accept": "application/sparql-results+json"}).json()
        assert answer["results"]["bindings"][0]["n"]["value"] == "2"
        exported = Graph().parse(data=httpx.get(f"{base}/catalogue.ttl").text, format="turtle")
        catalogue = URIRef("https://w3id.org/eduvoc/catalogue/datasets")
        assert len(set(exported.objects(catalogue, URIRef("http://www.w3.org/ns/dcat#dataset")))) == 2
        assert httpx.get(f"{base}/datasets/{registered['id']}").status_code == 200
        other = httpx.delete(f"{base}/api/datasets/{registered['id']}", headers={"Authorization": f"Bearer {tokens['duo']}"})
        assert other.status_code == 403

    with running_server(store) as (base, _):  # a restart keeps the catalogue
        assert httpx.get(f"{base}/api/datasets").json()["total"] == 2
        withdrawn = httpx.delete(f"{base}/api/datasets/{registered['id']}", headers={"Authorization": f"Bearer {tokens['leerrijk']}"})
        assert withdrawn.status_code == 204
        assert httpx.get(f"{base}/api/datasets").json()["total"] == 1
