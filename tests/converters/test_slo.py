"""The bundled SLO vocabularies, checked against the real SLO curriculum JSON.

Expected numbers and links are computed here straight from `sources/slo-curriculum-*/data/*.json`,
not via the converter, so a converter that drops, invents or mislinks concepts fails.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from rdflib import DCTERMS, OWL, RDF, SKOS, Graph, Literal, URIRef

from converters import slo
from converters.vocabulary_file import ADMS, EDUVOC_DEF, SLO_UUID

SLUGS = ("slo-kerndoelen", "slo-doelen", "slo-niveaus", "slo-vakleergebieden", "slo-fo-kerndoelen")
EDUCATION_LEVEL = EDUVOC_DEF.educationLevel
SUBJECT_AREA = EDUVOC_DEF.subjectArea
INTERNAL_LINKS = (
    SKOS.broader,
    SKOS.narrower,
    SKOS.related,
    SKOS.hasTopConcept,
    SKOS.topConceptOf,
    SKOS.member,
    DCTERMS.isReplacedBy,
    DCTERMS.replaces,
)
KERNDOEL_TYPES = {"kerndoel", "kerndoel_vakleergebied", "kerndoel_domein"}
FO_KERNDOEL_SETTYPES = {"kerndoelenset", "functionele kerndoelenset"}
NL_LOM_KERNDOEL = SLO_UUID["d357271b-3cfd-40c4-881d-084b71ca05c8"]
NL_LOM_SUCCESSOR = SLO_UUID["cc7113ed-5284-4a62-85a2-e312de34eac9"]


@pytest.fixture(scope="module")
def source(sources_dir: Path) -> Callable[[str], list[dict[str, Any]]]:
    """`source("slo-curriculum-basis/data/niveaus.json")` -> the JSON array, read once."""

    @cache
    def read(path: str) -> list[dict[str, Any]]:
        return json.loads((sources_dir / path).read_text(encoding="utf-8"))

    return read


def iri(uuid: str) -> URIRef:
    return SLO_UUID[uuid.lower()]


def concepts(graph: Graph) -> set[URIRef]:
    return {c for c in graph.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef)}


def the_scheme(graph: Graph) -> URIRef:
    schemes = list(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) == 1
    return schemes[0]


def notations(graph: Graph, concept: URIRef) -> set[str]:
    return {str(n) for n in graph.objects(concept, SKOS.notation)}


def members(graph: Graph, collection_key: str, slug: str) -> set[URIRef]:
    collection = URIRef(f"https://w3id.org/eduvoc/vocab/{slug}/collection-{collection_key}")
    assert (collection, RDF.type, SKOS.Collection) in graph
    return set(graph.objects(collection, SKOS.member))


# --- slo-kerndoelen -----------------------------------------------------------------------------


def test_kerndoelen_concept_count_matches_source(source, bundled_vocabulary) -> None:
    base = "slo-curriculum-kerndoelen/data/"
    current = source(base + "kerndoelen.json") + source(base + "vakleergebieden.json") + source(base + "domeinen.json")
    retired = [r for r in source(base + "deprecated.json") if set(r["types"]) & KERNDOEL_TYPES]
    assert len(source(base + "kerndoelen.json")) == 405
    assert len(concepts(bundled_vocabulary("slo-kerndoelen"))) == len(current) + len(retired)


def test_deprecated_kerndoel_of_the_nl_lom_sample(bundled_vocabulary) -> None:
    graph = bundled_vocabulary("slo-kerndoelen")
    assert (NL_LOM_KERNDOEL, OWL.deprecated, Literal(True)) in graph
    assert set(graph.objects(NL_LOM_KERNDOEL, DCTERMS.isReplacedBy)) == {NL_LOM_SUCCESSOR}
    assert notations(graph, NL_LOM_KERNDOEL) == {"VO Kerndoel 31"}
    assert (NL_LOM_SUCCESSOR, OWL.deprecated, Literal(True)) not in graph
    assert notations(graph, NL_LOM_SUCCESSOR) == {"VO Kerndoel 31"}
    assert (NL_LOM_SUCCESSOR, SKOS.broader, None) in graph  # the successor sits in the hierarchy


def test_deprecated_entries_and_replacements_match_source(source, bundled_vocabulary) -> None:
    graph = bundled_vocabulary("slo-kerndoelen")
    retired = [r for r in source("slo-curriculum-kerndoelen/data/deprecated.json") if set(r["types"]) & KERNDOEL_TYPES]
    assert set(graph.subjects(OWL.deprecated, Literal(True))) == {iri(r["id"]) for r in retired}
    expected = {(iri(r["id"]), iri(new)) for r in retired for new in r["replacedBy"]}
    assert set(graph.subject_objects(DCTERMS.isReplacedBy)) == expected
    assert sum(1 for r in retired if "kerndoel" in r["types"]) == 73
    for old in graph.subjects(OWL.deprecated, Literal(True)):  # retired entries stay out of the tree
        assert (old, SKOS.broader, None) not in graph and (old, SKOS.topConceptOf, None) not in graph


def test_kerndoel_notations_are_the_human_codes(source, bundled_vocabulary) -> None:
    graph = bundled_vocabulary("slo-kerndoelen")
    records = source("slo-curriculum-kerndoelen/data/kerndoelen.json")
    for record in records:
        assert notations(graph, iri(record["id"])) == {record["prefix"].strip()}
    live = [n for c, n in graph.subject_objects(SKOS.notation) if (c, OWL.deprecated, Literal(True)) not in graph]
    assert len(live) == len(set(live)) == len(records)


def test_kerndoel_po_01_labels_level_and_place(bundled_vocabulary) -> None:
    graph = bundled_vocabulary("slo-kerndoelen")
    po01 = iri("8cd7169b-ec2b-4b1a-bc35-e2d2ac49e902")
    assert list(graph.objects(po01, SKOS.prefLabel)) == [Literal("Informatie verwerven", lang="nl")]
    definition = str(graph.value(po01, SKOS.definition))
    assert definition.startswith("De leerlingen leren informatie te verwerven uit gesproken taal.")
    assert iri("512e4729-03a4-43a2-95ba-758071d1b725") in set(graph.objects(po01, EDUCATION_LEVEL))  # po
    (domein,) = graph.objects(po01, SKOS.broader)
    assert graph.value(domein, SKOS.prefLabel) == Literal("Mondeling taalonderwijs", lang="nl")
    (grouping,) = graph.objects(domein, SKOS.broader)
    assert graph.value(grouping, SKOS.prefLabel) == Literal("Nederlands", lang="nl")
    assert (grouping, SKOS.topConceptOf, the_scheme(graph)) in graph
    assert po01 in members(graph, "po-kerndoel", "slo-kerndoelen")


def test_kerndoel_hierarchy_follows_the_groupings(source, bundled_vocabulary) -> None:
    graph = bundled_vocabulary("slo-kerndoelen")
    base = "slo-curriculum-kerndoelen/data/"
    expected: set[tuple[URIRef, URIRef]] = set()
    for grouping in source(base + "vakleergebieden.json") + source(base + "domeinen.json"):
        for child in grouping.get("kerndoel_id", []) + grouping.get("kerndoel_domein_id", []):
            expected.add((iri(child), iri(grouping["id"])))
    assert set(graph.subject_objects(SKOS.broader)) == expected


# --- slo-doelen ---------------------------------------------------------------------------------


def test_doelen_count_and_bron_collections_match_source(source, bundled_vocabulary) -> None:
    graph = bundled_vocabulary("slo-doelen")
    records = source("slo-curriculum-basis/data/doelen.json")
    assert len(records) == 17113
    assert len(concepts(graph)) == len(records)
    bronnen = Counter(r["bron"].strip().lower() for r in records if r.get("bron"))
    assert set(bronnen) == {"einddoel", "tussendoel", "aanbodsdoel", "algemeen doel"}
    for bron, count in bronnen.items():
        assert len(members(graph, bron.replace(" ", "-"), "slo-doelen")) == count


def test_doel_labels_and_aanbodid_notation(source, bundled_vocabulary) -> None:
    graph = bundled_vocabulary("slo-doelen")
    doel = iri("60fa830e-1b1a-477b-b885-883c8dee9bac")
    assert list(graph.objects(doel, SKOS.prefLabel)) == [
        Literal("Hoe zorg je dat je als individu/gezin je financiën op orde hebt", lang="nl")
    ]
    assert doel in members(graph, "einddoel", "slo-doelen")
    coded = [r for r in source("slo-curriculum-basis/data/doelen.json") if r.get("aanbodid")]
    assert sum(1 for _ in graph.subject_objects(SKOS.notation)) == len(coded)
    first = coded[0]
    assert notations(graph, iri(first["id"])) == {first["aanbodid"]}


def test_doel_alt_labels_only_from_resolving_aliases(source, bundled_vocabulary) -> None:
    """alias.json points at doel UUIDs; only aliases of doelen in doelen.json may become altLabels."""
    graph = bundled_vocabulary("slo-doelen")
    doelen = {r["id"].lower() for r in source("slo-curriculum-basis/data/doelen.json")}
    expected = {
        (iri(a["doel_id"]), " ".join(a["title"].split()))
        for a in source("slo-curriculum-basis/data/alias.json")
        if a["doel_id"].lower() in doelen
    }
    assert {(c, str(label)) for c, label in graph.subject_objects(SKOS.altLabel)} == expected


# --- slo-niveaus --------------------------------------------------------------------------------


def test_niveaus_count_notations_and_type_collections(source, bundled_vocabulary) -> None:
    graph = bundled_vocabulary("slo-niveaus")
    records = source("slo-curriculum-basis/data/niveaus.json")
    assert len(concepts(graph)) == len(records) == 105
    all_notations = [str(n) for n in graph.objects(None, SKOS.notation)]
    assert sorted(all_notations) == sorted(r["title"].strip() for r in records)
    assert len(set(all_notations)) == len(all_notations)
    assert "1001" not in all_notations
    types = Counter(r["type"] for r in records if r.get("type"))
    keys = {"Sector": "sector", "Opleiding": "opleiding", "Fase": "fase", "Leerjaar": "leerjaar"}
    keys |= {"Referentieniveau": "referentieniveau", "Beheersingsniveau": "beheersingsniveau"}
    assert set(types) == set(keys)
    for kind, count in types.items():
        assert len(members(graph, keys[kind], "slo-niveaus")) == count


def test_niveau_prefix_1001_is_groep_1_and_1f(bundled_vocabulary) -> None:
    graph = bundled_vocabulary("slo-niveaus")
    groep1, ref1f = iri("82ca4442-246c-44b3-a562-7b101793feb4"), iri("d5f99b58-31be-4ffc-89f4-9d7c65526879")
    assert notations(graph, groep1) == {"groep 1"} and notations(graph, ref1f) == {"1F"}
    assert graph.value(groep1, SKOS.prefLabel) == Literal("primair onderwijs, groep 1", lang="nl")
    for concept in (groep1, ref1f):
        assert Literal("SLO-prefix 1001") in set(graph.objects(concept, SKOS.note))


# --- slo-vakleergebieden ------------------------------------------------------------------------


def test_vakleergebieden_count_notations_and_levels(source, bundled_vocabulary) -> None:
    graph = bundled_vocabulary("slo-vakleergebieden")
    records = source("slo-curriculum-basis/data/vakleergebieden.json")
    assert len(concepts(graph)) == len(records) == 95
    prefixes = Counter(r.get("prefix") for r in records)
    for record in records:
        prefix = record.get("prefix")
        expected = {prefix} if prefix and prefixes[prefix] == 1 else set()
        assert notations(graph, iri(record["id"])) == expected, record["title"]
        assert set(graph.objects(iri(record["id"]), EDUCATION_LEVEL)) == {iri(n) for n in record.get("niveau_id", [])}
    engels = iri("cfaf3202-4c14-4f7e-b783-91ad1dc93779")
    assert notations(graph, engels) == {"en"}
    assert graph.value(engels, SKOS.prefLabel) == Literal("Engels", lang="nl")
    assert not list(graph.objects(None, DCTERMS.replaces))  # their predecessors are not bundled


# --- slo-fo-kerndoelen --------------------------------------------------------------------------


def fo_kerndoel_tree(source) -> dict[str, set[str]]:
    """Level name -> UUIDs reachable from the (functionele) kerndoelensets, walked from the JSON."""
    base = "slo-curriculum-fo/data/"
    index = {
        name: {r["id"]: r for r in source(base + f"{name}.json")}
        for name in ("domeinen", "kernzinnen", "doelzinnen")
    }
    sets = [r for r in source(base + "sets.json") if r["settype"] in FO_KERNDOEL_SETTYPES]
    domeinen = {d for s in sets for d in s["fo_domein_id"] if d in index["domeinen"]}
    kernzinnen = {
        k for d in domeinen for k in index["domeinen"][d].get("fo_kernzin_id", []) if k in index["kernzinnen"]
    }
    doelzinnen = {z for k in kernzinnen for z in index["kernzinnen"][k]["fo_doelzin_id"] if z in index["doelzinnen"]}
    assert all(index["doelzinnen"][z]["soort"] == "kerndoel" for z in doelzinnen)
    return {"sets": {s["id"] for s in sets}, "domeinen": domeinen, "kernzinnen": kernzinnen, "doelzinnen": doelzinnen}


def test_fo_concepts_are_the_kerndoel_tree_of_the_source(source, bundled_vocabulary) -> None:
    graph = bundled_vocabulary("slo-fo-kerndoelen")
    tree = fo_kerndoel_tree(source)
    assert len(tree["sets"]) == 16 and len(tree["kernzinnen"]) == 171
    assert concepts(graph) == {iri(u) for level in tree.values() for u in level}
    assert set(graph.objects(the_scheme(graph), SKOS.hasTopConcept)) == {iri(u) for u in tree["sets"]}
    assert members(graph, "kerndoelen", "slo-fo-kerndoelen") == {iri(u) for u in tree["kernzinnen"]}
    assert members(graph, "doelzinnen", "slo-fo-kerndoelen") == {iri(u) for u in tree["doelzinnen"]}


def test_fo_concepts_are_marked_as_draft(bundled_vocabulary) -> None:
    graph = bundled_vocabulary("slo-fo-kerndoelen")
    draft = URIRef("http://purl.org/adms/status/UnderDevelopment")
    assert all((c, ADMS.status, draft) in graph for c in concepts(graph))
    assert not list(graph.objects(None, SKOS.notation))  # kerndoel numbers repeat, so none are notations


def test_fo_burgerschap_kerndoel_19(bundled_vocabulary) -> None:
    graph = bundled_vocabulary("slo-fo-kerndoelen")
    kerndoel = iri("07e7b68a-56ba-4c53-bdf3-5aba7922c85a")
    assert list(graph.objects(kerndoel, SKOS.prefLabel)) == [
        Literal("De school geeft vorm aan de democratische oefenplaats.", lang="nl")
    ]
    assert list(graph.objects(kerndoel, SKOS.altLabel)) == [Literal("Kerndoel 19", lang="nl")]
    doelzin = iri("e0fd4624-f41d-4729-8331-454589418bba")
    assert (doelzin, SKOS.broader, kerndoel) in graph
    status = Literal("Status in de bron: definitief concept", lang="nl")
    assert status in set(graph.objects(doelzin, SKOS.editorialNote))
    domein = graph.value(kerndoel, SKOS.broader)
    kerndoelenset = graph.value(domein, SKOS.broader)
    assert graph.value(kerndoelenset, SKOS.prefLabel) == Literal("Kerndoelen burgerschap", lang="nl")


# --- all SLO vocabularies -----------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_skos_shape(slug: str, bundled_vocabulary) -> None:
    """One Dutch prefLabel each, internal links defined, broader/narrower mirrored, no cycles."""
    graph = bundled_vocabulary(slug)
    scheme = the_scheme(graph)
    members_of = concepts(graph)
    defined = members_of | {scheme}
    assert all(len(list(graph.objects(c, SKOS.prefLabel))) == 1 for c in members_of)
    assert all((c, SKOS.inScheme, scheme) in graph for c in members_of)
    for predicate in INTERNAL_LINKS:
        assert {o for o in graph.objects(None, predicate)} <= defined, predicate
    assert {(c, p) for c, p in graph.subject_objects(SKOS.broader)} == {
        (c, p) for p, c in graph.subject_objects(SKOS.narrower)
    }
    assert set(graph.subjects(SKOS.topConceptOf, scheme)) == set(graph.objects(scheme, SKOS.hasTopConcept))
    assert (scheme, DCTERMS.license, URIRef("http://creativecommons.org/licenses/by/4.0/")) in graph
    assert_acyclic(graph)


def assert_acyclic(graph: Graph) -> None:
    parents: dict[URIRef, list[URIRef]] = {}
    for child, parent in graph.subject_objects(SKOS.broader):
        parents.setdefault(child, []).append(parent)
    done: set[URIRef] = set()

    def visit(node: URIRef, path: frozenset[URIRef]) -> None:
        assert node not in path, f"cycle through {node}"
        if node not in done:
            for parent in parents.get(node, []):
                visit(parent, path | {node})
            done.add(node)

    for node in parents:
        visit(node, frozenset())


def test_cross_vocabulary_links_resolve_and_concepts_are_not_shared(bundled_vocabulary) -> None:
    levels = concepts(bundled_vocabulary("slo-niveaus"))
    subjects = concepts(bundled_vocabulary("slo-vakleergebieden"))
    seen: set[URIRef] = set()
    for slug in SLUGS:
        graph = bundled_vocabulary(slug)
        assert set(graph.objects(None, EDUCATION_LEVEL)) <= levels
        assert set(graph.objects(None, SUBJECT_AREA)) <= subjects
        assert not seen & concepts(graph), f"{slug} redefines concepts of another SLO vocabulary"
        seen |= concepts(graph)
    kerndoelen = bundled_vocabulary("slo-kerndoelen")
    assert set(kerndoelen.objects(NL_LOM_SUCCESSOR, SUBJECT_AREA))  # derived from its groupings


def test_build_output_matches_committed_files(sources_dir: Path, bundled_vocabulary) -> None:
    """Catches a stale `vocabularies/slo-*.ttl` after a converter or source change."""
    built = {info.slug: graph for info, graph in slo.build(sources_dir)}
    assert set(built) == set(SLUGS)
    for slug, graph in built.items():
        assert len(graph) == len(bundled_vocabulary(slug)), slug
