"""The curated `werkvormen` vocabulary, checked against its YAML source and the sources its mappings
claim to come from (xAPI Turtle, OOAPI enumeration YAML), never against the converter's own output.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from rdflib import DCTERMS, RDF, SKOS, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from converters import werkvormen

SLUG = "werkvormen"
SCHEME = URIRef(f"https://w3id.org/eduvoc/vocab/{SLUG}")
OOAPI_VOCAB = "https://w3id.org/eduvoc/vocab/ooapi-"
XAPI_ACTIVITY_TYPE = URIRef("https://w3id.org/xapi/ontology#ActivityType")
MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
INTERNAL_LINKS = (SKOS.broader, SKOS.narrower, SKOS.related, SKOS.hasTopConcept, SKOS.topConceptOf, SKOS.member)
#: IEEE 1484.12.1-2002 (LOM) 5.2 Learning Resource Type, the LOMv1.0 value space (the standard's text)
LOM_V1_VALUES = {
    "exercise", "simulation", "questionnaire", "diagram", "figure", "graph", "index", "slide", "table",
    "narrative text", "exam", "experiment", "problem statement", "self assessment", "lecture",
}
NL_LOM_SOURCE = "http://purl.edustandaard.nl/vdex_learningresourcetype_czp_20060628.xml"
#: values of the NL-LOM (CZP) learningresourcetype VDEX as Edurep validates them
NL_LOM_VALUES = {
    "evaluatie- en toetsmateriaal", "gesloten opdracht", "open opdracht",
    "verkennings- en onderzoeksmateriaal", "handleiding", "informatiebron", "gereedschap",
    "professionaliseringsmateriaal",
}


@pytest.fixture(scope="module")
def source(sources_dir: Path) -> dict[str, Any]:
    return yaml.safe_load((sources_dir / "eduvoc" / "werkvormen.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def graph(bundled_vocabulary: Callable[[str], Graph]) -> Graph:
    return bundled_vocabulary(SLUG)


@pytest.fixture(scope="module")
def xapi_activity_types(sources_dir: Path) -> set[URIRef]:
    """Every xAPI activity-type IRI defined in the pinned ADL/SCORM/cmi5/TinCan Turtle files."""
    types: set[URIRef] = set()
    for path in sorted((sources_dir / "xapi-adl-vocabularies").glob("*/*.ttl")):
        types |= set(Graph().parse(path, format="turtle").subjects(RDF.type, XAPI_ACTIVITY_TYPE))
    assert len(types) > 50
    return types


@pytest.fixture(scope="module")
def ooapi_codes(sources_dir: Path) -> dict[str, set[str]]:
    """OOAPI enumeration slug (ooapi-<kebab name>) -> its codes, read from the enumeration YAML."""
    codes: dict[str, set[str]] = {}
    for path in sorted((sources_dir / "ooapi-v6" / "source" / "enumerations").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        values = data.get("x-ooapi-extensible-enum") or data.get("enum") or []
        kebab = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", path.stem).lower()
        codes[f"ooapi-{kebab}"] = {str(v).strip() for v in values}
    assert "ooapi-learning-component-type" in codes
    return codes


def concepts(graph: Graph) -> set[URIRef]:
    return {c for c in graph.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef)}


def iri(concept_id: str) -> URIRef:
    return URIRef(f"{SCHEME}/{concept_id}")


def texts(graph: Graph, subject: URIRef, predicate: URIRef, lang: str) -> list[str]:
    return [str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language == lang]


# --- counts and content against the YAML ----------------------------------------------------------


def test_concept_count_matches_yaml(source: dict[str, Any], graph: Graph) -> None:
    assert len(source["concepts"]) >= 30
    assert concepts(graph) == {iri(c["id"]) for c in source["concepts"]}


def test_labels_definitions_and_notation(source: dict[str, Any], graph: Graph) -> None:
    for concept in source["concepts"]:
        node = iri(concept["id"])
        for lang in ("nl", "en"):
            assert texts(graph, node, SKOS.prefLabel, lang) == [concept["label"][lang]], (node, lang)
            definitions = texts(graph, node, SKOS.definition, lang)
            assert len(definitions) == 1 and len(definitions[0]) > 30, (node, lang)
        assert [str(n) for n in graph.objects(node, SKOS.notation)] == [concept["id"]]
        assert set(graph.objects(node, SKOS.inScheme)) == {SCHEME}


def test_dutch_alt_labels_from_yaml(source: dict[str, Any], graph: Graph) -> None:
    expected = sum(len((c.get("alt") or {}).get("nl", [])) for c in source["concepts"])
    assert expected >= 30
    assert len([o for o in graph.objects(None, SKOS.altLabel) if o.language == "nl"]) == expected


def test_preferred_labels_are_unique_per_language(graph: Graph) -> None:
    for lang in ("nl", "en"):
        labels = [str(o).lower() for o in graph.objects(None, SKOS.prefLabel) if o.language == lang]
        assert len(labels) == len(set(labels)), lang


def test_hierarchy_matches_yaml(source: dict[str, Any], graph: Graph) -> None:
    tops = {iri(c["id"]) for c in source["concepts"] if not c.get("broader")}
    assert set(graph.objects(SCHEME, SKOS.hasTopConcept)) == tops
    assert set(graph.subjects(SKOS.topConceptOf, SCHEME)) == tops
    for concept in source["concepts"]:
        parents = {iri(b) for b in concept.get("broader") or []}
        assert set(graph.objects(iri(concept["id"]), SKOS.broader)) == parents
    assert set(graph.subject_objects(SKOS.narrower)) == {(p, c) for c, p in graph.subject_objects(SKOS.broader)}


def test_expected_structure(graph: Graph) -> None:
    """The top concepts and narrower groups the list is meant to have."""
    tops = {str(c).rsplit("/", 1)[-1] for c in graph.objects(SCHEME, SKOS.hasTopConcept)}
    assert {
        "instructie", "oefenen", "samenwerkend-leren", "onderzoekend-leren", "toetsing", "werkplekleren",
        "simulatie", "zelfstandig-werken", "projectonderwijs", "discussie-en-reflectie",
    } <= tops
    narrower = {
        "toetsing": {"formatief-evalueren", "summatief-toetsen"},
        "werkplekleren": {"stage", "beroepspraktijkvorming"},
        "simulatie": {"xr-simulatie", "rollenspel", "serious-game"},
        "xr-simulatie": {"virtual-reality", "augmented-reality"},
    }
    for parent, children in narrower.items():
        assert {iri(c) for c in children} <= set(graph.objects(iri(parent), SKOS.narrower)), parent


def test_no_broader_cycles(graph: Graph) -> None:
    for concept in concepts(graph):
        seen: set[URIRef] = set()
        frontier = set(graph.objects(concept, SKOS.broader))
        while frontier:
            assert concept not in frontier
            seen |= frontier
            frontier = {p for node in frontier for p in graph.objects(node, SKOS.broader)} - seen


def test_internal_links_are_defined_in_the_file(graph: Graph) -> None:
    defined = concepts(graph) | {SCHEME}
    for link in INTERNAL_LINKS:
        for subject, target in graph.subject_objects(link):
            assert subject in defined and target in defined, (subject, link, target)


# --- mappings, verified against the sources they claim to come from -----------------------------


def test_mappings_match_yaml(source: dict[str, Any], graph: Graph) -> None:
    expected = sum(len(c.get("matches") or []) for c in source["concepts"])
    assert expected >= 20
    assert sum(1 for p in MAPPINGS for _ in graph.subject_objects(p)) == expected


def test_xapi_targets_exist_in_xapi_sources(graph: Graph, xapi_activity_types: set[URIRef]) -> None:
    targets = {o for p in MAPPINGS for o in graph.objects(None, p) if not str(o).startswith(OOAPI_VOCAB)}
    assert {URIRef("http://adlnet.gov/expapi/activities/simulation"),
            URIRef("http://adlnet.gov/expapi/activities/assessment"),
            URIRef("http://adlnet.gov/expapi/activities/lesson")} <= targets
    assert targets <= xapi_activity_types, targets - xapi_activity_types


def test_ooapi_targets_exist_in_ooapi_enumerations(graph: Graph, ooapi_codes: dict[str, set[str]]) -> None:
    targets = [str(o) for p in MAPPINGS for o in graph.objects(None, p) if str(o).startswith(OOAPI_VOCAB)]
    assert len(targets) >= 15
    for target in targets:
        slug, code = target[len("https://w3id.org/eduvoc/vocab/"):].split("/", 1)
        assert code in ooapi_codes.get(slug, set()), target


def test_ooapi_targets_are_bundled_concepts(graph: Graph, bundled_vocabulary: Callable[[str], Graph]) -> None:
    """Cross-check with the OOAPI converter's output, where it has been built."""
    by_slug: dict[str, set[URIRef]] = {}
    for target in {o for p in MAPPINGS for o in graph.objects(None, p) if str(o).startswith(OOAPI_VOCAB)}:
        by_slug.setdefault(str(target).split("/")[-2], set()).add(target)
    for slug, targets in by_slug.items():
        try:
            bundled = bundled_vocabulary(slug)
        except FileNotFoundError:
            pytest.skip(f"{slug} not bundled yet")
        assert targets <= concepts(bundled), targets - concepts(bundled)


