"""The curated supporting lists (aggregation-level, data-sharing-role, purpose-of-use,
education-sector), checked against their YAML source and against the sources their mappings claim
to come from (SLO niveaus JSON, OOAPI level YAML, the ISO 19115 / IDN role codes Turtle).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from rdflib import DCTERMS, RDF, SKOS, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from converters import supporting_lists

VOCAB = "https://w3id.org/eduvoc/vocab/"
SLO = "https://opendata.slo.nl/curriculum/uuid/"
OOAPI_LEVEL = VOCAB + "ooapi-level/"
ISO_ROLE = "http://def.isotc211.org/iso19115/-1/2018/CitationAndResponsiblePartyInformation/code/CI_RoleCode/"
DCAT_ROLE = URIRef("http://www.w3.org/ns/dcat#Role")
SLUGS = ("aggregation-level", "data-sharing-role", "purpose-of-use", "education-sector")
MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
INTERNAL_LINKS = (SKOS.broader, SKOS.narrower, SKOS.related, SKOS.hasTopConcept, SKOS.topConceptOf, SKOS.member)
#: concept ids each list must have (what a dataset description in Dutch education needs)
REQUIRED = {
    "aggregation-level": {"individu", "gepseudonimiseerd-individu", "groep", "klas", "vestiging", "instelling",
                          "bestuur", "gemeente", "regio", "landelijk"},
    "data-sharing-role": {"bronhouder", "dataleverancier", "data-afnemer", "verwerker", "verwerkingsverantwoordelijke"},
    "purpose-of-use": {"onderwijs", "voortgang-volgen", "begeleiding", "kwaliteitszorg", "benchmarking",
                       "verantwoording", "bekostiging", "statistiek-en-beleid", "wetenschappelijk-onderzoek"},
    "education-sector": {"po", "so", "vo", "vso", "vmbo", "havo", "vwo", "mbo", "ho", "hbo", "wo"},
}


@pytest.fixture(scope="module")
def source(sources_dir: Path) -> dict[str, dict[str, Any]]:
    """The YAML lists by slug, read directly."""
    data = yaml.safe_load((sources_dir / "eduvoc" / "supporting-lists.yaml").read_text(encoding="utf-8"))
    return {item["scheme"]["slug"]: item for item in data["lists"]}


@pytest.fixture(scope="module")
def slo_niveaus(sources_dir: Path) -> dict[str, dict[str, Any]]:
    records = json.loads((sources_dir / "slo-curriculum-basis" / "data" / "niveaus.json").read_text(encoding="utf-8"))
    return {record["id"]: record for record in records}


@pytest.fixture(scope="module")
def ooapi_levels(sources_dir: Path) -> set[str]:
    path = sources_dir / "ooapi-v6" / "source" / "enumerations" / "level.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {str(code).strip() for code in data["x-ooapi-extensible-enum"]}


@pytest.fixture(scope="module")
def role_codes(sources_dir: Path) -> set[URIRef]:
    graph = Graph().parse(sources_dir / "vocpub-profile" / "vocs" / "idn-role-codes.ttl", format="turtle")
    return {c for c in graph.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef)}


def scheme(slug: str) -> URIRef:
    return URIRef(VOCAB + slug)


def iri(slug: str, concept_id: str) -> URIRef:
    return URIRef(f"{VOCAB}{slug}/{concept_id}")


def concepts(graph: Graph) -> set[URIRef]:
    return {c for c in graph.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef)}


def texts(graph: Graph, subject: URIRef, predicate: URIRef, lang: str) -> list[str]:
    return [str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language == lang]


def mapping_targets(graph: Graph, *properties: URIRef) -> set[tuple[URIRef, URIRef, URIRef]]:
    return {(s, p, o) for p in properties or MAPPINGS for s, o in graph.subject_objects(p)}


# --- every list, against the YAML -----------------------------------------------------------


def test_the_four_lists_are_there(source: dict[str, dict[str, Any]]) -> None:
    assert set(source) == set(SLUGS)


@pytest.mark.parametrize("slug", SLUGS)
def test_concepts_match_yaml(slug: str, source, bundled_vocabulary: Callable[[str], Graph]) -> None:
    graph = bundled_vocabulary(slug)
    items = source[slug]["concepts"]
    assert concepts(graph) == {iri(slug, c["id"]) for c in items}
    assert REQUIRED[slug] <= {c["id"] for c in items}
    for concept in items:
        node = iri(slug, concept["id"])
        for lang in ("nl", "en"):
            assert texts(graph, node, SKOS.prefLabel, lang) == [concept["label"][lang]], (node, lang)
            assert len(texts(graph, node, SKOS.definition, lang)) == 1, (node, lang)
        assert [str(n) for n in graph.objects(node, SKOS.notation)] == [concept["id"]]
        assert set(graph.objects(node, SKOS.broader)) == {iri(slug, b) for b in concept.get("broader") or []}
        assert len({t for t in mapping_targets(graph) if t[0] == node}) == len(concept.get("matches") or [])


@pytest.mark.parametrize("slug", SLUGS)
def test_hierarchy_and_internal_links(slug: str, bundled_vocabulary: Callable[[str], Graph]) -> None:
    graph = bundled_vocabulary(slug)
    tops = {c for c in concepts(graph) if not set(graph.objects(c, SKOS.broader))}
    assert set(graph.objects(scheme(slug), SKOS.hasTopConcept)) == tops
    assert set(graph.subjects(SKOS.topConceptOf, scheme(slug))) == tops
    assert set(graph.subject_objects(SKOS.narrower)) == {(p, c) for c, p in graph.subject_objects(SKOS.broader)}
    defined = concepts(graph) | {scheme(slug)}
    for link in INTERNAL_LINKS:
        for subject, target in graph.subject_objects(link):
            assert subject in defined and target in defined, (subject, link, target)
    for concept in concepts(graph):  # no cycles
        seen, frontier = set(), set(graph.objects(concept, SKOS.broader))
        while frontier:
            assert concept not in frontier
            seen |= frontier
            frontier = {p for n in frontier for p in graph.objects(n, SKOS.broader)} - seen


@pytest.mark.parametrize("slug", SLUGS)
def test_scheme_metadata_says_proposal(slug: str, bundled_vocabulary: Callable[[str], Graph]) -> None:
    graph = bundled_vocabulary(slug)
    node = scheme(slug)
    assert "voorstel" in " ".join(texts(graph, node, DCTERMS.description, "nl")).lower()
    assert "proposal" in " ".join(texts(graph, node, DCTERMS.description, "en")).lower()
    assert "no authoritative" in " ".join(texts(graph, node, DCTERMS.description, "en")).lower()
    assert graph.value(node, DCTERMS.publisher) == URIRef("https://w3id.org/eduvoc/org/eduvoc")
    assert graph.value(node, DCTERMS.license) == URIRef("http://spdx.org/licenses/CC-BY-4.0")


@pytest.mark.parametrize("slug", SLUGS)
def test_labels_unique_per_language(slug: str, bundled_vocabulary: Callable[[str], Graph]) -> None:
    graph = bundled_vocabulary(slug)
    for lang in ("nl", "en"):
        labels = [str(o).lower() for o in graph.objects(None, SKOS.prefLabel) if o.language == lang]
        assert len(labels) == len(set(labels))


def test_build_reproduces_committed_files(sources_dir: Path, bundled_vocabulary: Callable[[str], Graph]) -> None:
    built = {info.slug: graph for info, graph in supporting_lists.build(sources_dir)}
    assert set(built) == set(SLUGS)
    for slug, graph in built.items():
        committed = bundled_vocabulary(slug)
        assert len(graph) == len(committed), slug
        assert isomorphic(graph, committed), slug


# --- education-sector: SLO niveaus and OOAPI level -------------------------------------------


def test_education_sector_slo_targets_exist_in_niveaus_json(
    bundled_vocabulary: Callable[[str], Graph], slo_niveaus: dict[str, dict[str, Any]]
) -> None:
    graph = bundled_vocabulary("education-sector")
    slo = [(s, p, o) for s, p, o in mapping_targets(graph) if str(o).startswith(SLO)]
    assert len(slo) >= 20
    for subject, prop, target in slo:
        record = slo_niveaus.get(str(target)[len(SLO):])
        assert record is not None, target
        assert record.get("type") in ("Sector", "Opleiding"), (target, record.get("type"))
        if prop == SKOS.exactMatch:  # an exact match is the same sector: SLO's title is our code
            assert record["title"] == str(graph.value(subject, SKOS.notation)), (subject, record["title"])
    exact = {str(graph.value(s, SKOS.notation)) for s, p, _ in slo if p == SKOS.exactMatch}
    assert {"po", "so", "vo", "vso", "vmbo", "havo", "vwo"} <= exact


def test_education_sector_ooapi_targets_exist_in_level_yaml(
    bundled_vocabulary: Callable[[str], Graph], ooapi_levels: set[str]
) -> None:
    graph = bundled_vocabulary("education-sector")
    targets = {str(o) for _, _, o in mapping_targets(graph) if str(o).startswith(VOCAB)}
    assert all(t.startswith(OOAPI_LEVEL) for t in targets), targets
    codes = {t[len(OOAPI_LEVEL):] for t in targets}
    assert {"secondary_vocational_education", "secondary_vocational_education_1", "bachelor"} <= codes
    assert codes <= ooapi_levels, codes - ooapi_levels
    mbo = iri("education-sector", "mbo")
    assert (mbo, SKOS.exactMatch, URIRef(OOAPI_LEVEL + "secondary_vocational_education")) in graph


def test_education_sector_targets_are_bundled_concepts(bundled_vocabulary: Callable[[str], Graph]) -> None:
    """Cross-check with the SLO and OOAPI converters' output, where it has been built."""
    targets = {o for _, _, o in mapping_targets(bundled_vocabulary("education-sector"))}
    for slug in ("slo-niveaus", "ooapi-level"):
        try:
            known = concepts(bundled_vocabulary(slug))
        except FileNotFoundError:
            continue
        prefix = SLO if slug == "slo-niveaus" else OOAPI_LEVEL
        wanted = {t for t in targets if str(t).startswith(prefix)}
        assert wanted <= known, wanted - known


