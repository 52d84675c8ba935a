"""The mapping set pages in process: the public list and set page (filtered by status), the
editor's review page (accept, reject with a comment, comment, import an SSSOM file), refusals as
pages (no session, another organisation, a foreign Origin, a rejection without comment, a bad
file), the mappings on a concept page, escaping, Dutch and English."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from registry.auth import Role
from registry.bundle import bundled_files, load_files
from registry.catalogue import Catalogue
from registry.config import Settings
from registry.mappings import service, transfer
from registry.mappings.model import NewMapping, Status
from registry.organisations import ensure_organisation
from registry.oxigraph_store import OxigraphStore
from registry.tokens import authenticate, issue_token
from tests.conftest import ONTOLOGY_DIR, VOCABULARIES_DIR
from tests.mapping_files import curated_mappings, curated_sssom
from tests.pages.dom import Element, parse
from tests.pages.test_editor_pages import (
    SITE,
    assert_field_error,
    page,
    post,
    sign_in,
)

VOCABULARIES = ("werkvormen", "xapi-activity-types")
HOSTILE = '<script>alert("x")</script>'
SET = "werkvormen-xapi"


@dataclass
class Site:
    client: TestClient
    store: OxigraphStore
    catalogue: Catalogue
    owner: str  # kennisnet editor token
    other: str  # surf editor token
    ids: list[str]  # the curated mappings, proposed by surf


@pytest.fixture
def site(test_settings: Settings) -> Iterator[Site]:
    store = OxigraphStore()
    catalogue = Catalogue(store)
    load_files(store, catalogue, [f for f in bundled_files(VOCABULARIES_DIR, ONTOLOGY_DIR) if f[0] in VOCABULARIES])
    tokens = {}
    for organisation in ("kennisnet", "surf"):
        ensure_organisation(store, organisation, organisation)
        tokens[organisation], _ = issue_token(store, organisation, Role.EDITOR)
    owner, other = authenticate(store, tokens["kennisnet"]), authenticate(store, tokens["surf"])
    service.create_mapping_set(store, catalogue, owner, set_id=SET, source="werkvormen", target="xapi-activity-types",
                               title="Werkvormen naar xAPI", description=f"Beschrijving {HOSTILE}")
    ids = service.propose_mappings(store, catalogue, SET, [NewMapping(s, p, o, comment=f"voorstel {HOSTILE}" if i == 0 else None)
                                                           for i, (s, p, o) in enumerate(curated_mappings("xapi-activity-types"))], other)
    with TestClient(create_app(test_settings, store=store), base_url=SITE) as client:
        yield Site(client, store, client.app.state.catalogue, tokens["kennisnet"], tokens["surf"], ids)


def rows(document: Element) -> dict[str, str]:
    """mapping id -> status, as listed on a set page."""
    return {row.get("data-mapping"): row.get("data-status") for row in document.find_all(data_mapping=True) if row.get("data-status")}


def test_the_list_and_the_public_set_page(site):
    listing = page(site.client, "/mapping-sets?lang=en")
    row = listing.find("tr", data_set=SET)
    assert row.find("td", data_count="proposed").text == "8"
    assert listing.find("h1").text == "Mapping sets"
    public = page(site.client, f"/mapping-sets/{SET}")
    assert set(rows(public).values()) == {"proposed"} and len(rows(public)) == 8
    assert public.find("a", data_format="sssom").get("href") == f"/api/mapping-sets/{SET}?format=sssom"
    assert public.find("a", data_review_link=True).get("href") == f"/editor/mapping-sets/{SET}"
    assert page(site.client, f"/mapping-sets/{SET}?status=accepted").find(data_no_mappings=True)
    assert page(site.client, "/mapping-sets/nope", 404)
    assert page(site.client, f"/mapping-sets/{SET}?status=maybe", 400)


def test_text_from_users_is_escaped(site):
    html = site.client.get(f"/mapping-sets/{SET}").text
    assert HOSTILE not in html and "&lt;script&gt;" in html


def test_the_review_page_needs_a_session(site):
    response = site.client.get(f"/editor/mapping-sets/{SET}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/editor"


def test_the_owner_accepts_and_rejects_with_a_comment(site):
    sign_in(site.client, site.owner)
    review = page(site.client, f"/editor/mapping-sets/{SET}?status=proposed")
    assert len(review.find_all("form", data_review_form=True)) == 8
    first, second = site.ids[0], site.ids[1]
    done = post(site.client, f"/editor/mapping-sets/{SET}/review?status=proposed", data={"mapping": first, "decision": "accept", "comment": "klopt"})
    assert done.headers["location"] == f"/editor/mapping-sets/{SET}?status=proposed&done=accepted"
    # rejecting without a comment: the page again, 400, the error at the comment field
    refused = parse(post(site.client, f"/editor/mapping-sets/{SET}/review?status=proposed", 400,
                         data={"mapping": second, "decision": "reject", "comment": ""}).text)
    assert "toelichting" in assert_field_error(refused, f"review-{second}-comment").lower()
    post(site.client, f"/editor/mapping-sets/{SET}/review", data={"mapping": second, "decision": "reject", "comment": "te ruim"})
    statuses = rows(page(site.client, f"/editor/mapping-sets/{SET}"))
    assert statuses[first] == "accepted" and statuses[second] == "rejected"
    assert service.get_mapping(site.store, second).comments[-1].text == "te ruim"
    notice = page(site.client, f"/editor/mapping-sets/{SET}?done=accepted&lang=en").find("p", data_done="accepted")
    assert notice.text == "The mapping was accepted."


def test_another_organisation_comments_but_does_not_review(site):
    sign_in(site.client, site.other)
    review = page(site.client, f"/editor/mapping-sets/{SET}")
    assert review.find(data_not_owner=True) and not review.find_all("form", data_review_form=True)
    assert len(review.find_all("form", data_comment_form=True)) == 8
    post(site.client, f"/editor/mapping-sets/{SET}/comment", data={"mapping": site.ids[0], "text": "graag beoordelen"})
    assert service.get_mapping(site.store, site.ids[0]).comments[-1].text == "graag beoordelen"
    refused = post(site.client, f"/editor/mapping-sets/{SET}/review", 403, data={"mapping": site.ids[0], "decision": "accept"})
    assert "kennisnet" in refused.text
    assert service.get_mapping(site.store, site.ids[0]).status is Status.PROPOSED


def test_a_post_from_another_site_is_refused(site):
    sign_in(site.client, site.owner)
    response = site.client.post(f"/editor/mapping-sets/{SET}/review", data={"mapping": site.ids[0], "decision": "accept"},
                                headers={"Origin": "https://evil.example"}, follow_redirects=False)
    assert response.status_code == 403
    assert service.get_mapping(site.store, site.ids[0]).status is Status.PROPOSED


def test_import_from_the_review_page(site):
    sign_in(site.client, site.owner)
    before = transfer.export_set(site.store, site.catalogue, SET, "sssom")
    bad = curated_sssom("xapi-activity-types", extra_rows=[["werkvormen:hoorcollege", "skos:closeMatch", "adl:nope", "semapv:ManualMappingCuration", ""]])
    refused = parse(post(site.client, f"/editor/mapping-sets/{SET}/import", 422,
                         files={"file": ("werkvormen-xapi.sssom.tsv", bad, "text/tab-separated-values")}, data={"default_status": "accepted"}).text)
    assert "http://adlnet.gov/expapi/activities/nope" in refused.by_id("error-summary").text
    assert transfer.export_set(site.store, site.catalogue, SET, "sssom") == before
    good = curated_sssom("xapi-activity-types")
    done = post(site.client, f"/editor/mapping-sets/{SET}/import", files={"file": ("werkvormen-xapi.sssom.tsv", good, "text/tab-separated-values")},
                data={"default_status": "accepted"})
    assert "done=imported" in done.headers["location"] and "n=8" in done.headers["location"]
    assert service.get_mapping_set(site.store, site.catalogue, SET).counts == {"accepted": 8}


def test_the_concept_page_lists_its_mappings(site):
    service.review_mapping(site.store, site.catalogue, site.ids[0], Status.ACCEPTED, authenticate(site.store, site.owner))
    subject, _, obj = curated_mappings("xapi-activity-types")[0]
    concept = page(site.client, f"/concepts?uri={subject}&lang=en")
    section = concept.find("section", data_concept_mappings="1")
    item = section.find("li", data_mapping=site.ids[0])
    assert item.get("data-status") == "accepted" and "Accepted" in item.text
    assert item.find("a").get("href") == f"/concepts?uri={obj.replace(':', '%3A').replace('/', '%2F')}&lang=en"
    # the target concept shows it too, from the other side
    assert page(site.client, f"/concepts?uri={obj}").find("li", data_mapping=site.ids[0])
