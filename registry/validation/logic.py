"""Shape-based constraints compiled to SPARQL: sh:node, sh:or, sh:and, sh:not, sh:xone and sh:closed.

A shape referenced by sh:node (or listed in sh:or, ...) is compiled into one SPARQL boolean
expression that is true when a variable's node conforms to it
(https://www.w3.org/TR/shacl/#conformance-checking): tests of the node itself (sh:datatype,
sh:class, sh:pattern, ...) become FILTER expressions, property constraints become EXISTS / NOT
EXISTS groups over the node's values, and nested shapes nest. The outer constraint then runs as
one query for all focus nodes, as every other constraint does.

Results follow pySHACL: one result per value node that fails, with the outer shape as source shape
and the component of the outer constraint (sh:NodeConstraintComponent, sh:OrConstraintComponent,
...); a node conforms only when the nested shape produces no results of any severity. pySHACL adds
the nested shape's results under sh:detail for sh:node; this engine does not (the result itself is
the same). A nested shape that refers back to itself is refused (pySHACL warns and lets it pass).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from registry.namespaces import RDFS
from registry.validation.core import (
    VALUE_TESTS,
    CompiledConstraint,
    FocusSpec,
    focus_pattern,
)
from registry.validation.core import sparql_term as _term
from registry.validation.graph import RDF_TYPE, Node, Term
from registry.validation.shapes import (
    SH,
    SUPPORTED_COMPONENTS,
    Shape,
    ShapesGraph,
    UnsupportedShapeError,
    literal_int,
    sh,
)

RDFS_RESOURCE = NamedNode(RDFS + "Resource")
# Counting distinct values by pairwise comparison (no aggregates inside EXISTS) stays small only
# for small counts; larger sh:minCount/sh:maxCount in nested shapes are refused.
MAX_NESTED_COUNT = 4


def is_true(value: Term) -> bool:
    return isinstance(value, Literal) and value.value.lower() in ("true", "1")


@dataclass
class _Compiler:
    """Builds conformance expressions; `names` hands out fresh variable names per query."""

    graph: ShapesGraph
    names: Iterator[int]

    def var(self) -> str:
        return f"?eduvoc_v{next(self.names)}"

    def shape(self, node: Term, owner: Node) -> Shape:
        if isinstance(node, Literal) or node not in self.graph.shapes:
            raise UnsupportedShapeError(f"shape {owner} refers to {node}, which is not a shape")
        return self.graph.shapes[node]

    def conforms(self, node: Term, v: str, owner: Node, stack: tuple[Node, ...]) -> str:
        """True when the node in `v` conforms to the shape `node`."""
        shape = self.shape(node, owner)
        if shape.node in stack:
            raise UnsupportedShapeError(f"shape {shape.node} refers to itself through {' -> '.join(map(str, stack))}")
        if shape.deactivated:
            return "true"
        stack = (*stack, shape.node)
        parts: list[str] = []
        if shape.path is None:
            parts.extend(self.node_tests(shape, v, stack))
            parts.extend(self.conforms(child, v, shape.node, stack) for child in shape.properties)
        else:
            parts.extend(self.property_tests(shape, v, stack))
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def node_tests(self, shape: Shape, v: str, stack: tuple[Node, ...]) -> Iterator[str]:
        """The tests of a node shape on its one value node, the node in `v` itself."""
        for name, values in _grouped(shape):
            if name == "minCount" or name == "maxCount" or name == "uniqueLang":
                raise UnsupportedShapeError(f"shape {shape.node}: sh:{name} is only allowed on property shapes")
            if name == "hasValue":
                yield from (f"sameTerm({v}, {_term(value, 'sh:hasValue')})" for value in values)
            elif name == "disjoint":
                yield from (f"NOT EXISTS {{ {v} {_iri(value, shape)} {v} }}" for value in values)
            else:
                yield from self.value_tests(shape, name, values, v, stack)

    def property_tests(self, shape: Shape, x: str, stack: tuple[Node, ...]) -> Iterator[str]:
        """The tests of a property shape on the node in `x`, whose value nodes are reached by its path."""
        assert shape.path is not None
        path = shape.path.sparql
        for name, values in _grouped(shape):
            if name == "minCount":
                yield _at_least(x, path, literal_int(values[0], "minCount", shape.node), self, shape)
            elif name == "maxCount":
                count = literal_int(values[0], "maxCount", shape.node)
                yield f"!{_at_least(x, path, count + 1, self, shape)}"
            elif name == "hasValue":
                y = self.var()
                yield from (f"EXISTS {{ {x} {path} {y} FILTER (sameTerm({y}, {_term(value, 'sh:hasValue')})) }}" for value in values)
            elif name == "uniqueLang":
                if is_true(values[0]):
                    a, b = self.var(), self.var()
                    yield (f'NOT EXISTS {{ {x} {path} {a} . {x} {path} {b} FILTER (!sameTerm({a}, {b}) && isLiteral({a}) && '
                           f'isLiteral({b}) && lang({a}) != "" && lcase(lang({a})) = lcase(lang({b}))) }}')
            elif name == "disjoint":
                y = self.var()
                yield from (f"NOT EXISTS {{ {x} {path} {y} . {x} {_iri(value, shape)} {y} }}" for value in values)
            else:
                y = self.var()
                for test in self.value_tests(shape, name, values, y, stack):
                    yield f"NOT EXISTS {{ {x} {path} {y} FILTER (!{test}) }}"
        for child in shape.properties:
            y = self.var()
            yield f"NOT EXISTS {{ {x} {path} {y} FILTER (!{self.conforms(child, y, shape.node, stack)}) }}"

    def value_tests(self, shape: Shape, name: str, values: list[Term], v: str, stack: tuple[Node, ...]) -> Iterator[str]:
        """Tests on one value node: the core value tests and the shape-based constraints."""
        if name in VALUE_TESTS:
            yield from (VALUE_TESTS[name](shape, value, self.graph.index, v) for value in values)
        elif name in ("node", "or", "and", "not", "xone"):
            yield from (f"({self.logical(shape, name, value, v, stack)})" for value in values)
        elif name == "closed":
            test = self.closed(shape, values, v)
            if test is not None:
                yield test
        elif name == "sparql":
            raise UnsupportedShapeError(f"shape {shape.node}: sh:sparql in a shape used by sh:node, sh:or, ... is not supported")
        else:
            raise UnsupportedShapeError(f"shape {shape.node}: sh:{name} is not supported in a nested shape")

    def logical(self, shape: Shape, name: str, value: Term, v: str, stack: tuple[Node, ...]) -> str:
        """True when the node in `v` passes one sh:node / sh:or / sh:and / sh:not / sh:xone constraint."""
        if name in ("node", "not"):
            inner = self.conforms(value, v, shape.node, stack)
            return inner if name == "node" else f"!{inner}"
        members = self.graph.index.items(value)
        if not members:
            raise UnsupportedShapeError(f"shape {shape.node}: the list of sh:{name} is empty")
        if name != "xone":  # pySHACL reads sh:or and sh:and lists as sets
            members = list(dict.fromkeys(members))
        tests = [self.conforms(m, v, shape.node, stack) for m in members]
        if name == "or":
            return " || ".join(tests)
        if name == "and":
            return " && ".join(tests)
        return " + ".join(f"IF({t}, 1, 0)" for t in tests) + " = 1"

    def closed(self, shape: Shape, values: list[Term], v: str) -> str | None:
        """True when the node in `v` has no properties outside the closed shape's (None: not closed)."""
        allowed = closed_predicates(self.graph, shape, values)
        if allowed is None:
            return None
        p, o = self.var(), self.var()
        return f"NOT EXISTS {{ {v} {p} {o} FILTER ({_outside(p, o, allowed)}) }}"


