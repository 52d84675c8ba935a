"""The validate-only service: profiles and versions, bad input with a position, a time limit, the
Kennisnet NL-LOM sample, and never a write to the registry store."""

from __future__ import annotations

import pytest
from pyoxigraph import NamedNode

from registry.errors import (
    InvalidInput,
    NotFound,
    QueryTimeout,
    RdfSyntaxError,
    UnsupportedFormat,
)
from registry.metadata import service
from registry.metadata.nl_lom import read_nl_lom
from registry.metadata.service import profiles, validate_metadata
from tests.conftest import SOURCES_DIR
from tests.dataset_descriptions import leerlingen_vo, to_turtle
from tests.registry.metadata.records import (
    DEPRECATED_KERNDOEL,
    REPLACEMENT_KERNDOEL,
    activity,
    as_json,
)

NL_LOM_SAMPLE = SOURCES_DIR / "nl-lom-sample-kennisnet" / "tests" / "Unit" / "Package" / "Model" / "resources" / "metadata.xml"
SLO = "https://opendata.slo.nl/curriculum/uuid/"


def test_the_agreed_profiles_are_available_with_versions():
    names = {(p.name, p.version) for p in profiles()}
    assert {("dataset", "1.0"), ("dcat-ap-nl", "3.0"), ("dcat-ap", "3.0.1"), ("learning-activity", "1.0"), ("learning-resource", "1.0")} <= names
    for profile in profiles():
        assert all(path.exists() for path in profile.shape_files), profile.name
        assert {"nl", "en"} <= set(profile.title)


def test_the_published_dcat_shapes_are_byte_identical_to_the_pinned_sources():
    """dcat-ap and dcat-ap-nl are used as published: straight from sources/, credited."""
    dcat_ap_nl = next(p for p in profiles() if p.name == "dcat-ap-nl")
    assert all("sources" in path.parts for path in dcat_ap_nl.shape_files)
    assert any("CC BY" in credit for credit in dcat_ap_nl.credits)


def test_an_unknown_profile_is_not_found_and_lists_the_available_ones(check):
    with pytest.raises(NotFound) as raised:
        check(b"<a> <b> <c> .", "text/turtle", "dcat-ap-be")
    for name in ("dataset", "dcat-ap-nl", "learning-activity", "learning-resource"):
        assert name in raised.value.message


def test_versions_select_a_profile_and_an_unknown_version_is_not_found(check):
    assert check(as_json(activity()), "application/json", "learning-activity", "1.0").profile.version == "1.0"
    assert check(as_json(activity()), "application/json", "learning-activity", "latest").profile.version == "1.0"
    with pytest.raises(NotFound) as raised:
        check(as_json(activity()), "application/json", "learning-activity", "9.9")
    assert "1.0" in raised.value.message


@pytest.mark.parametrize(("data", "media_type", "where"), [
    (b"@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<a> a dcat:Dataset ;\n  dct:title \"x\" .", "text/turtle", "line 3"),
    (b'{"learner": "abc",\n "learningGoal": }', "application/json", "line 2, column 18"),
    # XML is read by expat first (registry/input_bounds.py: no DTD), which says where it breaks
    (b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>\n<rdf:Description rdf:about='http://a'></rdf:RDF>",
     "application/rdf+xml", "line 2"),
    (b"<lom xmlns='http://ltsc.ieee.org/xsd/LOM'>\n<general>\n</lom>", "application/xml", "line 3"),
])
def test_unparseable_input_says_where(check, data, media_type, where):
    profile = "learning-resource" if media_type == "application/xml" else "learning-activity" if "json" in media_type else "dataset"
    with pytest.raises(RdfSyntaxError) as raised:
        check(data, media_type, profile)
    assert where in raised.value.location


def test_other_bad_input_is_refused_clearly(check):
    with pytest.raises(UnsupportedFormat):
        check(b"a,b\n1,2\n", "text/csv", "dataset")
    with pytest.raises(InvalidInput):
        check(b"   ", "text/turtle", "dataset")
    with pytest.raises(InvalidInput, match="no JSON-LD context"):
        check(b'{"title": "x"}', "application/json", "dataset")
    with pytest.raises(InvalidInput, match="not loaded from the web"):
        check(b'{"@context": "https://elsewhere.example/context.jsonld", "a": 1}', "application/ld+json", "dataset")
    with pytest.raises(InvalidInput, match="DOCTYPE"):
        check(b'<?xml version="1.0"?><!DOCTYPE lom [<!ENTITY x "y">]><lom xmlns="http://ltsc.ieee.org/xsd/LOM"/>', "application/xml", "learning-resource")


