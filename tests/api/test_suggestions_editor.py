"""The editor form that proposes chosen suggestions into a mapping set: same-site check, the
owner's accept, and a refused accept that writes nothing."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from registry.auth import Principal, Role
from registry.bundle import load_files
from registry.catalogue import Catalogue
from registry.mappings.service import create_mapping_set, list_mappings
from registry.organisations import create_organisation
from registry.oxigraph_store import OxigraphStore
from registry.tokens import issue_token
from tests.conftest import VOCABULARIES_DIR

XAPI_ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"


@pytest.fixture
def registry_app(test_settings):
    """werkvormen and the xAPI activity types, organisations kennisnet (owning a set between them)
    and slo, an editor token for each."""
    store = OxigraphStore()
    catalogue = Catalogue(store)
    load_files(store, catalogue, [(slug, VOCABULARIES_DIR / f"{slug}.ttl") for slug in ("werkvormen", "xapi-activity-types")])
    tokens = {}
    for slug, name in (("kennisnet", "Kennisnet"), ("slo", "SLO")):
        create_organisation(store, slug, name)
        tokens[slug], _ = issue_token(store, slug, Role.EDITOR)
    owner = Principal(subject="https://w3id.org/eduvoc/org/kennisnet", organisation="kennisnet", role=Role.EDITOR)
    create_mapping_set(store, catalogue, owner, set_id="werkvormen-xapi", source="werkvormen", target="xapi-activity-types", title="Werkvormen naar xAPI")
    with TestClient(create_app(test_settings, store=store), base_url="http://testserver") as client:
        yield client, store, tokens


def form(client, token: str, accept: bool, origin: str | None = "http://testserver"):
    suggestions = client.get("/api/suggestions", params={"source": "werkvormen", "target": "xapi-activity-types", "existing": "false"}).json()["data"]
    chosen = next(s for s in suggestions if s["object_id"] == XAPI_ASSESSMENT)
    fields = {"source": "werkvormen", "target": "xapi-activity-types", "set": "werkvormen-xapi", "pick": "0",
              "s.0": chosen["subject_id"], "o.0": chosen["object_id"], "p.0": chosen["predicate_id"], "c.0": str(chosen["confidence"]),
              "comment": "zelfde label"}
    if accept:
        fields["accept"] = "1"
    headers = {"Origin": origin} if origin else {}
    client.cookies.set("eduvoc_editor", token, path="/editor")
    return client.post("/editor/suggestions", data=fields, headers=headers, follow_redirects=False), chosen


def test_the_owner_proposes_and_accepts_in_one_step(registry_app):
    client, store, tokens = registry_app
    response, chosen = form(client, tokens["kennisnet"], accept=True)
    assert response.status_code == 303 and "done=accepted%3A1" in response.headers["location"]
    (mapping,) = list_mappings(store, "werkvormen-xapi")
    assert (mapping.subject, mapping.object, mapping.status.value) == (chosen["subject_id"], XAPI_ASSESSMENT, "accepted")
    assert mapping.justification == "https://w3id.org/semapv/vocab/LexicalMatching" and mapping.confidence == chosen["confidence"]
    walk = client.get("/api/crosswalk", params={"uri": chosen["subject_id"], "target": "xapi-activity-types", "max_hops": 1}).json()
    assert XAPI_ASSESSMENT in walk["reached"]


def test_another_organisation_may_propose_but_not_accept(registry_app):
    client, store, tokens = registry_app
    refused, _ = form(client, tokens["slo"], accept=True)
    assert refused.status_code == 403 and list_mappings(store, "werkvormen-xapi") == []  # nothing written
    proposed, _ = form(client, tokens["slo"], accept=False)
    assert proposed.status_code == 303
    assert [m.status.value for m in list_mappings(store, "werkvormen-xapi")] == ["proposed"]


def test_a_post_from_another_site_is_refused(registry_app):
    client, store, tokens = registry_app
    response, _ = form(client, tokens["kennisnet"], accept=True, origin="https://elsewhere.example")
    assert response.status_code == 403 and list_mappings(store, "werkvormen-xapi") == []
