"""The editor's concept page (issue #14): changing the English definition keeps the Dutch one,
a language goes only when its "remove" box is ticked, and an emptied field or a removed Dutch
preferred label is refused (422) with the form as typed — on the real werkvormen draft."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from registry.concept_edits import language_values
from tests.pages.dom import parse
from tests.pages.test_editor_pages import WERKVORMEN, Registry, _registry, error_summary, page, post, register, sign_in

AR = "https://w3id.org/eduvoc/vocab/werkvormen/augmented-reality"
PATH = "/editor/vocabularies/werkvormen/concept?" + urlencode({"uri": AR})


@pytest.fixture
def editing(test_settings):
    yield from _registry(test_settings)


def form_of(document) -> dict[str, str]:
    """The form's fields as a browser would send them unchanged (inputs and textareas, no boxes ticked)."""
    form = document.find("form", data_form="concept")
    fields = {i.get("name"): i.get("value") or "" for i in form.find_all("input") if i.get("type") == "text"}
    fields.update({t.get("name"): t.text for t in form.find_all("textarea")})
    return fields


def draft_values(editing: Registry) -> dict:
    return language_values(editing.store, editing.client.app.state.catalogue, "werkvormen", AR)


def test_the_page_changes_only_the_language_edited(editing):
    sign_in(editing.client, editing.editor)
    register(editing.client, "werkvormen", "werkvormen.ttl", WERKVORMEN.read_bytes())
    before = draft_values(editing)
    document = page(editing.client, PATH)
    assert document.find("tr", data_language="nl") and document.find("tr", data_language="en")
    fields = form_of(document)
    assert fields["definitions.nl"] == before["definitions"]["nl"][0]

    unchanged = post(editing.client, PATH, data=fields)
    assert "changed=0" in unchanged.headers["location"]
    post(editing.client, PATH, data={**fields, "definitions.en": "Overlaying digital objects."})
    after = draft_values(editing)
    assert after["definitions"] == {"nl": before["definitions"]["nl"], "en": ["Overlaying digital objects."]}
    assert after["pref_labels"] == before["pref_labels"]
    shown = page(editing.client, PATH + "&changed=1")
    assert shown.find("p", data_changed="1")

    post(editing.client, PATH, data={**fields, "remove": "definitions.en"})
    assert set(draft_values(editing)["definitions"]) == {"nl"}
    post(editing.client, PATH, data={**form_of(page(editing.client, PATH)), "new_language": "de", "new.pref_labels": "Erweiterte Realität"})
    assert draft_values(editing)["pref_labels"]["de"] == ["Erweiterte Realität"]


def test_emptying_a_field_or_removing_the_dutch_label_is_refused_on_the_page(editing):
    sign_in(editing.client, editing.editor)
    register(editing.client, "werkvormen", "werkvormen.ttl", WERKVORMEN.read_bytes())
    before = draft_values(editing)
    fields = form_of(page(editing.client, PATH))

    refused = parse(post(editing.client, PATH, 422, data={**fields, "definitions.en": ""}).text)
    assert "remove" in error_summary(refused).text
    assert refused.find("textarea", name="definitions.en").text == ""  # the form as typed

    dutch = parse(post(editing.client, PATH, 422, data={**fields, "remove": "pref_labels.nl"}).text)
    assert "Dutch" in error_summary(dutch).text
    assert draft_values(editing) == before


def test_another_organisation_may_not_edit(editing):
    sign_in(editing.client, editing.editor)
    register(editing.client, "werkvormen", "werkvormen.ttl", WERKVORMEN.read_bytes())
    sign_in(editing.client, editing.other)
    page(editing.client, PATH, 403)
    post(editing.client, PATH, 403, data={"definitions.en": "x"})