def _grouped(shape: Shape) -> list[tuple[str, list[Term]]]:
    grouped: dict[str, list[Term]] = {}
    for parameter, value in shape.parameters:
        if parameter == sh("ignoredProperties"):
            continue
        grouped.setdefault(parameter.value[len(SH):], []).append(value)
    return list(grouped.items())


def _iri(value: Term, shape: Shape) -> str:
    if not isinstance(value, NamedNode):
        raise UnsupportedShapeError(f"shape {shape.node}: sh:disjoint must be an IRI")
    return str(value)


def _at_least(x: str, path: str, count: int, compiler: _Compiler, shape: Shape) -> str:
    """True when the node in `x` has at least `count` distinct values for `path`."""
    if count <= 0:
        return "true"
    if count > MAX_NESTED_COUNT:
        raise UnsupportedShapeError(f"shape {shape.node}: counts above {MAX_NESTED_COUNT} are not supported in nested shapes")
    names = [compiler.var() for _ in range(count)]
    triples = " ".join(f"{x} {path} {n} ." for n in names)
    distinct = " && ".join(f"!sameTerm({a}, {b})" for a, b in itertools.combinations(names, 2))
    return f"EXISTS {{ {triples} {f'FILTER ({distinct})' if distinct else ''} }}"


def closed_predicates(graph: ShapesGraph, shape: Shape, values: list[Term]) -> list[Term] | None:
    """The predicates a closed shape allows (its property shapes' IRI paths and sh:ignoredProperties),
    or None when sh:closed is false (https://www.w3.org/TR/shacl/#ClosedConstraintComponent)."""
    if len(values) != 1:
        raise UnsupportedShapeError(f"shape {shape.node} has more than one sh:closed")
    ignored = [v for p, v in shape.parameters if p == sh("ignoredProperties")]
    if not is_true(values[0]):
        return None
    allowed: list[Term] = []
    for head in ignored:
        allowed.extend(graph.index.items(head))
    for child in shape.properties:
        child_shape = graph.shapes.get(child)
        if child_shape is not None and child_shape.path is not None and child_shape.path.predicate is not None:
            allowed.append(child_shape.path.predicate)
    return list(dict.fromkeys(allowed))


