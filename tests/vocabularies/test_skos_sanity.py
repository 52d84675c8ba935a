"""SKOS sanity of every bundled vocabulary: what any consumer may rely on."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest
from rdflib import DCTERMS, OWL, RDF, SKOS, Graph, URIRef

from tests.conftest import VOCABULARIES_DIR

SLUGS = sorted(path.stem for path in VOCABULARIES_DIR.glob("*.ttl"))
INTERNAL_LINKS = (SKOS.broader, SKOS.narrower, SKOS.related, SKOS.hasTopConcept, SKOS.topConceptOf, SKOS.member, DCTERMS.isReplacedBy)


def the_scheme(graph: Graph) -> URIRef:
    schemes = list(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) == 1, f"expected one scheme, found {schemes}"
    return schemes[0]


def test_there_are_bundled_vocabularies():
    assert len(SLUGS) >= 10


@pytest.mark.parametrize("slug", SLUGS)
def test_the_scheme_has_catalogue_metadata(bundled_vocabulary, slug):
    graph = bundled_vocabulary(slug)
    scheme = the_scheme(graph)
    assert str(graph.value(scheme, DCTERMS.identifier)) == slug
    for prop in (DCTERMS.publisher, DCTERMS.license, DCTERMS.source, OWL.versionInfo):
        assert graph.value(scheme, prop) is not None, prop
    titles = {t.language for t in graph.objects(scheme, DCTERMS.title)}
    assert {"nl", "en"} <= titles


@pytest.mark.parametrize("slug", SLUGS)
def test_every_concept_has_a_preflabel_and_is_in_the_scheme(bundled_vocabulary, slug):
    graph = bundled_vocabulary(slug)
    scheme = the_scheme(graph)
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert concepts, "no concepts"
    without_label = [c for c in concepts if graph.value(c, SKOS.prefLabel) is None]
    outside = [c for c in concepts if (c, SKOS.inScheme, scheme) not in graph]
    assert not without_label[:5] and not outside[:5]


@pytest.mark.parametrize("slug", SLUGS)
def test_at_most_one_preflabel_per_language(bundled_vocabulary, slug):
    graph = bundled_vocabulary(slug)
    counts = Counter((s, o.language) for s, o in graph.subject_objects(SKOS.prefLabel))
    assert [key for key, n in counts.items() if n > 1][:5] == []


@pytest.mark.parametrize("slug", SLUGS)
def test_no_cycles_in_broader(bundled_vocabulary, slug):
    graph = bundled_vocabulary(slug)
    parents: dict = defaultdict(set)
    for child, parent in graph.subject_objects(SKOS.broader):
        parents[child].add(parent)
    state: dict = {}  # 1 = on the current path, 2 = done

    def visit(node, path):
        state[node] = 1
        for parent in parents.get(node, ()):
            if state.get(parent) == 1:
                raise AssertionError(f"cycle: {' -> '.join(map(str, [*path, node, parent]))}")
            if parent not in state:
                visit(parent, [*path, node])
        state[node] = 2

    for node in list(parents):
        if node not in state:
            visit(node, [])


#: the full ESCO split across vocabularies keeps ESCO's hierarchy: a knowledge skill sits under an ISCED-F
#: field, an occupation under an ISCO-08 group (skos:broader/narrower into another bundled vocabulary)
CROSS_VOCABULARY_HIERARCHY = {"esco-skills": ("isced-f-2013",), "esco-occupations": ("isco-08",),
                              "isced-f-2013": ("esco-skills",), "isco-08": ("esco-occupations",)}


@pytest.mark.parametrize("slug", SLUGS)
def test_internal_references_resolve(bundled_vocabulary, slug):
    graph = bundled_vocabulary(slug)
    defined = set(graph.subjects(RDF.type, None))
    dangling = [(s, p, o) for p in INTERNAL_LINKS for s, o in graph.subject_objects(p) if o not in defined]
    if slug in CROSS_VOCABULARY_HIERARCHY:
        elsewhere = {c for other in CROSS_VOCABULARY_HIERARCHY[slug] for c in bundled_vocabulary(other).subjects(RDF.type, SKOS.Concept)}
        dangling = [(s, p, o) for s, p, o in dangling if p in (SKOS.broader, SKOS.narrower) and o not in elsewhere]
    assert dangling[:5] == []


@pytest.mark.parametrize("slug", SLUGS)
def test_top_concepts_are_declared_both_ways(bundled_vocabulary, slug):
    graph = bundled_vocabulary(slug)
    scheme = the_scheme(graph)
    assert set(graph.objects(scheme, SKOS.hasTopConcept)) == set(graph.subjects(SKOS.topConceptOf, scheme))
