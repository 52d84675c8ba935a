"""The validation engine: shapes compiled once to SPARQL, run over named graphs in the store.

`load_shapes(path)` parses and compiles a shapes file once (cached per file version);
`validate(store, data_graphs, shapes)` runs one query per constraint over the union of
`data_graphs` and turns the rows into `Finding`s exactly as pySHACL turns its results into a
report: same focus nodes, paths, values, source shapes, severities and messages (for shapes that
declare sh:message; without one, pySHACL writes its own English text and so does this engine).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode, QuerySolution

from registry.oxigraph_store import OxigraphStore
from registry.store import Store
from registry.validation.core import (
    CompiledConstraint,
    FocusSpec,
    ValueNodesOf,
    compile_core,
)
from registry.validation.graph import Node, Term, TripleIndex
from registry.validation.model import Finding, ValidationReport
from registry.validation.shapes import (
    SUPPORTED_COMPONENTS,
    PropertyPath,
    Shape,
    ShapesGraph,
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

    @classmethod
    def from_index(cls, index: TripleIndex, source: Path | None = None) -> Shapes:
        graph = read_shapes(index)
        compiled: list[CompiledConstraint] = []
        for shape in graph.top_level():
            compiled.extend(_compile_shape(graph, shape, shape.targets, depth=0))
        for constraint in compiled:
            _check_syntax(constraint)
        return cls(graph, tuple(compiled), source)

    def checks(self) -> list[Shape]:
        """The shapes that report findings, in file order (one per check in eduvoc's profiles)."""
        seen: dict[Node, Shape] = {}
        for constraint in self.constraints:
            seen.setdefault(constraint.shape.node, self.graph.shapes[constraint.shape.node])
        return list(seen.values())


_CACHE: dict[Path, tuple[tuple[int, int], Shapes]] = {}
_CACHE_LOCK = threading.Lock()


def load_shapes(path: Path | str) -> Shapes:
    """Parse and compile the shapes file at `path`, once per file version (mtime and size)."""
    resolved = Path(path).resolve()
    stat = resolved.stat() if resolved.exists() else None
    version = (stat.st_mtime_ns, stat.st_size) if stat else (0, 0)
    with _CACHE_LOCK:
        cached = _CACHE.get(resolved)
        if cached is not None and cached[0] == version:
            return cached[1]
    shapes = Shapes.from_index(TripleIndex.parse(resolved), source=resolved)
    with _CACHE_LOCK:
        _CACHE[resolved] = (version, shapes)
    return shapes


def validate(store: Store, data_graphs: Sequence[NamedNode] | NamedNode, shapes: Shapes) -> ValidationReport:
    """Validate the union of `data_graphs` against `shapes`; one SPARQL query per compiled constraint."""
    graphs = [data_graphs] if isinstance(data_graphs, NamedNode) else list(data_graphs)
    findings: list[Finding] = []
    multiplicities: dict[str, dict[Term, int]] = {}
    for constraint in shapes.constraints:
        rows = store.query(constraint.query, default_graph=graphs)
        variables = [v.value for v in rows.variables]  # type: ignore[union-attr]
        found = _findings(constraint, rows, variables)  # type: ignore[arg-type]
        if constraint.multiplicity is None:
            findings.extend(found)
            continue
        if constraint.multiplicity not in multiplicities:
            counted = store.query(constraint.multiplicity, default_graph=graphs)
            multiplicities[constraint.multiplicity] = {row["this"]: int(row["count"].value) for row in counted}  # type: ignore[union-attr]
        times = multiplicities[constraint.multiplicity]
        for finding in found:
            findings.extend([finding] * times.get(finding.focus_node, 1))
    return ValidationReport(conforms=not findings, findings=findings)


def _check_syntax(constraint: CompiledConstraint) -> None:
    """Run the compiled query once on an empty store, so that a bad sh:select fails at load time."""
    global _EMPTY_STORE
    if _EMPTY_STORE is None:
        _EMPTY_STORE = OxigraphStore()
    try:
        _EMPTY_STORE.query(constraint.query)
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
    for parameter, values in by_parameter.items():
        if parameter == SPARQL_PARAMETER:
            compiled.extend(c for v in values if (c := compile_sparql(shape, v, focus, graph.index)) is not None)
        elif parameter in SUPPORTED_COMPONENTS:
            compiled.extend(compile_core(shape, parameter, values, focus, graph.index))
    child_focus = ValueNodesOf(focus, shape.path) if shape.path is not None else focus
    for child in shape.properties:
        child_shape = graph.shapes.get(child)
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
        for row in rows:
            yield Finding(row["this"], info.path, row["value"] if has_value else None, info.severity,
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
}


def _generic_message(constraint: CompiledConstraint) -> str:
    """An English message for shapes without sh:message (pySHACL's own wording differs)."""
    return _GENERIC.get(constraint.component.value.rsplit("#", 1)[1], "Constraint violated")
