"""The bundled `learning-outcomes` vocabulary against its sources (ESCO DigComp CSV, ELM 3, OOAPI v6).

Expected values come straight from the source files, not from the converter.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from rdflib import RDF, SKOS, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS

SLUG = "learning-outcomes"
SCHEME = URIRef("https://w3id.org/eduvoc/vocab/learning-outcomes")
ELM = Namespace("http://data.europa.eu/snb/model/elm/")
COMPLEXITY_LEVEL = URIRef("https://w3id.org/eduvoc/def/complexityLevel")
OOAPI_LEVEL_BASE = "https://w3id.org/eduvoc/vocab/ooapi-learning-outcome-level/"


def esco_rows(sources: Path, name: str) -> list[dict[str, str]]:
    csv.field_size_limit(2**31 - 1)
    with (sources / "esco-v1.2-en-csv-subset" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def uris(cell: str) -> list[str]:
    return [part.strip() for part in re.split(r"[|,\n]", cell or "") if part.strip()]


@pytest.fixture(scope="module")
def graph(bundled_vocabulary: Callable[[str], Graph]) -> Graph:
    return bundled_vocabulary(SLUG)


@pytest.fixture(scope="module")
def digcomp(sources_dir: Path) -> dict[str, dict[str, str]]:
    return {row["conceptUri"]: row for row in esco_rows(sources_dir, "digCompSkillsCollection_en.csv")}


@pytest.fixture(scope="module")
def esco_of(graph: Graph) -> dict[URIRef, str]:
    """Outcome -> the ESCO skill it matches (exactly one each)."""
    result: dict[URIRef, str] = {}
    for outcome in graph.subjects(RDF.type, SKOS.Concept):
        [match] = list(graph.objects(outcome, SKOS.exactMatch))
        result[outcome] = str(match)
    return result


def test_one_outcome_per_digcomp_skill(graph, digcomp, esco_of) -> None:
    assert len(digcomp) == 25
    assert len(esco_of) == len(digcomp)
    assert set(esco_of.values()) == set(digcomp)
    assert all(str(o).startswith(str(SCHEME) + "/") for o in esco_of)
    assert all((o, SKOS.inScheme, SCHEME) in graph for o in esco_of)


def test_outcomes_carry_the_esco_label_and_description(graph, digcomp, esco_of) -> None:
    for outcome, skill in esco_of.items():
        row = digcomp[skill]
        [label] = graph.objects(outcome, SKOS.prefLabel)
        assert (str(label), label.language) == (row["preferredLabel"], "en")
        assert graph.value(outcome, DCTERMS.title) == label
        assert str(graph.value(outcome, SKOS.definition)) == row["description"].strip()
        assert (outcome, ELM.relatedESCOSkill, URIRef(skill)) in graph


def test_outcomes_are_elm_learning_outcomes(graph, sources_dir, esco_of) -> None:
    elm = Graph().parse(sources_dir / "elm-3" / "rdf" / "ontology" / "ELM.ttl", format="turtle")
    assert (ELM.LearningOutcome, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in elm
    for prop in (ELM.relatedESCOSkill, ELM.reusabilityLevel):
        assert (prop, RDF.type, RDF.Property) in elm
    assert all((o, RDF.type, ELM.LearningOutcome) in graph for o in esco_of)


def test_top_concepts_are_the_esco_digcomp_areas(graph, sources_dir, esco_of) -> None:
    schemes = {row["conceptSchemeUri"]: row for row in esco_rows(sources_dir, "conceptSchemes_en.csv")}
    areas = set(uris(schemes["http://data.europa.eu/esco/concept-scheme/digcomp"]["hasTopConcept"]))
    tops = set(graph.objects(SCHEME, SKOS.hasTopConcept))
    assert len(areas) == 5
    assert {esco_of[t] for t in tops} == areas
    assert set(graph.subjects(SKOS.topConceptOf, SCHEME)) == tops


def test_hierarchy_is_esco_broader_within_digcomp(graph, digcomp, esco_of) -> None:
    expected = {(skill, parent) for skill, row in digcomp.items()
                for parent in uris(row["broaderConceptUri"]) if parent in digcomp}
    assert len(expected) == 20  # every competence sits under exactly one area
    broader = {(esco_of[s], esco_of[o]) for s, o in graph.subject_objects(SKOS.broader)}
    narrower = {(esco_of[o], esco_of[s]) for s, o in graph.subject_objects(SKOS.narrower)}
    assert broader == expected == narrower


def test_exact_matches_point_to_concepts_of_esco_skills(bundled_vocabulary, esco_of) -> None:
    esco = bundled_vocabulary("esco-skills")
    assert all((URIRef(skill), RDF.type, SKOS.Concept) in esco for skill in esco_of.values())


def test_no_level_concepts_made_here_and_no_levels_invented(graph, sources_dir) -> None:
    """Level concepts belong to the OOAPI converter; DigComp gives no Bloom/SOLO level."""
    enum = yaml.safe_load((sources_dir / "ooapi-v6/source/enumerations/learningOutcomeLevel.yaml").read_text())
    codes = set(enum["x-ooapi-extensible-enum"])
    assert {"bloom_1", "solo_4"} <= codes
    assert not [s for s in graph.subjects() if str(s).startswith(OOAPI_LEVEL_BASE)]
    levels = list(graph.objects(None, COMPLEXITY_LEVEL))
    assert all(str(level).removeprefix(OOAPI_LEVEL_BASE) in codes for level in levels)
    assert levels == []


def test_scheme_is_eduvoc_made_and_honest(graph) -> None:
    assert len(set(graph.subjects(RDF.type, SKOS.ConceptScheme))) == 1
    assert graph.value(SCHEME, DCTERMS.publisher) == URIRef("https://w3id.org/eduvoc/org/eduvoc")
    descriptions = {d.language: str(d) for d in graph.objects(SCHEME, DCTERMS.description)}
    assert "not an official DigComp publication" in descriptions["en"]
    assert "geen Nederlandse labels" in descriptions["nl"]


def test_build_matches_the_committed_file(graph, sources_dir) -> None:
    from converters.learning_outcomes import build

    [(info, built)] = build(sources_dir)
    assert info.slug == SLUG
    assert len(built) == len(graph)
