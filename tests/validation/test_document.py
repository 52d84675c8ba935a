"""Validating one document in memory (validate_document), several shapes files as one shapes graph,
and the literals Oxigraph's store rewrites (types derived from xsd:integer)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode

from bench.generate_datasets import records
from registry.errors import InvalidInput, RdfSyntaxError
from registry.validation import (
    DOCUMENT_GRAPH,
    load_document,
    load_shapes,
    validate_document,
)
from tests.validation.dcat import NL, SHACL, engine_keys, pyshacl_keys
from tests.validation.test_engine import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
DATA = """@prefix ex: <https://example.org/data#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a a ex:Thing ; ex:size "5"^^xsd:nonNegativeInteger ; ex:count "7"^^xsd:long ; ex:plain 3 .
ex:b a ex:Thing ; ex:size "-5"^^xsd:nonNegativeInteger ; ex:count "300"^^xsd:byte ; ex:plain "4"^^xsd:int .
ex:c a ex:Thing ; ex:size 12 ; ex:count "x"^^xsd:long ; ex:plain 6 .
"""
SHAPES = PREFIXES + """
@prefix d: <https://example.org/data#> .
ex:Thing a sh:NodeShape ; sh:targetClass d:Thing ;
    sh:property [ sh:path d:size ; sh:datatype xsd:nonNegativeInteger ] ,
        [ sh:path d:count ; sh:datatype xsd:long ] ,
        [ sh:path d:plain ; sh:datatype xsd:integer ] .
"""


def test_a_document_is_validated_without_touching_any_store(tmp_path):
    shapes = load_shapes(SHACL, *NL)
    text = records(3)[0]
    from_str = validate_document(text, "turtle", shapes)
    assert validate_document(text.encode("utf-8"), "text/turtle", shapes).findings == from_str.findings
    path = tmp_path / "record.ttl"
    path.write_text(text, encoding="utf-8")
    assert validate_document(path, "turtle", shapes).findings == from_str.findings
    store = load_document(text, "turtle")
    assert DOCUMENT_GRAPH in store.named_graphs()  # and the side graph of datatypes (dcat:byteSize)


def test_bad_input_is_refused_with_its_position():
    shapes = load_shapes(SHACL)
    with pytest.raises(RdfSyntaxError) as raised:
        validate_document("<https://example.org/a> <https://example.org/b> .\n", "turtle", shapes, name="upload.ttl")
    assert raised.value.location == "upload.ttl:1:49"
    with pytest.raises(RdfSyntaxError) as raised:
        validate_document(b'{"@id": ', "jsonld", shapes, name="upload.jsonld")
    assert raised.value.location.startswith("upload.jsonld:1:")
    with pytest.raises(InvalidInput):
        validate_document("<a> <b> <c> .", "turtle", shapes)  # relative IRIs, no base IRI
    assert validate_document("<a> <b> <c> .", "turtle", shapes, base_iri="https://example.org/").conforms


def test_several_files_are_one_shapes_graph_cached_per_set_of_versions(tmp_path):
    first = tmp_path / "first.ttl"
    second = tmp_path / "second.ttl"
    # the same blank node label in both files: two different shapes after loading
    first.write_text(PREFIXES + "ex:S a sh:NodeShape ; sh:targetClass skos:Concept ; sh:property _:p .\n"
                     "_:p sh:path skos:prefLabel ; sh:minCount 1 .\n", encoding="utf-8")
    second.write_text(PREFIXES + "ex:T a sh:NodeShape ; sh:targetClass skos:Concept ; sh:node ex:U .\n"
                      "ex:U sh:property _:p .\n_:p sh:path skos:notation ; sh:minCount 1 .\n", encoding="utf-8")
    shapes = load_shapes(first, second)
    assert load_shapes(first, second) is shapes
    assert load_shapes(first) is not shapes
    assert {c.component.value.rsplit("#", 1)[1] for c in shapes.constraints} == {"MinCountConstraintComponent", "NodeConstraintComponent"}
    report = validate_document("@prefix skos: <http://www.w3.org/2004/02/skos/core#> . <https://example.org/c> a skos:Concept .",
                               "turtle", shapes)
    assert len(report.findings) == 2
    time.sleep(0.01)
    second.write_text(second.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(second, ns=(time.time_ns(), time.time_ns()))
    assert load_shapes(first, second) is not shapes


def test_derived_integer_datatypes_are_checked_as_written(tmp_path):
    """Oxigraph stores "5"^^xsd:nonNegativeInteger as "5"^^xsd:integer; the checks and the findings
    still see the datatype the document wrote, and agree with pySHACL (rdflib checks the ranges)."""
    path = tmp_path / "shapes.ttl"
    path.write_text(SHAPES, encoding="utf-8")
    report = validate_document(DATA, "turtle", load_shapes(path))
    failing = {(f.focus_node.value.rsplit("#", 1)[1], f.value) for f in report.findings}
    nn, long_, int_ = (NamedNode(XSD + t) for t in ("nonNegativeInteger", "long", "int"))
    assert failing == {
        ("b", Literal("-5", datatype=nn)),  # out of range
        ("c", Literal("12", datatype=NamedNode(XSD + "integer"))),  # xsd:integer is not xsd:nonNegativeInteger
        ("b", Literal("300", datatype=NamedNode(XSD + "byte"))),
        ("c", Literal("x", datatype=long_)),  # ill-typed
        ("b", Literal("4", datatype=int_)),  # xsd:int is not xsd:integer
    }
    assert engine_keys(DATA, "turtle", (path,)) == pyshacl_keys(DATA, "turtle", (path,))


def test_generated_dataset_records_agree_with_pyshacl():
    """bench/generate_datasets.py's records, defects included, on DCAT-AP + DCAT-AP-NL."""
    document = "\n".join(records(12, seed=3))
    combination = (SHACL, *NL)
    found = engine_keys(document, "turtle", combination)
    assert found == pyshacl_keys(document, "turtle", combination)
    assert sum(found.values()) > 12


