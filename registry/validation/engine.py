"""The validation engine: shapes compiled once to SPARQL, run over named graphs in the store.

`load_shapes(*paths)` parses one or more shapes files into ONE shapes graph and compiles it once
(cached per set of file versions); `validate(store, data_graphs, shapes)` runs the compiled
queries over the union of `data_graphs` (one per constraint, or one per batch of like constraints,
registry.validation.batching; queries whose targets do not occur in the data are skipped) and
turns the rows into `Finding`s exactly as pySHACL turns its results into a report: same focus
nodes, paths, values, source shapes, components, severities and messages (for shapes that declare
sh:message; without one, pySHACL writes its own English text and so does this engine).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode, QuerySolution

from registry.oxigraph_store import OxigraphStore
from registry.store import Store
from registry.validation.batching import Run, plan
from registry.validation.core import (
    TYPE_PATH,
    CompiledConstraint,
    FocusSpec,
    ValueNodesOf,
    compile_core,
)
from registry.validation.graph import Node, Term, TripleIndex
from registry.validation.logic import compile_closed, compile_logical
from registry.validation.model import Finding, ValidationReport
from registry.validation.shapes import (
    LOGICAL,
    SUPPORTED_COMPONENTS,
    PropertyPath,
    Shape,
    ShapesGraph,
    Targets,
    UnsupportedShapeError,
    read_shapes,
    sh,
)
from registry.validation.sparql import compile_sparql

SPARQL_PARAMETER = sh("sparql")


@dataclass(frozen=True)
class Shapes:
    """A parsed and compiled shapes graph; build with `load_shapes` or `Shapes.from_index`."""

    graph: ShapesGraph
    constraints: tuple[CompiledConstraint, ...]
    source: Path | None = None
    sources: tuple[Path, ...] = ()
    runs: tuple[Run, ...] = ()

    @classmethod
    def from_index(cls, index: TripleIndex, source: Path | None = None, sources: tuple[Path, ...] = ()) -> Shapes:
        graph = read_shapes(index)
        compiled: list[CompiledConstraint] = []
        for shape in graph.top_level():
            compiled.extend(_compile_shape(graph, shape, shape.targets, depth=0))
        for constraint in compiled:
            _check_syntax(constraint.query, constraint)
        constraints = tuple(compiled)
        for run in (runs := plan(constraints)):
            for checked in (run, *run.split):
                if checked.indexed:
                    _check_syntax(checked.query_for({cls for cls, _ in checked.rows}) or checked.query, constraints[checked.members[0]])
        return cls(graph, constraints, source, sources or ((source,) if source is not None else ()), runs)

    @property
    def ignored(self) -> list[str]:
        """What the shapes graph says that is not SHACL and was ignored (as pySHACL ignores it)."""
        return list(self.graph.ignored)

    def checks(self) -> list[Shape]:
        """The shapes that report findings, in file order (one per check in eduvoc's profiles)."""
        seen: dict[Node, Shape] = {}
        for constraint in self.constraints:
            seen.setdefault(constraint.shape.node, self.graph.shapes[constraint.shape.node])
        return list(seen.values())


_CACHE: dict[tuple[Path, ...], tuple[tuple[tuple[int, int], ...], Shapes]] = {}
_CACHE_LOCK = threading.Lock()


def load_shapes(*paths: Path | str) -> Shapes:
    """Parse the shapes files at `paths` into ONE shapes graph and compile it, once per set of file
    versions (mtime and size): shapes in one file may use shapes of another (sh:node, sh:or, ...)."""
    if not paths:
        raise TypeError("load_shapes needs at least one shapes file")
    resolved = tuple(Path(p).resolve() for p in paths)
    version = tuple(_version(p) for p in resolved)
    with _CACHE_LOCK:
        cached = _CACHE.get(resolved)
        if cached is not None and cached[0] == version:
            return cached[1]
    if len(resolved) == 1:
        index = TripleIndex.parse(resolved[0])
    else:
        index = TripleIndex(t for p in resolved for t in TripleIndex.parse(p).triples)
    shapes = Shapes.from_index(index, source=resolved[0], sources=resolved)
    with _CACHE_LOCK:
        _CACHE[resolved] = (version, shapes)
    return shapes


def _version(path: Path) -> tuple[int, int]:
    stat = path.stat() if path.exists() else None
    return (stat.st_mtime_ns, stat.st_size) if stat else (0, 0)


def validate(store: Store, data_graphs: Sequence[NamedNode] | NamedNode, shapes: Shapes) -> ValidationReport:
    """Validate the union of `data_graphs` against `shapes`: one SPARQL query per compiled constraint
    or batch of like constraints, skipping those whose targets do not occur in the data."""
    graphs = [data_graphs] if isinstance(data_graphs, NamedNode) else list(data_graphs)
    per_constraint: dict[int, list[Finding]] = {}
    multiplicities: dict[str, dict[Term, int]] = {}
    runs = shapes.runs or plan(shapes.constraints)
    present = _present(store, graphs)
    large = present[2] > LARGE_DATA_TRIPLES
    for batch in runs:
        for run in batch.split if large and batch.split else (batch,):
            if not any(_may_have_focus_nodes(root, present) for root in run.roots):
                continue
            query = run.query_for(present[0])
            if query is not None:
                _run(store, graphs, shapes, run, query, per_constraint, multiplicities)
    findings = [f for index in sorted(per_constraint) for f in per_constraint[index]]
    return ValidationReport(conforms=not findings, findings=findings)


def _run(store: Store, graphs: list[NamedNode], shapes: Shapes, run: Run, query: str,
         per_constraint: dict[int, list[Finding]], multiplicities: dict[str, dict[Term, int]]) -> None:
    """Run one query and file its rows as findings under the constraint each belongs to."""
    rows = store.query(query, default_graph=graphs)
    variables = [v.value for v in rows.variables]
    by_member: Mapping[int, Iterable[QuerySolution]]
    if not run.indexed:
        by_member = {run.members[0]: rows}
    else:
        grouped: dict[int, list[QuerySolution]] = {}
        for row in rows:
            grouped.setdefault(run.members[int(row["eduvoc_c"].value)], []).append(row)
        by_member = grouped
    for index, member_rows in by_member.items():
        constraint = shapes.constraints[index]
        found = list(_findings(constraint, member_rows, variables))
        if constraint.multiplicity is not None and found:
            if constraint.multiplicity not in multiplicities:
                counted = store.query(constraint.multiplicity, default_graph=graphs)
                multiplicities[constraint.multiplicity] = {row["this"]: int(row["count"].value) for row in counted}
            times = multiplicities[constraint.multiplicity]
            found = [f for finding in found for f in [finding] * times.get(finding.focus_node, 1)]
        if found:
            per_constraint[index] = found


# Above this many triples, batches over several target classes run as one query per class
# (Oxigraph joins the large VALUES tables slower than it runs the smaller queries; measured on
# DCAT-AP records: one record merged is faster, 3,000 records per class is 1.1-3.6x faster).
LARGE_DATA_TRIPLES = 5_000
_PRESENT_CLASSES = f"SELECT DISTINCT ?class WHERE {{ ?s {TYPE_PATH} ?class }}"
_PRESENT_PREDICATES = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"

Present = tuple[set[Term], set[Term], int]


def _present(store: Store, graphs: list[NamedNode]) -> Present:
    """The classes with instances (rdfs:subClassOf closure included), the predicates in the data,
    and how many triples it has."""
    classes = {row["class"] for row in store.query(_PRESENT_CLASSES, default_graph=graphs)}
    counted = {row["p"]: int(row["n"].value) for row in store.query(_PRESENT_PREDICATES, default_graph=graphs)}
    return classes, set(counted), sum(counted.values())


def _may_have_focus_nodes(targets: Targets, present: Present) -> bool:
    """False when no target of `targets` can select a node in the data (so its query finds nothing)."""
    classes, predicates, _ = present
    return bool(targets.nodes) or any(c in classes for c in targets.classes) or any(
        p in predicates for p in (*targets.subjects_of, *targets.objects_of))


def _check_syntax(query: str, constraint: CompiledConstraint) -> None:
    """Run the compiled query once on an empty store, so that a bad sh:select fails at load time."""
    global _EMPTY_STORE
    if _EMPTY_STORE is None:
        _EMPTY_STORE = OxigraphStore()
    try:
        _EMPTY_STORE.query(query)
    except SyntaxError as error:
        raise UnsupportedShapeError(
            f"shape {constraint.shape.node}: the SPARQL compiled for {constraint.component.value.rsplit('#', 1)[1]} "
            f"does not parse ({error}); check the sh:select text and its sh:prefixes"
        ) from None


_EMPTY_STORE: OxigraphStore | None = None


def _compile_shape(graph: ShapesGraph, shape: Shape, focus: FocusSpec, depth: int) -> list[CompiledConstraint]:
    """The constraints of `shape` for the focus nodes `focus`, then those of its sh:property shapes."""
    if shape.deactivated:
        return []
    if depth > 8:
        raise UnsupportedShapeError(f"sh:property nested more than 8 levels deep at {shape.node}")
    compiled: list[CompiledConstraint] = []
    by_parameter: dict[NamedNode, list[Term]] = {}
    for parameter, value in shape.parameters:
        by_parameter.setdefault(parameter, []).append(value)
    if sh("ignoredProperties") in by_parameter and sh("closed") not in by_parameter:
        raise UnsupportedShapeError(f"shape {shape.node} has sh:ignoredProperties without sh:closed")
    for parameter, values in by_parameter.items():
        if parameter == sh("ignoredProperties"):
            continue
        if parameter == sh("closed"):
            compiled.extend(compile_closed(graph, shape, values, focus))
        elif parameter in LOGICAL:
            compiled.extend(compile_logical(graph, shape, parameter, values, focus))
        elif parameter == SPARQL_PARAMETER:
            compiled.extend(c for v in values if (c := compile_sparql(shape, v, focus, graph.index)) is not None)
        elif parameter in SUPPORTED_COMPONENTS:
            compiled.extend(compile_core(shape, parameter, values, focus, graph.index))
    child_focus = ValueNodesOf(focus, shape.path) if shape.path is not None else focus
    for child in shape.properties:
        child_shape = graph.shapes.get(child)
        if not graph.index.predicates(child):
            # Declared nowhere (DCAT-AP 3.0.1's dcat-ap-SHACL.ttl has one such reference): no
            # constraints to check; pySHACL stops with an error when such a shape has focus nodes.
            note = f"sh:property of {shape.node} refers to {child}, which is not defined: nothing to check"
            if note not in graph.ignored:
                graph.ignored.append(note)
            continue
        if child_shape is None or child_shape.path is None:
            raise UnsupportedShapeError(f"sh:property of {shape.node} is not a property shape: {child}")
        compiled.extend(_compile_shape(graph, child_shape, child_focus, depth + 1))
    return compiled


def _findings(constraint: CompiledConstraint, rows: Iterable[QuerySolution], variables: list[str]) -> Iterable[Finding]:
    info = constraint.shape
    hints = _by_language(info.fix_hints)
    if constraint.sparql is None:
        messages = _by_language(info.messages) or {"en": _generic_message(constraint)}
        has_value = "value" in variables
        row_path = "path" in variables  # sh:closed: the predicate of each extra triple
        for row in rows:
            path = _result_path(row["path"], info.path) if row_path else info.path
            yield Finding(row["this"], path, row["value"] if has_value else None, info.severity,
                          info.node, info.check_id, messages, hints, constraint.component, None)
        return
    yield from _sparql_findings(constraint, rows, variables, hints)


def _sparql_findings(constraint: CompiledConstraint, rows: Iterable[QuerySolution], variables: list[str], hints: dict[str, str]) -> Iterable[Finding]:
    """Rows of a SHACL-SPARQL query to results, following pySHACL's rules.

    Per row: `?failure` gives one result per focus node; otherwise a row counts only when it binds
    a projected ?this, ?path or ?value. The value is ?value, else the focus node (node shapes);
    the path is ?path, else the shape's path. Messages are the shape's and the constraint's
    sh:message with {?var}/{$var} replaced by the row's values.
    """
    info, rules = constraint.shape, constraint.sparql
    assert rules is not None
    templates = list(info.messages) + [m for m in rules.messages if m not in info.messages]
    failed: set[Term] = set()
    for row in rows:
        focus = row["this"]
        bound = {name: row[name] for name in variables if row[name] is not None}
        extras = {k: v for k, v in bound.items() if k not in ("this", "path", "value", "failure")}
        if not rules.star:
            extras = {k: v for k, v in extras.items() if k in rules.projected}
        this = bound.get("this") if rules.star or "this" in rules.projected else None
        path_term = bound.get("path") if rules.star or "path" in rules.projected else None
        value = bound.get("value") if rules.star or "value" in rules.projected else None
        fallback_value = None if constraint.is_property_shape else focus
        if bound.get("failure") is not None and (rules.star or "failure" in rules.projected):
            if focus in failed:
                continue
            failed.add(focus)
            substitutions = dict(extras)
        else:
            if this is None and path_term is None and value is None:
                continue
            value = value if value is not None else fallback_value
            substitutions = dict(extras)
            for name, term in (("this", this), ("path", path_term), ("value", value)):
                if term is not None:
                    substitutions[name] = term
            focus = this or focus
        messages = _format(templates, substitutions) if templates else {"en": _generic_message(constraint)}
        path = _result_path(path_term, info.path)
        yield Finding(focus, path, value if bound.get("failure") is None else fallback_value, info.severity, info.node,
                      info.check_id, messages, hints, constraint.component, constraint.source_constraint)


def _result_path(term: Term | None, shape_path: PropertyPath | None) -> PropertyPath | None:
    """?path from a SPARQL row when bound (pySHACL), else the shape's own path."""
    if term is None:
        return shape_path
    return PropertyPath(node=term, sparql=str(term))


def _format(templates: list[Literal], substitutions: dict[str, Term]) -> dict[str, str]:
    """Messages with {?name} and {$name} replaced by the plain value of a bound variable."""
    formatted: dict[str, str] = {}
    for template in templates:
        text = template.value
        if "{" in text:
            for name, term in substitutions.items():
                plain = term.value
                text = text.replace("{?" + name + "}", plain).replace("{$" + name + "}", plain)
        formatted.setdefault(template.language or "", text)
    return formatted


def _by_language(literals: Iterable[Literal]) -> dict[str, str]:
    result: dict[str, str] = {}
    for literal in sorted(literals, key=lambda lit: (lit.language or "", lit.value)):
        result.setdefault(literal.language or "", literal.value)
    return result


_GENERIC = {
    "MinCountConstraintComponent": "Less values than sh:minCount",
    "MaxCountConstraintComponent": "More values than sh:maxCount",
    "DatatypeConstraintComponent": "Value is not a literal of the required datatype",
    "NodeKindConstraintComponent": "Value is not of the required node kind",
    "ClassConstraintComponent": "Value is not an instance of the required class",
    "InConstraintComponent": "Value is not one of the allowed values",
    "HasValueConstraintComponent": "The required value is missing",
    "LanguageInConstraintComponent": "Language tag is not one of the allowed languages",
    "UniqueLangConstraintComponent": "More than one value with the same language tag",
    "PatternConstraintComponent": "Value does not match the pattern",
    "MinLengthConstraintComponent": "Value is shorter than sh:minLength",
    "MaxLengthConstraintComponent": "Value is longer than sh:maxLength",
    "DisjointConstraintComponent": "Value is also a value of the disjoint property",
    "SPARQLConstraintComponent": "SPARQL constraint violated",
    "NodeConstraintComponent": "Value does not conform to the required shape",
    "OrConstraintComponent": "Value does not conform to any of the alternative shapes",
    "AndConstraintComponent": "Value does not conform to all of the required shapes",
    "NotConstraintComponent": "Value conforms to a shape it must not conform to",
    "XoneConstraintComponent": "Value does not conform to exactly one of the shapes",
    "ClosedConstraintComponent": "Property not allowed by the closed shape",
}


def _generic_message(constraint: CompiledConstraint) -> str:
    """An English message for shapes without sh:message (pySHACL's own wording differs)."""
    return _GENERIC.get(constraint.component.value.rsplit("#", 1)[1], "Constraint violated")
