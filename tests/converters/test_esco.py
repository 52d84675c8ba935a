"""The bundled `esco-skills` vocabulary against the ESCO CSV subset it is built from.

Expected values are computed straight from the CSV files (not through the converter), so a
converter bug or a stale `vocabularies/esco-skills.ttl` makes these tests fail.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDF, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

SLUG = "esco-skills"
SCHEME = URIRef("http://data.europa.eu/esco/concept-scheme/skills")
COLLECTION_BASE = "https://w3id.org/eduvoc/vocab/esco-skills/collection-"
COLLECTION_FILES = {
    "digcomp": "digCompSkillsCollection_en.csv",
    "green": "greenSkillsCollection_en.csv",
    "language": "languageSkillsCollection_en.csv",
    "research": "researchSkillsCollection_en.csv",
    "transversal": "transversalSkillsCollection_en.csv",
}
SOLVE_TECHNICAL_PROBLEMS = URIRef("http://data.europa.eu/esco/skill/14832d87-2f2f-4895-b290-e4760ebae42a")
PROBLEM_SOLVING_WITH_DIGITAL_TOOLS = URIRef("http://data.europa.eu/esco/skill/7e5147d1-60b1-4a68-804b-1f5cb0396b91")
WASTE_GROUP = URIRef("http://data.europa.eu/esco/skill/15dfca7a-5dde-4199-bad3-c00600387258")


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    csv.field_size_limit(2**31 - 1)
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def uris(cell: str) -> list[str]:
    return [part.strip() for part in re.split(r"\||\n", cell or "") if part.strip()]


@pytest.fixture(scope="module")
def esco_dir(sources_dir: Path) -> Path:
    return sources_dir / "esco-v1.2-en-csv-subset"


@pytest.fixture(scope="module")
def graph(bundled_vocabulary: Callable[[str], Graph]) -> Graph:
    return bundled_vocabulary(SLUG)


@pytest.fixture(scope="module")
def collections(esco_dir: Path) -> dict[str, list[dict[str, str]]]:
    return {key: rows(esco_dir, name) for key, name in COLLECTION_FILES.items()}


@pytest.fixture(scope="module")
def group_uris(esco_dir: Path) -> set[str]:
    return {row["conceptUri"] for row in rows(esco_dir, "skillGroups_en.csv")}


def concepts(graph: Graph) -> set[str]:
    return {str(subject) for subject in graph.subjects(RDF.type, SKOS.Concept)}


def test_concepts_are_the_skill_groups_plus_all_collection_skills(graph, group_uris, collections) -> None:
    skills = {row["conceptUri"] for members in collections.values() for row in members}
    assert len(group_uris) == 640
    assert concepts(graph) == group_uris | skills
    assert all((URIRef(c), SKOS.inScheme, SCHEME) in graph for c in concepts(graph))


def test_top_concepts_are_the_four_level_0_groups(graph, esco_dir) -> None:
    roots = {row["Level 0 URI"] for row in rows(esco_dir, "skillsHierarchy_en.csv")}
    schemes = {row["conceptSchemeUri"]: row for row in rows(esco_dir, "conceptSchemes_en.csv")}
    esco_tops = set(uris(schemes["http://data.europa.eu/esco/concept-scheme/skills-hierarchy"]["hasTopConcept"].replace(",", "\n")))
    assert len(roots) == 4 and roots == esco_tops
    assert {str(o) for o in graph.objects(SCHEME, SKOS.hasTopConcept)} == roots
    assert {str(s) for s in graph.subjects(SKOS.topConceptOf, SCHEME)} == roots


def test_hierarchy_is_the_csv_hierarchy_plus_in_subset_skill_broaders(graph, esco_dir, group_uris, collections) -> None:
    expected: set[tuple[str, str]] = set()
    for row in rows(esco_dir, "skillsHierarchy_en.csv"):
        path = [row[f"Level {level} URI"] for level in range(4) if row[f"Level {level} URI"]]
        expected.update(zip(path[1:], path[:-1], strict=True))
    assert len(expected) == 636  # a tree: every group but the 4 roots has one parent
    known = group_uris | {row["conceptUri"] for members in collections.values() for row in members}
    for members in collections.values():
        for row in members:
            expected.update((row["conceptUri"], parent) for parent in uris(row["broaderConceptUri"]) if parent in known)
    broader = {(str(s), str(o)) for s, o in graph.subject_objects(SKOS.broader)}
    narrower = {(str(o), str(s)) for s, o in graph.subject_objects(SKOS.narrower)}
    assert broader == expected
    assert narrower == expected


def test_every_skos_link_target_is_defined_in_the_file(graph) -> None:
    defined = concepts(graph) | {str(SCHEME)}
    for predicate in (SKOS.broader, SKOS.narrower, SKOS.related, SKOS.hasTopConcept, SKOS.topConceptOf, SKOS.member):
        assert {str(o) for o in graph.objects(None, predicate)} <= defined, predicate


@pytest.mark.parametrize("key", sorted(COLLECTION_FILES))
def test_collection_members_match_the_csv(graph, collections, key) -> None:
    collection = URIRef(COLLECTION_BASE + key)
    assert (collection, RDF.type, SKOS.Collection) in graph
    members = {str(o) for o in graph.objects(collection, SKOS.member)}
    assert members == {row["conceptUri"] for row in collections[key]}
    assert len(members) == len(collections[key])
    assert graph.value(collection, SKOS.prefLabel) is not None


def test_five_collections_with_known_sizes(graph) -> None:
    sizes = {str(c).removeprefix(COLLECTION_BASE): len(set(graph.objects(c, SKOS.member)))
             for c in graph.subjects(RDF.type, SKOS.Collection)}
    assert sizes == {"digcomp": 25, "green": 591, "language": 359, "research": 40, "transversal": 95}


def test_a_digcomp_skill_keeps_its_labels_and_hierarchy(graph) -> None:
    assert list(graph.objects(SOLVE_TECHNICAL_PROBLEMS, SKOS.prefLabel)) == [Literal("solve technical problems", lang="en")]
    assert graph.value(SOLVE_TECHNICAL_PROBLEMS, SKOS.definition).startswith("Identify technical problems")
    assert (SOLVE_TECHNICAL_PROBLEMS, SKOS.broader, PROBLEM_SOLVING_WITH_DIGITAL_TOOLS) in graph
    assert (PROBLEM_SOLVING_WITH_DIGITAL_TOOLS, SKOS.narrower, SOLVE_TECHNICAL_PROBLEMS) in graph
    assert (URIRef(COLLECTION_BASE + "digcomp"), SKOS.member, SOLVE_TECHNICAL_PROBLEMS) in graph
    assert graph.value(SOLVE_TECHNICAL_PROBLEMS, SKOS.notation) is None  # skills have no code in the source


def test_a_skill_group_has_its_code_as_notation(graph) -> None:
    assert graph.value(WASTE_GROUP, SKOS.notation) == Literal("S6.13")
    assert graph.value(WASTE_GROUP, SKOS.prefLabel) == Literal(
        "handling and disposing of waste and hazardous materials", lang="en")
    parent = graph.value(WASTE_GROUP, SKOS.broader)
    assert graph.value(parent, SKOS.notation) == Literal("S6")


def test_labels_are_english_only_one_preflabel_each(graph) -> None:
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        assert len(list(graph.objects(concept, SKOS.prefLabel))) == 1, concept
        for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, SKOS.definition, SKOS.scopeNote):
            assert all(label.language == "en" for label in graph.objects(concept, predicate)), concept


def test_scheme_says_it_is_english_only_and_credits_esco(graph) -> None:
    descriptions = {d.language: str(d) for d in graph.objects(SCHEME, DCTERMS.description)}
    assert "English" in descriptions["en"] and "Engels" in descriptions["nl"]
    assert "uses the ESCO classification of the European Commission" in descriptions["en"]
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in graph
    assert len(set(graph.subjects(RDF.type, SKOS.ConceptScheme))) == 1


def test_build_matches_the_committed_file(graph, sources_dir) -> None:
    from converters.esco import build

    [(info, built)] = build(sources_dir)
    assert info.slug == SLUG
    assert len(built) == len(graph)
