"""The four bundled ESCO vocabularies against the official ESCO v1.1.1 zips and the Dutch v1.2 CSVs.

Expected values are recounted straight from the zips with csv/zipfile (not through the converter), so
a converter bug or a stale `vocabularies/*.ttl` makes these tests fail.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDF, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

ESCO = Namespace("http://data.europa.eu/esco/model#")
SCHEMES = {
    "esco-skills": URIRef("http://data.europa.eu/esco/concept-scheme/skills"),
    "esco-occupations": URIRef("http://data.europa.eu/esco/concept-scheme/occupations"),
    "isco-08": URIRef("http://data.europa.eu/esco/concept-scheme/isco"),
    "isced-f-2013": URIRef("http://data.europa.eu/esco/concept-scheme/isced-f"),
}
COLLECTION_BASE = "https://w3id.org/eduvoc/vocab/"
SKILL_COLLECTIONS = {
    "digcomp": "digCompSkillsCollection_en.csv", "digital": "digitalSkillsCollection_en.csv",
    "green": "greenSkillsCollection_en.csv", "language": "languageSkillsCollection_en.csv",
    "research": "researchSkillsCollection_en.csv", "transversal": "transversalSkillsCollection_en.csv",
}
WELDER = URIRef("http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b")


def zip_rows(folder: Path, archive: str, member: str) -> list[dict[str, str]]:
    csv.field_size_limit(2**31 - 1)
    with zipfile.ZipFile(folder / archive) as bundle, bundle.open(member) as raw:
        return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")))


@pytest.fixture(scope="module")
def source(sources_dir: Path) -> Callable[[str], list[dict[str, str]]]:
    folder = sources_dir / "esco-v1.1.1-en"
    cache: dict[str, list[dict[str, str]]] = {}

    def read(member: str) -> list[dict[str, str]]:
        if member not in cache:
            archive = "esco-v1.1.1-relations-csv.zip" if "Relations" in member else "esco-v1.1.1-classification-en-csv.zip"
            cache[member] = zip_rows(folder, archive, member)
        return cache[member]

    return read


@pytest.fixture(scope="module")
def dutch(sources_dir: Path) -> Callable[[str], dict[str, dict[str, str]]]:
    def read(name: str) -> dict[str, dict[str, str]]:
        with (sources_dir / "esco-v1.2-nl" / name).open(encoding="utf-8", newline="") as handle:
            return {row["conceptUri"]: row for row in csv.DictReader(handle)}

    return read


@pytest.fixture(scope="module")
def skills(bundled_vocabulary) -> Graph:
    return bundled_vocabulary("esco-skills")


@pytest.fixture(scope="module")
def occupations(bundled_vocabulary) -> Graph:
    return bundled_vocabulary("esco-occupations")


def concepts(graph: Graph) -> set[str]:
    return {str(subject) for subject in graph.subjects(RDF.type, SKOS.Concept)}


def iris(rows: list[dict[str, str]]) -> set[str]:
    return {row["conceptUri"] for row in rows}


@pytest.fixture(scope="module")
def homes(source) -> dict[str, str]:
    """Concept IRI -> the vocabulary that must hold it, from the CSVs."""
    home = {iri: ("isced-f-2013" if "/isced-f/" in iri else "esco-skills") for iri in iris(source("skillGroups_en.csv"))}
    home |= {iri: "esco-skills" for iri in iris(source("skills_en.csv"))}
    home |= {iri: "isco-08" for iri in iris(source("ISCOGroups_en.csv"))}
    home |= {iri: "esco-occupations" for iri in iris(source("occupations_en.csv"))}
    return home


@pytest.mark.parametrize("slug", sorted(SCHEMES))
def test_each_vocabulary_holds_exactly_its_concepts_from_the_csvs(bundled_vocabulary, homes, slug) -> None:
    graph = bundled_vocabulary(slug)
    expected = {iri for iri, home in homes.items() if home == slug}
    assert concepts(graph) == expected
    assert all((URIRef(c), SKOS.inScheme, SCHEMES[slug]) in graph for c in expected)
    assert set(graph.subjects(RDF.type, SKOS.ConceptScheme)) == {SCHEMES[slug]}


def test_every_skill_is_an_esco_skill_with_type_and_reuse_level(skills, source) -> None:
    rows = source("skills_en.csv")
    typed = {str(s) for s in skills.subjects(RDF.type, ESCO.Skill)}
    assert typed == iris(rows) and len(typed) == len(rows)
    assert {str(s) for s in skills.subjects(ESCO.skillType, None)} == {r["conceptUri"] for r in rows if r["skillType"]}
    assert {str(s) for s in skills.subjects(ESCO.skillReuseLevel, None)} == {r["conceptUri"] for r in rows if r["reuseLevel"]}
    assert {str(s) for s in skills.subjects(SKOS.definition, None)} >= {r["conceptUri"] for r in rows if r["description"].strip()}


def test_occupation_skill_relations_are_the_csv_rows_with_both_ends_known(occupations, source, homes) -> None:
    expected = {(r["occupationUri"], r["relationType"], r["skillUri"]) for r in source("occupationSkillRelations.csv")
                if homes.get(r["occupationUri"]) == "esco-occupations" and homes.get(r["skillUri"]) == "esco-skills"}
    found = {(str(s), "essential", str(o)) for s, o in occupations.subject_objects(ESCO.relatedEssentialSkill)}
    found |= {(str(s), "optional", str(o)) for s, o in occupations.subject_objects(ESCO.relatedOptionalSkill)}
    assert found == expected
    left_out = len(source("occupationSkillRelations.csv")) - len(expected)
    assert 0 <= left_out < 100  # rows naming an occupation or skill that the download does not contain


def test_skill_skill_relations_are_the_csv_rows(skills, source, homes) -> None:
    rows = source("skillSkillRelations.csv")
    expected = {(r["originalSkillUri"], r["relationType"], r["relatedSkillUri"]) for r in rows
                if homes.get(r["originalSkillUri"]) == homes.get(r["relatedSkillUri"]) == "esco-skills"}
    found = {(str(s), "essential", str(o)) for s, o in skills.subject_objects(ESCO.relatedEssentialSkill)}
    found |= {(str(s), "optional", str(o)) for s, o in skills.subject_objects(ESCO.relatedOptionalSkill)}
    assert found == expected and len(expected) == len(rows)


def test_broader_links_are_the_csv_rows_in_the_file_of_the_narrower_concept(bundled_vocabulary, source, homes) -> None:
    rows = source("broaderRelationsSkillPillar.csv") + source("broaderRelationsOccPillar.csv")
    known = [(r["conceptUri"], r["broaderUri"]) for r in rows if r["conceptUri"] in homes and r["broaderUri"] in homes]
    assert len(rows) - len(known) < 10
    found: set[tuple[str, str]] = set()
    for slug in SCHEMES:
        found |= {(str(s), str(o)) for s, o in bundled_vocabulary(slug).subject_objects(SKOS.broader)}
    # the 11 ISCED-F broad fields sit under "knowledge" in ESCO: a top concept of isced-f-2013, and a
    # skos:narrower of the knowledge group in esco-skills
    crossing = {(c, p) for c, p in known if homes[c] == "isced-f-2013" and homes[p] != "isced-f-2013"}
    assert found == set(known) - crossing
    skills = bundled_vocabulary("esco-skills")
    assert {(str(o), str(s)) for s, o in skills.subject_objects(SKOS.narrower) if homes[str(o)] == "isced-f-2013"} == crossing


def test_top_concepts(bundled_vocabulary, source, homes) -> None:
    roots = {r["Level 0 URI"] for r in source("skillsHierarchy_en.csv")}
    assert {str(o) for o in bundled_vocabulary("esco-skills").objects(SCHEMES["esco-skills"], SKOS.hasTopConcept)} == roots
    isco_children = {r["conceptUri"] for r in source("broaderRelationsOccPillar.csv") if r["conceptType"] == "ISCOGroup"}
    isco_tops = {str(o) for o in bundled_vocabulary("isco-08").objects(SCHEMES["isco-08"], SKOS.hasTopConcept)}
    assert isco_tops == iris(source("ISCOGroups_en.csv")) - isco_children
    assert all(len(URIRef(t).split("/C")[-1]) == 1 for t in isco_tops)  # the one-digit major groups
    under_isco = {r["conceptUri"] for r in source("broaderRelationsOccPillar.csv")
                  if r["conceptType"] == "Occupation" and r["broaderType"] == "ISCOGroup"}
    occupation_tops = {str(o) for o in bundled_vocabulary("esco-occupations").objects(SCHEMES["esco-occupations"], SKOS.hasTopConcept)}
    assert occupation_tops == under_isco


def test_occupations_carry_dutch_labels_where_esco_v1_2_has_them(occupations, dutch) -> None:
    nl = dutch("occupations_nl.csv")
    inside = concepts(occupations)
    labelled = {str(s): str(o) for s, o in occupations.subject_objects(SKOS.prefLabel) if o.language == "nl" and str(s) in inside}
    expected = {iri: row["preferredLabel"].strip() for iri, row in nl.items() if iri in concepts(occupations)}
    assert labelled == expected
    assert labelled[str(WELDER)] == "lasser"
    assert Literal("welder", lang="en") in set(occupations.objects(WELDER, SKOS.prefLabel))


@pytest.mark.parametrize(("slug", "file"), [("isco-08", "ISCOGroups_nl.csv"), ("isced-f-2013", "skillGroups_nl.csv"),
                                            ("esco-skills", "skillGroups_nl.csv")])
def test_groups_carry_dutch_labels(bundled_vocabulary, dutch, slug, file) -> None:
    graph = bundled_vocabulary(slug)
    nl = {iri: row["preferredLabel"].strip() for iri, row in dutch(file).items() if iri in concepts(graph)}
    assert nl
    inside = concepts(graph)
    assert {str(s): str(o) for s, o in graph.subject_objects(SKOS.prefLabel) if o.language == "nl" and str(s) in inside} == nl


def test_individual_skills_have_no_dutch_labels_and_the_scheme_says_so(skills) -> None:
    for skill in list(skills.subjects(RDF.type, ESCO.Skill))[:2000]:
        assert {label.language for label in skills.objects(skill, SKOS.prefLabel)} == {"en"}
    descriptions = {d.language: str(d) for d in skills.objects(SCHEMES["esco-skills"], DCTERMS.description)}
    assert "never machine-translated" in descriptions["en"] and "niet machinaal vertaald" in descriptions["nl"]
    assert "uses the ESCO classification of the European Commission" in descriptions["en"]


@pytest.mark.parametrize("key", sorted(SKILL_COLLECTIONS))
def test_skill_collections_match_the_csv(skills, source, key) -> None:
    collection = URIRef(f"{COLLECTION_BASE}esco-skills/collection-{key}")
    assert (collection, RDF.type, SKOS.Collection) in skills
    rows = source(SKILL_COLLECTIONS[key])
    assert {str(o) for o in skills.objects(collection, SKOS.member)} == iris(rows)


def test_research_occupations_collection(occupations, source) -> None:
    collection = URIRef(f"{COLLECTION_BASE}esco-occupations/collection-research")
    assert {str(o) for o in occupations.objects(collection, SKOS.member)} == iris(source("researchOccupationsCollection_en.csv"))


def test_notations_are_the_esco_codes(bundled_vocabulary, source) -> None:
    isco = bundled_vocabulary("isco-08")
    for row in source("ISCOGroups_en.csv")[:50]:
        assert isco.value(URIRef(row["conceptUri"]), SKOS.notation) == Literal(row["code"])
    assert bundled_vocabulary("esco-occupations").value(WELDER, SKOS.notation) == Literal("7212.3")


def test_labels_stay_disjoint_per_language(occupations) -> None:
    for concept in list(occupations.subjects(RDF.type, SKOS.Concept))[:1000]:
        pref = {(o.language, str(o)) for o in occupations.objects(concept, SKOS.prefLabel)}
        alt = {(o.language, str(o)) for o in occupations.objects(concept, SKOS.altLabel)}
        assert not pref & alt, concept
        assert len({language for language, _ in pref}) == len(pref), concept


def test_a_row_with_a_duplicate_iri_fails_naming_file_and_row() -> None:
    from converters.esco import unique

    with pytest.raises(ValueError, match=re.escape("skills_en.csv row 3: duplicate IRI x")):
        unique([{"conceptUri": "x"}, {"conceptUri": "x"}], "skills_en.csv")


def test_a_broader_cycle_fails() -> None:
    from converters.esco import assert_acyclic

    with pytest.raises(ValueError, match="cycle"):
        assert_acyclic([("a", "b"), ("b", "c"), ("c", "a")])
    assert_acyclic([("a", "b"), ("b", "c"), ("d", "c")])


def test_build_matches_the_committed_files(bundled_vocabulary, sources_dir) -> None:
    from converters.esco import build

    built = {info.slug: graph for info, graph in build(sources_dir)}
    assert set(built) == set(SCHEMES)
    for slug, graph in built.items():
        assert len(graph) == len(bundled_vocabulary(slug)), slug
