"""The eduvoc ontology (`ontology/eduvoc.ttl`): well-formed, documented in nl+en, no duplicates of
the standard vocabularies, and covering every eduvoc: term the bundled vocabularies and the registry use.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib import namespace as rdf_namespaces
from rdflib.namespace import DCTERMS

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_FILE = PROJECT_ROOT / "ontology" / "eduvoc.ttl"
VOCABULARIES_DIR = PROJECT_ROOT / "vocabularies"
EDUVOC_DEF = Namespace("https://w3id.org/eduvoc/def/")
ONTOLOGY = URIRef("https://w3id.org/eduvoc/def")
CC_BY_4 = {URIRef("http://spdx.org/licenses/CC-BY-4.0"), URIRef("https://creativecommons.org/licenses/by/4.0/")}
TERM_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
#: ADMS (W3C note 2013) term names; rdflib ships no ADMS namespace
ADMS_TERMS = {
    "Asset", "AssetDistribution", "AssetRepository", "Identifier", "identifier", "includedAsset",
    "interoperabilityLevel", "last", "next", "prev", "representationTechnique", "sample",
    "schemaAgency", "status", "supportedSchema", "translation", "versionNotes",
}
#: terms the brief asks for (the data-sharing role is deliberately NOT a term: prov/dcat qualified attribution)
REQUIRED_TERMS = {
    "aggregationLevel", "purposeOfUse", "containsPersonalData", "legalBasis", "population",
    "Population", "unitOfMeasure", "educationSector", "educationLevel", "subjectArea",
}
#: eduvoc term -> (standard term with the same local name, how comments cite it): a different meaning
SAME_NAME_DIFFERENT_MEANING = {
    EDUVOC_DEF.educationLevel: (DCTERMS.educationLevel, "dct:educationLevel"),
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def in_namespace(node: object) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(str(EDUVOC_DEF)) and node != EDUVOC_DEF


def declared_terms(graph: Graph) -> set[URIRef]:
    """eduvoc: IRIs typed as an OWL class or property."""
    return {s for t in TERM_TYPES for s in graph.subjects(RDF.type, t) if in_namespace(s)}


def used_terms(graph: Graph) -> set[URIRef]:
    """Every eduvoc: IRI a graph uses, in any position."""
    return {node for triple in graph for node in triple if in_namespace(node)}


def language_values(graph: Graph, subject: URIRef, predicate: URIRef) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for value in graph.objects(subject, predicate):
        if isinstance(value, Literal) and value.language:
            values.setdefault(value.language, []).append(str(value))
    return values


def standard_term_names() -> set[str]:
    """Lower-cased local names of DCTERMS, DCAT, SKOS, PROV, ODRL and ADMS terms."""
    names = set(ADMS_TERMS)
    for namespace in (DCTERMS, rdf_namespaces.DCAT, SKOS, rdf_namespaces.PROV, rdf_namespaces.ODRL2):
        names.update(namespace.__annotations__)
    return {name.lower() for name in names}


# --- the ontology itself -------------------------------------------------------------------------


def test_header(ontology: Graph) -> None:
    assert set(ontology.subjects(RDF.type, OWL.Ontology)) == {ONTOLOGY}
    assert ontology.value(ONTOLOGY, OWL.versionInfo) is not None
    assert ontology.value(ONTOLOGY, DCTERMS.license) in CC_BY_4
    assert ontology.value(ONTOLOGY, DCTERMS.creator) is not None
    assert set(language_values(ontology, ONTOLOGY, DCTERMS.title)) >= {"nl", "en"}


def test_required_terms_declared(ontology: Graph) -> None:
    names = {str(term)[len(str(EDUVOC_DEF)):] for term in declared_terms(ontology)}
    assert REQUIRED_TERMS <= names, REQUIRED_TERMS - names


def test_every_namespace_subject_is_a_declared_term(ontology: Graph) -> None:
    subjects = {s for s in ontology.subjects() if in_namespace(s)}
    assert subjects == declared_terms(ontology)


@pytest.mark.parametrize("predicate", [RDFS.label, SKOS.definition])
def test_terms_have_one_dutch_and_one_english_text(ontology: Graph, predicate: URIRef) -> None:
    for term in declared_terms(ontology):
        values = language_values(ontology, term, predicate)
        assert len(values.get("nl", [])) == 1 and len(values.get("en", [])) == 1, (term, predicate, values)


def test_terms_are_defined_by_the_ontology(ontology: Graph) -> None:
    for term in declared_terms(ontology):
        assert set(ontology.objects(term, RDFS.isDefinedBy)) == {ONTOLOGY}, term


def test_property_kinds_and_ranges(ontology: Graph) -> None:
    """Datatype properties range over XSD types (or rdf:langString); object properties never do."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for term in declared_terms(ontology):
        ranges = [str(r) for r in ontology.objects(term, RDFS.range)]
        if (term, RDF.type, OWL.DatatypeProperty) in ontology:
            assert ranges and all(r.startswith(xsd) or r == str(RDF.langString) for r in ranges), term
        if (term, RDF.type, OWL.ObjectProperty) in ontology:
            assert not any(r.startswith(xsd) for r in ranges), term


