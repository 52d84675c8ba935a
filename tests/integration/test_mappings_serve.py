"""The story of issue #6 from the command line against a real `eduvoc serve`: an editor creates a
mapping set, imports the curated werkvormen → xAPI SSSOM file, another organisation proposes one
more mapping over the API, the editor accepts it; the accepted mappings are plain SKOS triples
on the public SPARQL endpoint, the export imports back to the same bytes, and a bad file changes
nothing."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.conftest import VOCABULARIES_DIR
from tests.integration.conftest import running_server
from tests.integration.test_cli_editor import eduvoc
from tests.mapping_files import curated_mappings, curated_sssom

pytestmark = pytest.mark.integration
SKOS = "http://www.w3.org/2004/02/skos/core#"
WERKCOLLEGE = "https://w3id.org/eduvoc/vocab/werkvormen/werkcollege"
MEETING = "http://adlnet.gov/expapi/activities/meeting"
ACCEPTED_GRAPH = "https://w3id.org/eduvoc/graph/mappings/skos"


def ask(base: str, subject: str, predicate: str, obj: str, graph: str | None = None) -> bool:
    """The public endpoint's answer over its default graph, or over one public `graph`."""
    params = {"query": f"ASK {{ <{subject}> <{predicate}> <{obj}> }}", **({"default-graph-uri": graph} if graph else {})}
    answer = httpx.get(f"{base}/sparql", params=params,
                       headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()["boolean"]


def test_import_propose_accept_and_query(tmp_path: Path):
    store = tmp_path / "store"
    eduvoc("load", str(VOCABULARIES_DIR / "werkvormen.ttl"), str(VOCABULARIES_DIR / "xapi-activity-types.ttl"), "--store", str(store))
    for organisation in ("kennisnet", "surf"):
        eduvoc("org", "create", organisation, "--name", organisation, "--store", str(store))
    owner = eduvoc("token", "create", "--org", "kennisnet", "--store", str(store)).strip().splitlines()[-1]
    other = eduvoc("token", "create", "--org", "surf", "--store", str(store)).strip().splitlines()[-1]
    file = tmp_path / "werkvormen-xapi.sssom.tsv"
    file.write_bytes(curated_sssom("xapi-activity-types"))
    with running_server(store) as (base, _):
        remote = ("--server", base, "--token", owner)
        eduvoc("mappings", "create", "werkvormen-xapi", "--source", "werkvormen", "--target", "xapi-activity-types",
               "--title", "Werkvormen naar xAPI", *remote)
        eduvoc("mappings", "import", str(file), "--set", "werkvormen-xapi", "--status", "accepted", *remote)
        for s, p, o in curated_mappings("xapi-activity-types"):  # werkvormen.ttl states them too: ask the mappings' graph
            assert ask(base, s, p, o, ACCEPTED_GRAPH)

        proposed = httpx.post(f"{base}/api/mapping-sets/werkvormen-xapi/mappings", headers={"Authorization": f"Bearer {other}"}, timeout=30,
                              json={"mappings": [{"subject": WERKCOLLEGE, "predicate": "related", "object": MEETING, "confidence": 0.6,
                                                  "justification": "semapv:LexicalMatching"}]})
        assert proposed.status_code == 201, proposed.text
        [mapping_id] = proposed.json()["ids"]
        assert not ask(base, WERKCOLLEGE, SKOS + "relatedMatch", MEETING)
        accepted = httpx.post(f"{base}/api/mappings/{mapping_id}/accept", json={"comment": "ja"}, headers={"Authorization": f"Bearer {owner}"}, timeout=30)
        assert accepted.status_code == 200, accepted.text
        assert ask(base, WERKCOLLEGE, SKOS + "relatedMatch", MEETING)

        listed = eduvoc("mappings", "list", "--server", base)
        assert "werkvormen-xapi\twerkvormen\txapi-activity-types\tkennisnet\t0\t9\t0" in listed
        exported = eduvoc("mappings", "export", "--set", "werkvormen-xapi", "--server", base)
        again = tmp_path / "again.sssom.tsv"
        again.write_text(exported, encoding="utf-8")
        eduvoc("mappings", "import", str(again), "--set", "werkvormen-xapi", *remote)
        assert eduvoc("mappings", "export", "--set", "werkvormen-xapi", "--server", base) == exported

        bad = tmp_path / "bad.sssom.tsv"
        bad.write_bytes(curated_sssom("xapi-activity-types", drop_columns=("mapping_justification",)))
        eduvoc("mappings", "import", str(bad), "--set", "werkvormen-xapi", *remote, expect=1)
        assert eduvoc("mappings", "export", "--set", "werkvormen-xapi", "--server", base) == exported
        eduvoc("mappings", "import", str(file), "--set", "werkvormen-xapi", "--server", base, "--token", other, expect=6)