def _outside(p: str, o: str, allowed: list[Term]) -> str:
    """A predicate (and object) a closed shape does not allow; rdf:type rdfs:Resource is always allowed (pySHACL)."""
    listed = " || ".join(f"sameTerm({p}, {_term(a, 'sh:ignoredProperties')})" for a in allowed if not isinstance(a, Literal))
    always = f"(sameTerm({p}, {RDF_TYPE}) && sameTerm({o}, {RDFS_RESOURCE}))"
    return f"!({listed + ' || ' if listed else ''}{always})"


def compile_logical(graph: ShapesGraph, shape: Shape, parameter: NamedNode, values: list[Term], focus: FocusSpec) -> list[CompiledConstraint]:
    """One query per sh:node / sh:or / sh:and / sh:not / sh:xone value of `shape`: each value node that fails."""
    name = parameter.value[len(SH):]
    component = sh(SUPPORTED_COMPONENTS[parameter])
    values_pattern = f"?this {shape.path.sparql} ?value ." if shape.path is not None else "BIND (?this AS ?value)"
    compiled = []
    for value in values:
        compiler = _Compiler(graph, itertools.count())
        passes = compiler.logical(shape, name, value, "?value", (shape.node,))
        query = f"SELECT DISTINCT ?this ?value WHERE {{ {focus_pattern(focus)} {values_pattern} FILTER (!({passes})) }}"
        compiled.append(CompiledConstraint(shape.info, component, query, shape.path is not None, focus=focus))
    return compiled


def compile_closed(graph: ShapesGraph, shape: Shape, values: list[Term], focus: FocusSpec) -> list[CompiledConstraint]:
    """sh:closed true: one result per triple of a value node whose predicate the shape does not allow,
    with the predicate as sh:resultPath and the object as sh:value."""
    allowed = closed_predicates(graph, shape, values)
    if allowed is None:
        return []
    values_pattern = f"?this {shape.path.sparql} ?eduvoc_node ." if shape.path is not None else "BIND (?this AS ?eduvoc_node)"
    query = (f"SELECT DISTINCT ?this ?eduvoc_node ?path ?value WHERE {{ {focus_pattern(focus)} {values_pattern} "
             f"?eduvoc_node ?path ?value FILTER ({_outside('?path', '?value', allowed)}) }}")
    return [CompiledConstraint(shape.info, sh("ClosedConstraintComponent"), query, shape.path is not None, focus=focus)]