def test_education_sector_mappings_only_to_slo_and_ooapi(bundled_vocabulary: Callable[[str], Graph]) -> None:
    graph = bundled_vocabulary("education-sector")
    assert all(str(o).startswith((SLO, OOAPI_LEVEL)) for _, _, o in mapping_targets(graph))


# --- data-sharing-role: AVG definitions, role codes, dcat:Role --------------------------------


def test_roles_are_dcat_roles(bundled_vocabulary: Callable[[str], Graph]) -> None:
    graph = bundled_vocabulary("data-sharing-role")
    assert concepts(graph) == set(graph.subjects(RDF.type, DCAT_ROLE))


def test_gdpr_roles_cite_the_gdpr(bundled_vocabulary: Callable[[str], Graph]) -> None:
    graph = bundled_vocabulary("data-sharing-role")
    citations = {"verwerkingsverantwoordelijke": ("AVG art. 4 lid 7", "GDPR Art. 4(7)"),
                 "verwerker": ("AVG art. 4 lid 8", "GDPR Art. 4(8)"),
                 "betrokkene": ("AVG art. 4 lid 1", "GDPR Art. 4(1)")}
    for concept_id, (nl, en) in citations.items():
        node = iri("data-sharing-role", concept_id)
        assert nl in texts(graph, node, SKOS.definition, "nl")[0]
        assert en in texts(graph, node, SKOS.definition, "en")[0]


def test_role_targets_exist_in_role_codes(bundled_vocabulary: Callable[[str], Graph], role_codes: set[URIRef]) -> None:
    graph = bundled_vocabulary("data-sharing-role")
    targets = {o for _, _, o in mapping_targets(graph)}
    assert len(targets) >= 3
    assert targets <= role_codes, targets - role_codes
    # the ISO 19115 'processor' modifies a dataset; it is not the GDPR processor
    assert URIRef(ISO_ROLE + "processor") not in targets


# --- purpose-of-use ---------------------------------------------------------------------------


def test_purposes_cite_legal_bases(bundled_vocabulary: Callable[[str], Graph]) -> None:
    graph = bundled_vocabulary("purpose-of-use")
    definitions = [d for c in concepts(graph) for d in texts(graph, c, SKOS.definition, "nl")]
    assert sum("AVG art. 6" in d for d in definitions) >= 5
    assert any("art. 89" in d for d in definitions)
    assert not mapping_targets(graph)  # no external list to map to
