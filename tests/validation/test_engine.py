"""The engine itself: refusing what it cannot compile, compiling once, paths, data graphs, serialisers."""

from __future__ import annotations

import csv
import io
import json
import os
import time
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from registry.quality import VOCABULARY_PROFILE, check_vocabulary
from registry.validation import (
    UnsupportedShapeError,
    load_shapes,
    to_csv,
    to_json,
    to_turtle,
    validate,
)
from tests.conftest import SOURCES_DIR
from tests.validation.defects import DEFECTS, GRAPH, Vocabulary

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/shapes#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def shapes_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "shapes.ttl"
    path.write_text(PREFIXES + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("profile, construct", [
    (SOURCES_DIR / "vocpub-profile" / "validators" / "validator.ttl", "sh:qualified"),
])
def test_foreign_profiles_with_unsupported_constructs_are_refused(profile, construct):
    with pytest.raises(UnsupportedShapeError, match=construct):
        load_shapes(profile)


CONSTRUCT = "ex:S a sh:NodeShape ; sh:targetClass skos:Concept ; "
SPARQL = CONSTRUCT + 'sh:sparql [ sh:select """PREFIX skos: <http://www.w3.org/2004/02/skos/core#> {} """ ] .'


@pytest.mark.parametrize("body, message", [
    (CONSTRUCT + "sh:or ( ) .", "empty"),
    (CONSTRUCT + "sh:node ex:S .", "refers to itself"),
    (CONSTRUCT + "sh:node ex:T . ex:T sh:property [ sh:path skos:broader ; sh:node ex:T ] .", "refers to itself"),
    (CONSTRUCT + "sh:not [ sh:sparql [ sh:select \"SELECT $this WHERE { }\" ] ] .", "sh:sparql in a shape used by"),
    (CONSTRUCT + "sh:node [ sh:property [ sh:path skos:altLabel ; sh:minCount 5 ] ] .", "counts above"),
    (CONSTRUCT + "sh:node [ sh:minCount 1 ] .", "only allowed on property shapes"),
    (CONSTRUCT + "sh:ignoredProperties ( skos:prefLabel ) .", "without sh:closed"),
    (CONSTRUCT + "sh:closed true, false .", "more than one sh:closed"),
    (CONSTRUCT + "sh:property [ sh:path skos:prefLabel ; sh:equals skos:altLabel ] .", "sh:equals"),
    (CONSTRUCT + "sh:property [ sh:path skos:notation ; sh:minInclusive 1 ] .", "sh:minInclusive"),
    (CONSTRUCT + "sh:property [ sh:path skos:prefLabel ; sh:qualifiedValueShape [ sh:datatype xsd:string ] ; sh:qualifiedMinCount 1 ] .", "sh:qualified"),
    (CONSTRUCT + "sh:target [ a sh:SPARQLTarget ; sh:select \"SELECT ?this WHERE { ?this ?p ?o }\" ] .", "sh:target"),
    ("ex:C a sh:ConstraintComponent ; sh:parameter [ sh:path ex:p ] .", "custom constraint components"),
    (CONSTRUCT + "sh:severity ex:Fatal .", "severity"),
    (CONSTRUCT + "sh:severity sh:Warning, sh:Info .", "more than one sh:severity"),
    (CONSTRUCT + "sh:in ( [] ) .", "blank node"),
    (CONSTRUCT + "sh:minCount 1 .", "only allowed on property shapes"),
    (SPARQL.format("SELECT $this WHERE { $this skos:broader ?x MINUS { ?x a skos:Concept } }"), "MINUS"),
    (SPARQL.format("SELECT $this WHERE { VALUES ?x { 1 } $this skos:notation ?x }"), "VALUES"),
    (SPARQL.format("SELECT $this WHERE { SERVICE <https://example.org/sparql> { $this ?p ?o } }"), "SERVICE"),
    (SPARQL.format("SELECT $this WHERE { GRAPH $shapesGraph { $this ?p ?o } }"), "shapesGraph"),
    (SPARQL.format("SELECT $this WHERE { { SELECT ?x WHERE { ?x skos:broader ?y } } $this skos:broader ?x }"), "nested SELECT"),
    (SPARQL.format("SELECT $this WHERE { $this skos:broader ?x BIND (?x AS ?this) }"), "re-bind"),
    (SPARQL.format("SELECT $this (COUNT(?x) AS ?n) WHERE { $this skos:broader ?x } GROUP BY $this"), "GROUP"),
    (SPARQL.format("SELECT $this (COUNT(?x) AS ?n) WHERE { $this skos:broader ?x }"), "aggregates"),
    (SPARQL.format("SELECT $this WHERE { $this skos:broader ?x } LIMIT 1"), "LIMIT"),
    (SPARQL.format("SELECT $this WHERE { $this $PATH ?x }"), "PATH"),
    (CONSTRUCT + 'sh:sparql [ sh:select "SELECT $this WHERE { $this skos:broader ?x }" ] .', "does not parse"),
])
def test_unsupported_constructs_raise_a_clear_error(tmp_path, body, message):
    with pytest.raises(UnsupportedShapeError, match=message):
        load_shapes(shapes_file(tmp_path, body))


def test_shapes_are_parsed_and_compiled_once_per_file_version(tmp_path):
    path = shapes_file(tmp_path, "ex:S a sh:NodeShape ; sh:targetClass skos:Concept ; sh:nodeKind sh:IRI .")
    first = load_shapes(path)
    assert load_shapes(path) is first
    time.sleep(0.01)
    path.write_text(path.read_text() + "\nex:T a sh:NodeShape ; sh:targetClass skos:Concept ; sh:nodeKind sh:Literal .\n")
    os.utime(path, ns=(time.time_ns(), time.time_ns()))
    second = load_shapes(path)
    assert second is not first and len(second.constraints) == 2


def test_property_paths_become_sparql_paths(tmp_path):
    path = shapes_file(tmp_path, """
        ex:S a sh:NodeShape ; sh:targetClass skos:Concept ;
            sh:property [ sh:path ( skos:broader [ sh:inversePath skos:narrower ] ) ; sh:minCount 1 ] ,
                [ sh:path [ sh:alternativePath ( skos:altLabel [ sh:zeroOrMorePath skos:broader ] [ sh:oneOrMorePath skos:related ] [ sh:zeroOrOnePath skos:notation ] ) ] ; sh:minCount 1 ] .
    """)
    skos = "http://www.w3.org/2004/02/skos/core#"
    paths = {c.shape.path.sparql for c in load_shapes(path).constraints}
    assert paths == {
        f"(<{skos}broader>/^(<{skos}narrower>))",
        f"(<{skos}altLabel>|(<{skos}broader>)*|(<{skos}related>)+|(<{skos}notation>)?)",
    }


def test_sparql_constraints_run_once_for_every_focus_node():
    shapes = load_shapes(VOCABULARY_PROFILE)
    cycle = next(c for c in shapes.constraints if c.shape.check_id == "hierarchy-cycle")
    assert cycle.query.count("LATERAL") == 1 and "SELECT DISTINCT ?this" in cycle.query
    assert "$this" in cycle.query  # pre-bound by LATERAL, not substituted as text


def test_the_data_may_span_several_graphs():
    vocabulary, expected = DEFECTS[[d.check_id for d in DEFECTS].index("hierarchy-cycle")].apply()
    store = vocabulary.store()
    one = {(f.check_id, f.focus_node, f.value) for f in check_vocabulary(store, GRAPH).findings}
    half = len(vocabulary.triples) // 2
    first, second = NamedNode("urn:eduvoc:test:first"), NamedNode("urn:eduvoc:test:second")
    store.add_quads(Quad(t.subject, t.predicate, t.object, first) for t in vocabulary.triples[:half])
    store.add_quads(Quad(t.subject, t.predicate, t.object, second) for t in vocabulary.triples[half:])
    split = validate(store, [first, second], load_shapes(VOCABULARY_PROFILE))
    assert {(f.check_id, f.focus_node, f.value) for f in split.findings} == one
    assert {(e.check_id, e.focus, e.value) for e in expected} <= one


@pytest.fixture(scope="module")
def report():
    """werkvormen with a hierarchy cycle, a missing definition and a shared label."""
    vocabulary = Vocabulary("werkvormen")
    for check_id in ("hierarchy-cycle", "concept-documented", "preflabel-conflict"):
        next(d for d in DEFECTS if d.check_id == check_id).introduce(vocabulary)
    return check_vocabulary(vocabulary.store(), GRAPH)


def test_report_as_json(report):
    encoded = json.loads(json.dumps(to_json(report), ensure_ascii=False))
    assert encoded["conforms"] is False and encoded["blocksPublication"] is True
    assert encoded["severityCounts"] == {"Violation": 2, "Warning": 2, "Info": 1}
    assert encoded["checkCounts"] == {"hierarchy-cycle": 2, "preflabel-conflict": 2, "concept-documented": 1}
    conflict = next(f for f in encoded["findings"] if f["checkId"] == "preflabel-conflict")
    assert conflict["value"]["type"] == "literal" and conflict["value"]["xml:lang"] == "nl"
    assert conflict["focusNode"]["type"] == "uri" and conflict["path"] == "http://www.w3.org/2004/02/skos/core#prefLabel"
    assert set(conflict["messages"]) == set(conflict["fixHints"]) == {"nl", "en"}
    assert conflict["value"]["value"] in conflict["messages"]["nl"]


def test_report_as_shacl_turtle(report):
    graph = Graph().parse(data=to_turtle(report), format="turtle")
    (root,) = graph.subjects(RDF.type, SH.ValidationReport)
    results = list(graph.objects(root, SH.result))
    assert len(results) == len(report.findings) == 5
    for result in results:
        assert {m.language for m in graph.objects(result, SH.resultMessage)} == {"nl", "en"}
        for predicate in (SH.focusNode, SH.resultSeverity, SH.sourceShape, SH.sourceConstraintComponent):
            assert graph.value(result, predicate) is not None
    eduvoc = "https://w3id.org/eduvoc/def/"
    for shape in set(graph.objects(None, SH.sourceShape)):
        assert graph.value(shape, URIRef(eduvoc + "checkId")) is not None
        assert {h.language for h in graph.objects(shape, URIRef(eduvoc + "fixHint"))} == {"nl", "en"}
    documented = next(r for r in results if str(graph.value(r, SH.sourceShape)).endswith("#ConceptDocumented"))
    path = graph.value(documented, SH.resultPath)
    assert graph.value(path, SH.alternativePath) is not None  # a complex path, copied with its list


def test_report_as_csv(report):
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    assert len(rows) == 5
    assert all(row["message_nl"] and row["message_en"] and row["fix_hint_nl"] and row["fix_hint_en"] for row in rows)
    assert {row["severity"] for row in rows} == {"Violation", "Warning", "Info"}