EDUCATION = Path(__file__).resolve().parents[2] / "shapes" / "dataset-education.ttl"


def test_generated_dataset_records_with_the_education_extension_agree_with_pyshacl():
    """The "dataset" profile's shapes (SHACL-SPARQL included) on generated records, defects included."""
    batch = records(12, seed=5)
    without_roles = "\n".join(line for line in batch[0].splitlines() if "prov:qualifiedAttribution" not in line)
    document = "\n".join([without_roles, *batch[1:]])
    combination = (SHACL, *NL, EDUCATION)
    found = engine_keys(document, "turtle", combination)
    assert found == pyshacl_keys(document, "turtle", combination)
    assert any(key[4] == "SPARQLConstraintComponent" for key in found)


NOT_EXISTS = PREFIXES + """
@prefix d: <https://example.org/data#> .
ex:Filters a sh:NodeShape ; sh:targetClass d:Thing ;
    sh:sparql [ sh:select \"\"\"SELECT $this WHERE {
        FILTER NOT EXISTS { $this <https://example.org/data#size>/<https://example.org/data#unit> ?unit }
        FILTER NOT EXISTS { ?other <https://example.org/data#count> ?n FILTER (?other = $this) }
    }\"\"\" ] .
"""


def test_filter_not_exists_in_sparql_constraints(tmp_path):
    """Written as MINUS where that means the same (the first), kept where ?this is only in a FILTER."""
    path = tmp_path / "shapes.ttl"
    path.write_text(NOT_EXISTS, encoding="utf-8")
    query = load_shapes(path).constraints[0].query
    assert query.count("MINUS") == 1 and "LATERAL" not in query
    data = DATA + "ex:a ex:size ex:s . ex:s ex:unit ex:kg .\nex:d a ex:Thing .\n"
    found = engine_keys(data, "turtle", (path,))
    assert found == pyshacl_keys(data, "turtle", (path,))
    assert sum(found.values()) == 1  # ex:d: no size with a unit, no count


def test_batches_per_class_and_merged_give_the_same_findings(monkeypatch):
    """Large data runs the merged batches as one query per target class; the findings are the same."""
    from registry.validation import engine

    shapes = load_shapes(SHACL, *NL, EDUCATION)
    document = "\n".join(records(60, seed=11))
    monkeypatch.setattr(engine, "LARGE_DATA_TRIPLES", 10**9)
    merged = validate_document(document, "turtle", shapes).findings
    monkeypatch.setattr(engine, "LARGE_DATA_TRIPLES", 0)
    per_class = validate_document(document, "turtle", shapes).findings
    assert merged == per_class and len(merged) > 100
    assert any(run.split for run in shapes.runs)