def test_one_relation_per_target(graph: Graph) -> None:
    """A concept never maps to the same target with two different SKOS mapping properties."""
    pairs = [(s, o) for p in MAPPINGS for s, o in graph.subject_objects(p)]
    assert len(pairs) == len(set(pairs))


def test_lom_relations_are_notes_with_real_lom_values(source: dict[str, Any], graph: Graph) -> None:
    entries = [e for c in source["concepts"] for e in c.get("lom") or []]
    assert entries
    for entry in entries:
        allowed = LOM_V1_VALUES if entry["source"] == "LOMv1.0" else NL_LOM_VALUES
        assert entry["source"] in ("LOMv1.0", NL_LOM_SOURCE) and entry["value"] in allowed, entry
    notes = [str(n) for n in graph.objects(None, SKOS.editorialNote) if "LOM learningResourceType" in n]
    assert len(notes) == len(entries)
    assert not [o for p in MAPPINGS for o in graph.objects(None, p) if "lom" in str(o).lower()]


# --- scheme metadata and rebuild ----------------------------------------------------------------


def test_scheme_says_it_is_a_proposal(graph: Graph) -> None:
    assert "voorstel" in " ".join(texts(graph, SCHEME, DCTERMS.description, "nl")).lower()
    assert "proposal" in " ".join(texts(graph, SCHEME, DCTERMS.description, "en")).lower()
    assert graph.value(SCHEME, DCTERMS.publisher) == URIRef("https://w3id.org/eduvoc/org/eduvoc")
    assert graph.value(SCHEME, DCTERMS.license) == URIRef("http://spdx.org/licenses/CC-BY-4.0")
    assert (SCHEME, URIRef("http://www.w3.org/ns/adms#status"),
            URIRef("http://purl.org/adms/status/UnderDevelopment")) in graph


