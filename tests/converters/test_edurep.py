"""The bundled Edurep vocabularies (four HBO subject vocabularies, OBK disciplines, learning-material types)
against the SURF edusources fixtures, recounted with json (not through the converter)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import RDF, SKOS, Literal, URIRef

FOLDER = "surf-edusources-vocabularies"
HBO = {"hbo-applied-science": "applied-science", "hbo-informatievaardigheid": "informatievaardigheid",
       "hbo-vaktherapie": "vaktherapie", "hbo-verpleegkunde": "verpleegkunde"}


def study_documents(sources: Path) -> dict[str, list[dict]]:
    records = json.loads((sources / FOLDER / "initial-study-vocabulary-resources.json").read_text(encoding="utf-8"))
    out = {}
    for record in records:
        body = record["fields"]["body"]
        body = json.loads(body) if isinstance(body, str) else body
        out[record["fields"]["uri"].split("/")[-2]] = body["@graph"]
    return out


def metadata(sources: Path, field: str) -> list[tuple[dict, dict]]:
    records = json.loads((sources / FOLDER / "test-metadata-edusources.json").read_text(encoding="utf-8"))
    fields = {r["pk"]: r["fields"]["name"] for r in records if r["model"] == "metadata.metadatafield"}
    translations = {r["pk"]: r["fields"] for r in records if r["model"] == "metadata.metadatatranslation"}
    return [(r["fields"], translations[r["fields"]["translation"]]) for r in records
            if r["model"] == "metadata.metadatavalue" and fields[r["fields"]["field"]] == field]


@pytest.mark.parametrize("slug", sorted(HBO))
def test_hbo_vocabularies_keep_the_edurep_iris_labels_and_hierarchy(bundled_vocabulary, sources_dir, slug) -> None:
    graph = bundled_vocabulary(slug)
    nodes = [n for n in study_documents(sources_dir)[HBO[slug]] if "skos:Concept" in (n.get("@type") or [])]
    concepts = {str(s) for s in graph.subjects(RDF.type, SKOS.Concept)}
    assert concepts == {n["@id"] for n in nodes} and all(c.startswith("http://purl.edustandaard.nl/") for c in concepts)
    for node in nodes:
        label = node["skos:prefLabel"]
        assert Literal(label["@value"], lang=label["@language"]) in set(graph.objects(URIRef(node["@id"]), SKOS.prefLabel))
        broader = node.get("skos:broader")
        parents = {b["@id"] for b in (broader if isinstance(broader, list) else [broader])} if broader else set()
        assert {str(o) for o in graph.objects(URIRef(node["@id"]), SKOS.broader)} == parents
    (scheme,) = set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert {str(scheme)} == {n["skos:inScheme"]["@id"] for n in nodes}


def test_obk_disciplines_are_the_uuid_values_with_their_purl_iris(bundled_vocabulary, sources_dir) -> None:
    graph = bundled_vocabulary("obk-vakgebieden")
    values = [(f, t) for f, t in metadata(sources_dir, "disciplines") if re.fullmatch(r"[0-9a-f-]{36}", f["value"])]
    assert len(values) == len(metadata(sources_dir, "disciplines")) - 1  # "economie" has no OBK id
    expected = {f"http://purl.edustandaard.nl/begrippenkader/{f['value']}": t for f, t in values}
    assert {str(s) for s in graph.subjects(RDF.type, SKOS.Concept)} == set(expected)
    for iri, translation in expected.items():
        labels = set(graph.objects(URIRef(iri), SKOS.prefLabel))
        assert Literal(translation["nl"].strip(), lang="nl") in labels  # the converter trims the labels
        assert (Literal(translation["en"].strip(), lang="en") in labels) == (not translation["is_fuzzy"])


def test_learning_material_types_keep_the_grouping(bundled_vocabulary, sources_dir) -> None:
    graph = bundled_vocabulary("edurep-leermateriaalsoort")
    values = metadata(sources_dir, "material_types")
    notations = {str(o) for o in graph.objects(None, SKOS.notation)}
    assert notations == {f["value"] for f, _ in values}
    assert len(list(graph.subject_objects(SKOS.broader))) == sum(1 for f, _ in values if f["parent"])


def test_build_matches_the_committed_files(bundled_vocabulary, sources_dir) -> None:
    from converters.edurep import build

    for info, built in build(sources_dir):
        assert len(built) == len(bundled_vocabulary(info.slug)), info.slug
