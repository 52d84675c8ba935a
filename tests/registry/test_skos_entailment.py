"""SKOS entailments applied at load (issue #14): `topConceptOf` ⊑ `inScheme`, `hasTopConcept` =
`^topConceptOf`, `narrower` = `^broader` — on real vocabularies that write only one side: VocPub's
build example (top concepts by `skos:topConceptOf` only), NL-SBB's thesaurus and VocPub's registry
statuses (`skos:broader` only), and werkvormen rewritten by code to list its top concepts by the
scheme's `skos:hasTopConcept` only. Listings, counts and quality checks see the entailed statements."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import NamedNode, Quad, RdfFormat, Variable, parse, serialize

from api.app import create_app
from registry.formats import format_named
from registry.hierarchy import concept_page
from registry.loading import register_vocabulary
from registry.oxigraph_store import OxigraphStore
from registry.quality import check_vocabulary
from registry.skos_entailment import materialise
from tests.conftest import VOCABULARIES_DIR

DATA = Path("/work/shared/data")
VOCPUB_BUILD = DATA / "vocpub-profile" / "examples" / "02-valid-build.ttl"
NL_SBB = DATA / "nl-sbb" / "concepts" / "thesaurus.ttl"
REGISTRY_STATUSES = DATA / "vocpub-profile" / "vocs" / "registry-statuses.ttl"
SKOS = "http://www.w3.org/2004/02/skos/core#"
TYPE, CONCEPT = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), NamedNode(SKOS + "Concept")
IN_SCHEME, TOP_OF, HAS_TOP = NamedNode(SKOS + "inScheme"), NamedNode(SKOS + "topConceptOf"), NamedNode(SKOS + "hasTopConcept")
BROADER, NARROWER = NamedNode(SKOS + "broader"), NamedNode(SKOS + "narrower")
TURTLE = format_named("turtle")


def triples(path: Path) -> list:
    return list(parse(path=path, format=RdfFormat.TURTLE))


def load(empty_registry, source: Path | bytes, slug: str):
    store, catalogue = empty_registry
    data = source if isinstance(source, Path) else io.BytesIO(source)
    report = register_vocabulary(store, catalogue, data, TURTLE, slug=slug, source_name=f"{slug}.ttl")
    return store, catalogue, NamedNode(report.graph), NamedNode(report.scheme)


def has(store, graph, s, p, o) -> bool:
    return bool(store.query("ASK { ?s ?p ?o }", substitutions={Variable("s"): s, Variable("p"): p, Variable("o"): o}, default_graph=[graph]))


def in_scheme_findings(report) -> set[str]:
    return {f.focus_node.value for f in report.findings if f.check_id == "concept-in-scheme"}


def has_top_concept_only() -> bytes:
    """werkvormen with its top concepts named only by the scheme's skos:hasTopConcept: the
    concepts' own skos:topConceptOf and skos:inScheme removed (the rest as the file has it)."""
    source = triples(VOCABULARIES_DIR / "werkvormen.ttl")
    tops = {t.object for t in source if t.predicate == HAS_TOP}
    kept = [t for t in source if not (t.subject in tops and t.predicate in (TOP_OF, IN_SCHEME))]
    assert len(kept) == len(source) - 2 * len(tops) and tops
    return serialize(kept, format=RdfFormat.TURTLE)


@pytest.mark.parametrize("path", sorted(VOCABULARIES_DIR.glob("*.ttl")), ids=lambda p: p.stem)
def test_bundled_vocabularies_already_write_both_sides(path: Path):
    store, graph = OxigraphStore(), NamedNode("https://example.org/graph")
    store.bulk_load(path, TURTLE, graph, None)
    before = len(list(store.query("SELECT * WHERE { ?s ?p ?o }", default_graph=[graph])))
    materialise(store, graph)
    assert len(list(store.query("SELECT * WHERE { ?s ?p ?o }", default_graph=[graph]))) == before