def test_build_reproduces_committed_file(sources_dir: Path, graph: Graph) -> None:
    [(info, built)] = werkvormen.build(sources_dir)
    assert info.slug == SLUG
    assert len(built) == len(graph)
    assert isomorphic(built, graph)


# --- the converter refuses broken input ---------------------------------------------------------

BASE_SPEC = {
    "scheme": {"slug": "t", "version": "0", "title": {"nl": "t", "en": "t"}, "description": {"nl": "d", "en": "d"}},
}


def concept(concept_id: str, **extra: Any) -> dict[str, Any]:
    return {"id": concept_id, "label": {"nl": concept_id, "en": concept_id},
            "definition": {"nl": "d", "en": "d"}, **extra}


@pytest.mark.parametrize(
    ("concepts_spec", "message"),
    [
        ([concept("a", broader=["b"]), concept("b", broader=["a"])], "cycle"),
        ([concept("a", broader=["missing"])], "unknown broader"),
        ([concept("a"), concept("a")], "duplicate"),
        ([{**concept("a"), "definition": {"nl": "alleen nl"}}], "nl and en"),
        ([concept("a", matches=[{"relation": "closeMatch", "lom": "x"}])], "unknown mapping source"),
        ([concept("a", matches=[{"relation": "sameAs", "xapi": "http://example.org/x"}])], "unknown mapping relation"),
    ],
)
def test_converter_rejects_invalid_source(concepts_spec: list[dict[str, Any]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        werkvormen.build_curated_scheme({**BASE_SPEC, "concepts": concepts_spec}, "t.yaml")