def test_eduvoc_terms_referenced_inside_the_ontology_are_declared(ontology: Graph) -> None:
    assert used_terms(ontology) <= declared_terms(ontology)


def test_no_term_duplicates_a_standard_term_name(ontology: Graph) -> None:
    """A name shared with a standard term is allowed only as a documented, different meaning:
    listed in SAME_NAME_DIFFERENT_MEANING, with rdfs:seeAlso to that term and a comment naming it."""
    taken = standard_term_names()
    assert {"hadrole", "purpose", "publisher", "wasattributedto"} <= taken  # the lists really loaded
    clashes = {t for t in declared_terms(ontology) if str(t)[len(str(EDUVOC_DEF)):].lower() in taken}
    assert clashes == set(SAME_NAME_DIFFERENT_MEANING)
    for term, (standard, prefixed) in SAME_NAME_DIFFERENT_MEANING.items():
        assert (term, RDFS.seeAlso, standard) in ontology
        comments = language_values(ontology, term, RDFS.comment)
        assert all(any(prefixed in text for text in comments.get(lang, [])) for lang in ("nl", "en")), term


def test_data_sharing_role_reuses_qualified_attribution(ontology: Graph) -> None:
    """No own role property: roles go through prov:qualifiedAttribution + dcat:hadRole."""
    names = {str(t)[len(str(EDUVOC_DEF)):].lower() for t in declared_terms(ontology)}
    assert not {"datasharingrole", "hadrole", "role"} & names
    description = " ".join(str(d) for d in ontology.objects(ONTOLOGY, DCTERMS.description))
    assert "prov:qualifiedAttribution" in description and "dcat:hadRole" in description


# --- coverage of what others use ---------------------------------------------------------------


def vocabulary_files_using_the_namespace() -> list[Path]:
    """Bundled files that mention the eduvoc def namespace at all (a cheap text check first)."""
    return [
        path for path in sorted(VOCABULARIES_DIR.glob("*.ttl"))
        if str(EDUVOC_DEF) in path.read_text(encoding="utf-8")
    ]


def test_terms_used_by_bundled_vocabularies_are_declared(
    ontology: Graph, bundled_vocabulary: Callable[[str], Graph]
) -> None:
    declared = declared_terms(ontology)
    missing: dict[str, set[str]] = {}
    for path in vocabulary_files_using_the_namespace():
        undeclared = used_terms(bundled_vocabulary(path.stem)) - declared
        if undeclared:
            missing[path.name] = {str(t) for t in undeclared}
    assert not missing


def test_terms_the_registry_writes_are_declared(ontology: Graph) -> None:
    """Every `EDUVOC_DEF + "term"` in the registry's code (catalogue, releases, tokens, audit)."""
    import re

    from tests.conftest import PROJECT_ROOT

    pattern = re.compile(r'EDUVOC_DEF \+ "([A-Za-z]+)"')
    terms = {
        EDUVOC_DEF[name]
        for path in (PROJECT_ROOT / "registry").rglob("*.py")
        for name in pattern.findall(path.read_text(encoding="utf-8"))
    }
    assert len(terms) >= 10, "the scan found too few terms to be working"
    assert terms <= declared_terms(ontology), terms - declared_terms(ontology)


def test_coverage_check_detects_an_undeclared_term(ontology: Graph) -> None:
    """The coverage check itself can fail: an invented eduvoc: predicate is reported."""
    probe = Graph()
    probe.add((URIRef("https://example.org/x"), EDUVOC_DEF.notARealTerm, Literal("x")))
    probe.add((URIRef("https://example.org/x"), EDUVOC_DEF.educationLevel, URIRef("https://example.org/y")))
    assert used_terms(probe) - declared_terms(ontology) == {EDUVOC_DEF.notARealTerm}