def test_top_concept_of_alone_puts_a_concept_in_its_scheme(empty_registry):
    source = triples(VOCPUB_BUILD)
    tops = {t.subject for t in source if t.predicate == TOP_OF}
    assert len(tops) == 4 and not any(t.predicate == IN_SCHEME for t in source)
    store, catalogue, graph, scheme = load(empty_registry, VOCPUB_BUILD, "vocpub-build")
    listed = concept_page(store, [graph], "in_scheme", scheme, "en", 0, 100)
    assert {c.iri for c in listed.items} == {t.value for t in tops}
    assert {t.value for t in tops} & in_scheme_findings(check_vocabulary(store, graph)) == set()
    assert all(has(store, graph, scheme, HAS_TOP, top) for top in tops)


def test_has_top_concept_alone_lists_counts_checks_and_publishes(empty_registry, test_settings):
    store, catalogue, graph, scheme = load(empty_registry, has_top_concept_only(), "werkvormen")
    concepts = {t.subject.value for t in triples(VOCABULARIES_DIR / "werkvormen.ttl") if t.predicate == TYPE and t.object == CONCEPT}
    assert catalogue.vocabulary("werkvormen").concept_count == len(concepts)
    report = check_vocabulary(store, graph)
    assert in_scheme_findings(report) == set() and not report.blocks_publication
    with TestClient(create_app(test_settings, store=store)) as client:
        page = client.get("/api/vocabularies/werkvormen/concepts", params={"limit": 100}).json()
        assert page["count"] == len(concepts)
        assert client.get("/api/vocabularies/werkvormen/top-concepts").json()["count"] > 0


def test_the_duplicate_label_check_sees_top_concepts_named_by_the_scheme(empty_registry):
    source = triples(VOCABULARIES_DIR / "werkvormen.ttl")
    first, second = sorted({t.object for t in source if t.predicate == HAS_TOP}, key=lambda n: n.value)[:2]
    label = next(t.object for t in source if t.subject == first and t.predicate.value == SKOS + "prefLabel" and t.object.language == "nl")
    rewritten = [t for t in source if not (t.subject in (first, second) and t.predicate in (TOP_OF, IN_SCHEME))
                 and not (t.subject == second and t.predicate.value == SKOS + "prefLabel" and t.object.language == "nl")]
    rewritten.append(Quad(second, NamedNode(SKOS + "prefLabel"), label).triple)
    store, _, graph, _ = load(empty_registry, serialize(rewritten, format=RdfFormat.TURTLE), "werkvormen")
    conflicts = {f.focus_node.value for f in check_vocabulary(store, graph).findings if f.check_id == "preflabel-conflict"}
    assert {first.value, second.value} <= conflicts


@pytest.mark.parametrize("path", [NL_SBB, REGISTRY_STATUSES], ids=["nl-sbb-thesaurus", "vocpub-registry-statuses"])
def test_broader_alone_gives_narrower(empty_registry, path: Path):
    source = triples(path)
    broader = [(t.subject, t.object) for t in source if t.predicate == BROADER]
    assert broader and not any(t.predicate == NARROWER for t in source)
    store, _, graph, _ = load(empty_registry, path, path.stem.lower())
    assert all(has(store, graph, parent, NARROWER, child) for child, parent in broader)
    child, parent = broader[0]
    children = concept_page(store, [graph], "children", parent, "en", 0, 100)
    assert child.value in {c.iri for c in children.items}


def test_an_inverse_is_never_written_about_a_concept_the_file_does_not_describe(empty_registry):
    """ISCED-F fields name ESCO skills as `skos:narrower`; the ISCED-F version graph must not gain
    `skill skos:broader field` (a statement about esco-skills' concepts: registry/ownership.py)."""
    store, _, graph, _ = load(empty_registry, VOCABULARIES_DIR / "isced-f-2013.ttl", "isced-f-2013")
    narrower_targets = {row["n"] for row in store.query(
        "SELECT DISTINCT ?n WHERE { ?b <http://www.w3.org/2004/02/skos/core#narrower> ?n }", default_graph=[graph])}
    described = {row["s"] for row in store.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o }", default_graph=[graph])}
    outside = narrower_targets - described
    assert outside, "the file names concepts of another vocabulary as narrower"
    assert all(node.value.startswith("http://data.europa.eu/esco/skill/") for node in outside)
