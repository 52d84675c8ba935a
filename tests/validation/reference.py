"""Comparing registry.validation with pySHACL: run both on the same data and shapes, normalise the results.

A result is (focus, path, value, severity, source shape) as strings: IRIs as <iri>, literals as
"lexical"@lang or "lexical"^^<datatype> (language tags in lower case, as Oxigraph stores them),
blank nodes as _:b (their labels differ between the engines), complex paths in SPARQL syntax.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph
import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from registry.formats import format_of_file
from registry.oxigraph_store import OxigraphStore
from registry.validation import Shapes, ValidationReport, validate
from registry.validation.model import Finding

Key = tuple[str, str, str, str, str]
GRAPH = pyoxigraph.NamedNode("urn:eduvoc:test:data")


def _rdflib_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return "_:b"
    assert isinstance(term, Literal)
    if term.language:
        return f"{str(term)!r}@{term.language.lower()}"
    return f"{str(term)!r}^^<{term.datatype or XSD.string}>"


def _oxigraph_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, pyoxigraph.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, pyoxigraph.BlankNode):
        return "_:b"
    if term.language:
        return f"{term.value!r}@{term.language.lower()}"
    return f"{term.value!r}^^<{term.datatype.value}>"


def _rdflib_path(graph: Graph, node) -> str:
    """A SHACL path in the report graph, in the SPARQL syntax registry.validation uses."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if (node, RDF.first, None) in graph:
        return "(" + "/".join(_rdflib_path(graph, m) for m in Collection(graph, node)) + ")"
    forms = {
        SH.inversePath: lambda v: f"^({_rdflib_path(graph, v)})",
        SH.alternativePath: lambda v: "(" + "|".join(_rdflib_path(graph, m) for m in Collection(graph, v)) + ")",
        SH.zeroOrMorePath: lambda v: f"({_rdflib_path(graph, v)})*",
        SH.oneOrMorePath: lambda v: f"({_rdflib_path(graph, v)})+",
        SH.zeroOrOnePath: lambda v: f"({_rdflib_path(graph, v)})?",
    }
    for predicate, render in forms.items():
        value = graph.value(node, predicate)
        if value is not None:
            return render(value)
    raise AssertionError(f"not a path: {node}")


def finding_key(finding: Finding) -> Key:
    path = ""
    if finding.path is not None:
        path = f"<{finding.path.node.value}>" if finding.path.predicate is not None else finding.path.sparql
    return (
        _oxigraph_term(finding.focus_node),
        path,
        _oxigraph_term(finding.value),
        finding.severity.value,
        _oxigraph_term(finding.source_shape),
    )


def engine_results(data: Path | list[Path], shapes: Shapes) -> tuple[ValidationReport, Counter[Key], dict[Key, set[tuple[str, frozenset[str]]]]]:
    """Validate the file(s) with registry.validation over an in-memory Oxigraph store."""
    store = OxigraphStore()
    for path in [data] if isinstance(data, Path) else data:
        store.bulk_load(path, format_of_file(path), GRAPH, None)
    report = validate(store, [GRAPH], shapes)
    keys: Counter[Key] = Counter()
    messages: dict[Key, set[tuple[str, frozenset[str]]]] = {}
    for finding in report.findings:
        key = finding_key(finding)
        keys[key] += 1
        component = finding.constraint_component.value.rsplit("#", 1)[1]
        messages.setdefault(key, set()).add((component, frozenset(finding.messages.values())))
    return report, keys, messages


