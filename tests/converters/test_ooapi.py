"""The bundled OOAPI v6 vocabularies match the enumeration YAML files they were built from.

Expected values are read straight from `sources/ooapi-v6/source/enumerations/*.yaml` here, not
from the converter, so a converter bug cannot make its own output look right.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from rdflib import DCTERMS, OWL, RDF, SKOS, Graph, Literal, URIRef

from converters import ooapi

ENUMERATIONS = Path(__file__).resolve().parents[2] / "sources" / "ooapi-v6" / "source" / "enumerations"
ENUMERATION_FILES = sorted(ENUMERATIONS.glob("*.yaml"))
VOCAB = "https://w3id.org/eduvoc/vocab/"

BundledVocabulary = Callable[[str], Graph]


def slug_for(stem: str) -> str:
    """The slug the contract prescribes: `ooapi-` + the enumeration name in kebab-case."""
    return "ooapi-" + re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1-\2", stem)).lower()


def source_codes(path: Path) -> list[str]:
    """The value list of one enumeration file (extensible or, for filterPresence, closed)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [str(code).strip() for code in data.get("x-ooapi-extensible-enum", data.get("enum", []))]


def concepts(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef)}


def label(graph: Graph, concept: URIRef, language: str) -> str | None:
    values = [o for o in graph.objects(concept, SKOS.prefLabel) if isinstance(o, Literal) and o.language == language]
    assert len(values) <= 1, f"{concept} has {len(values)} @{language} prefLabels"
    return str(values[0]) if values else None


def test_all_41_enumerations_are_present() -> None:
    assert len(ENUMERATION_FILES) == 41


@pytest.mark.parametrize(
    ("stem", "slug"),
    [("modeOfDelivery", "ooapi-mode-of-delivery"), ("learningOutcomeLevel", "ooapi-learning-outcome-level"),
     ("ICERelationType", "ooapi-ice-relation-type"), ("levelOfQualification", "ooapi-level-of-qualification")],
)
def test_slug_naming(stem: str, slug: str) -> None:
    assert slug_for(stem) == slug


@pytest.mark.parametrize("path", ENUMERATION_FILES, ids=lambda p: p.stem)
def test_every_code_is_one_concept(path: Path, bundled_vocabulary: BundledVocabulary) -> None:
    slug = slug_for(path.stem)
    graph = bundled_vocabulary(slug)
    codes = source_codes(path)
    scheme = URIRef(VOCAB + slug)
    found = concepts(graph)
    assert len(found) == len(codes)
    assert {URIRef(f"{scheme}/{code}") for code in codes} == found  # all OOAPI codes are IRI-safe
    assert sorted(str(n) for c in found for n in graph.objects(c, SKOS.notation)) == sorted(codes)
    assert set(graph.subjects(RDF.type, SKOS.ConceptScheme)) == {scheme}
    assert set(graph.objects(scheme, SKOS.hasTopConcept)) == found  # flat list
    for concept in found:
        assert (concept, SKOS.inScheme, scheme) in graph
        assert (concept, SKOS.topConceptOf, scheme) in graph
        assert label(graph, concept, "en"), f"{concept} has no English label"
        assert len(list(graph.objects(concept, SKOS.definition))) <= 1


@pytest.mark.parametrize("path", ENUMERATION_FILES, ids=lambda p: p.stem)
def test_dutch_labels_only_where_the_source_gives_them(path: Path, bundled_vocabulary: BundledVocabulary) -> None:
    graph = bundled_vocabulary(slug_for(path.stem))
    text = path.read_text(encoding="utf-8")
    for concept in concepts(graph):
        dutch = label(graph, concept, "nl")
        if dutch is not None:
            assert f"(Dutch: {dutch})" in text, f"{concept}: Dutch label {dutch!r} is not in {path.name}"


@pytest.mark.parametrize("path", ENUMERATION_FILES, ids=lambda p: p.stem)
def test_scheme_states_extensibility(path: Path, bundled_vocabulary: BundledVocabulary) -> None:
    slug = slug_for(path.stem)
    graph = bundled_vocabulary(slug)
    extensible = "x-ooapi-extensible-enum" in yaml.safe_load(path.read_text(encoding="utf-8"))
    description = str(next(o for o in graph.objects(URIRef(VOCAB + slug), DCTERMS.description) if o.language == "en"))
    assert ("extensible enumeration" in description) is extensible
    assert ("'x-'" in description) is extensible


@pytest.mark.parametrize(
    ("slug", "code", "label_en", "definition"),
    [
        ("ooapi-result-state", "completed", "Completed", "The result has been finalised and recorded"),
        ("ooapi-pass-state", "passed", "Passed", "The individual has met the required criteria to pass"),
        ("ooapi-learning-outcome-level", "bloom_4", "Analyse",
         "Draw connections among ideas (differentiate, compare, examine)."),
        ("ooapi-mode-of-delivery", "coil", "COIL",
         "Collaborative Online International Learning; joint, cross-institutional, online delivery "
         "(virtual exchange / co-taught across institutions)"),
        ("ooapi-result-value-type", "grade_0_10_one_decimal", "Grade 0\u201310 one decimal",
         "A result in the 0\u201310 grading system (with one decimal place)."),
    ],
)
def test_known_concepts(slug: str, code: str, label_en: str, definition: str, bundled_vocabulary: BundledVocabulary) -> None:
    graph = bundled_vocabulary(slug)
    concept = URIRef(f"{VOCAB}{slug}/{code}")
    assert (concept, RDF.type, SKOS.Concept) in graph
    assert (concept, SKOS.notation, Literal(code)) in graph
    assert label(graph, concept, "en") == label_en
    assert (concept, SKOS.definition, Literal(definition, lang="en")) in graph


def test_level_dutch_labels(bundled_vocabulary: BundledVocabulary) -> None:
    graph = bundled_vocabulary("ooapi-level")
    base = VOCAB + "ooapi-level/"
    assert label(graph, URIRef(base + "secondary_vocational_education_1"), "nl") == "mbo 1"
    assert label(graph, URIRef(base + "pre_vocational"), "nl") is None  # '(Dutch: mbo)' there names another level
    dutch = {c for c in concepts(graph) if label(graph, c, "nl")}
    assert len(dutch) == 5  # mbo, mbo 1..4


def test_value_without_description_has_no_definition(bundled_vocabulary: BundledVocabulary) -> None:
    graph = bundled_vocabulary("ooapi-qualification-awarded")
    assert not list(graph.objects(URIRef(VOCAB + "ooapi-qualification-awarded/diploma"), SKOS.definition))


def test_no_deprecations_invented(bundled_vocabulary: BundledVocabulary) -> None:
    for path in ENUMERATION_FILES:
        assert not list(bundled_vocabulary(slug_for(path.stem)).subjects(OWL.deprecated, None))


def test_build_matches_committed_files(sources_dir: Path, bundled_vocabulary: BundledVocabulary) -> None:
    built = ooapi.build(sources_dir)
    assert sorted(info.slug for info, _ in built) == sorted(slug_for(p.stem) for p in ENUMERATION_FILES)
    for info, graph in built:
        committed = bundled_vocabulary(info.slug)
        assert len(graph) == len(committed), f"{info.slug}: rebuild gives {len(graph)} triples, file has {len(committed)}"
        assert set(graph) == set(committed), f"{info.slug} is stale; run `python -m converters ooapi`"