def test_validation_never_writes_to_the_registry_store(bundled_registry):
    store, catalogue = bundled_registry

    def snapshot() -> tuple[int, tuple[str, ...]]:
        total = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))["n"].value)
        return total, tuple(sorted(g.value for g in store.named_graphs()))

    before = snapshot()
    validate_metadata(store, catalogue, to_turtle(leerlingen_vo()).encode(), "text/turtle", "dataset")
    validate_metadata(store, catalogue, as_json(activity(learningGoal=DEPRECATED_KERNDOEL)), "application/json", "learning-activity")
    validate_metadata(store, catalogue, NL_LOM_SAMPLE.read_bytes(), "application/xml", "learning-resource")
    assert snapshot() == before


def test_a_validation_that_cannot_finish_in_time_is_a_clear_error(bundled_registry, monkeypatch):
    store, catalogue = bundled_registry

    def slow(*args, **kwargs):
        import time

        time.sleep(0.5)

    monkeypatch.setattr(service, "validate_against", slow)
    with pytest.raises(QueryTimeout, match="did not finish within 0.1 s"):
        validate_metadata(store, catalogue, as_json(activity()), "application/json", "learning-activity", timeout_seconds=0.1)


# --- the Kennisnet NL-LOM sample -------------------------------------------------------------------

def test_the_nl_lom_reader_maps_the_obk_classifications_to_slo_iris():
    triples = read_nl_lom(NL_LOM_SAMPLE.read_bytes())
    by_predicate = {}
    for triple in triples:
        by_predicate.setdefault(triple.predicate.value.rsplit("/", 1)[-1], set()).add(triple.object)
    assert by_predicate["learningGoal"] == {NamedNode(DEPRECATED_KERNDOEL)}
    assert by_predicate["educationLevel"] == {NamedNode(SLO + "2a1401e9-c223-493b-9b86-78f6993b1a8d")}
    assert by_predicate["subjectArea"] == {NamedNode(SLO + "2b363227-8633-4652-ad57-c61f1efc02c8")}
    assert {t.object.value for t in triples if t.predicate.value.endswith("/title")} == {"Metadata Example Item #1"}


def test_the_kennisnet_sample_kerndoel_is_reported_deprecated_with_its_replacement(check):
    validation = check(NL_LOM_SAMPLE.read_bytes(), "application/xml", "learning-resource")
    assert not validation.conforms
    violations = [f for f in validation.report.findings if f.severity.value == "Violation"]
    (deprecated,) = violations
    assert deprecated.check_id == "value-list-deprecated"
    assert deprecated.value.value == DEPRECATED_KERNDOEL
    assert REPLACEMENT_KERNDOEL in deprecated.messages["nl"] and REPLACEMENT_KERNDOEL in deprecated.fix_hints["en"]
    # "Biologie" is an OBK concept SLO does not have: a warning, naming the list it is not in
    (subject,) = [f for f in validation.report.findings if f.value is not None and f.value.value.endswith("2b363227-8633-4652-ad57-c61f1efc02c8")]
    assert subject.severity.value == "Warning" and "slo-vakleergebieden" in subject.messages["en"]
    # the VO level is a current SLO level: no finding
    assert not any(f.value is not None and f.value.value.endswith("2a1401e9-c223-493b-9b86-78f6993b1a8d") for f in validation.report.findings)


def test_the_kennisnet_sample_with_the_replacement_kerndoel_conforms(check):
    fixed = NL_LOM_SAMPLE.read_bytes().replace(b"d357271b-3cfd-40c4-881d-084b71ca05c8", b"cc7113ed-5284-4a62-85a2-e312de34eac9")
    validation = check(fixed, "application/xml", "learning-resource")
    assert validation.conforms


@pytest.mark.parametrize(("profile", "data", "media_type"), [
    ("dataset", b"<https://example.org/a> <http://purl.org/dc/terms/title> \"a\" .", "text/turtle"),
    ("learning-activity", b"<https://example.org/a> <http://purl.org/dc/terms/title> \"a\" .", "text/turtle"),
])
def test_a_document_without_any_record_does_not_conform_vacuously(check, profile, data, media_type):
    validation = check(data, media_type, profile)
    assert not validation.conforms
    assert [f.check_id for f in validation.report.findings] == ["profile-no-record"]


def test_the_published_dcat_profiles_accept_documents_of_any_class(check):
    validation = check(b"<https://example.org/a> <http://purl.org/dc/terms/title> \"a\" .", "text/turtle", "dcat-ap")
    assert validation.conforms