def pyshacl_results(data: Path | list[Path] | Graph, shapes_path: Path) -> tuple[bool, Counter[Key], dict[Key, set[tuple[str, frozenset[str]]]]]:
    """Validate with pySHACL (no inference, SHACL-SPARQL on) and read its report graph."""
    if isinstance(data, Graph):
        graph = data
    else:
        graph = Graph()
        for path in [data] if isinstance(data, Path) else data:
            graph.parse(path)
    shapes = Graph().parse(shapes_path)
    conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=False)
    keys: Counter[Key] = Counter()
    messages: dict[Key, set[tuple[str, frozenset[str]]]] = {}
    for result in report.objects(None, SH.result):  # not the nested results pySHACL adds under sh:detail
        key = (
            _rdflib_term(report.value(result, SH.focusNode)),
            _rdflib_path(report, report.value(result, SH.resultPath)),
            _rdflib_term(report.value(result, SH.value)),
            str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[1],
            _rdflib_term(report.value(result, SH.sourceShape)),
        )
        keys[key] += 1
        component = str(report.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[1]
        messages.setdefault(key, set()).add((component, frozenset(str(m) for m in report.objects(result, SH.resultMessage))))
    return conforms, keys, messages


# Comparing whole results, for shapes graphs made of several files (DCAT-AP, DCAT-AP-NL): each
# result is (focus, path, value, source shape, component, severity); blank-node source shapes are
# named by their content (so that two blank property shapes of one node shape stay apart).
ResultKey = tuple[str, str, str, str, str, str]


def _signature(describe, node, depth: int = 0) -> str:
    """A blank node by what it says: its sorted (predicate, object) pairs, blank objects nested."""
    if depth > 6:
        return "_:…"
    pairs = sorted(f"{p} {_signature(describe, o, depth + 1) if kind == 'bnode' else o}" for p, o, kind in describe(node))
    return "[" + "; ".join(pairs) + "]"


def _oxigraph_describe(index):
    def describe(node):
        for predicate in index.predicates(node):
            for obj in index.objects(node, predicate):
                kind = "bnode" if isinstance(obj, pyoxigraph.BlankNode) else "term"
                yield f"<{predicate.value}>", (obj if kind == "bnode" else _oxigraph_term(obj)), kind
    return describe


def _rdflib_describe(graph: Graph):
    def describe(node):
        for predicate, obj in graph.predicate_objects(node):
            kind = "bnode" if isinstance(obj, BNode) else "term"
            yield f"<{predicate}>", (obj if kind == "bnode" else _rdflib_term(obj)), kind
    return describe


def engine_result_keys(report: ValidationReport, shapes: Shapes) -> Counter[ResultKey]:
    describe = _oxigraph_describe(shapes.graph.index)
    keys: Counter[ResultKey] = Counter()
    for finding in report.findings:
        focus, path, value, severity, shape = finding_key(finding)
        if isinstance(finding.source_shape, pyoxigraph.BlankNode):
            shape = _signature(describe, finding.source_shape)
        keys[(focus, path, value, shape, finding.constraint_component.value.rsplit("#", 1)[1], severity)] += 1
    return keys


def rdflib_shapes(shapes_paths: list[Path]) -> Graph:
    """The shapes files as one rdflib graph, without sh:property links to shapes that are defined
    nowhere (pySHACL stops with 'not a well-formed SHACL PropertyShape' on those; the engine skips
    them and says so in Shapes.ignored)."""
    shapes = Graph()
    for path in shapes_paths:
        shapes.parse(path)
    for subject, target in list(shapes.subject_objects(SH.property)):
        if next(iter(shapes.predicate_objects(target)), None) is None:
            shapes.remove((subject, SH.property, target))
    return shapes


def pyshacl_result_keys(data: Graph, shapes: Graph) -> tuple[bool, Counter[ResultKey]]:
    """pySHACL's top-level results (linked by sh:result; nested sh:detail results are not results)."""
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=False)
    return conforms, pyshacl_report_keys(report, shapes)


def pyshacl_report_keys(report: Graph, shapes: Graph) -> Counter[ResultKey]:
    """The results of a pySHACL report graph, as keys comparable with `engine_result_keys`."""
    describe = _rdflib_describe(shapes)
    keys: Counter[ResultKey] = Counter()
    for result in report.objects(None, SH.result):
        shape = report.value(result, SH.sourceShape)
        keys[(
            _rdflib_term(report.value(result, SH.focusNode)),
            _rdflib_path(report, report.value(result, SH.resultPath)),
            _rdflib_term(report.value(result, SH.value)),
            _signature(describe, shape) if isinstance(shape, BNode) else _rdflib_term(shape),
            str(report.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[1],
            str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[1],
        )] += 1
    return keys
