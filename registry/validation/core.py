"""Compiling SHACL Core to SPARQL: one SELECT per constraint that checks every focus node at once.

Each query returns one row per validation result: `?this` (the focus node) and, for components
that report a value, `?value`. Which rows a component produces, and with which value, follows
pySHACL (so that findings are exactly the same), which follows the SHACL spec's textual
definitions linked in each compiler. Terms from the shapes graph are written into the queries as
N-Triples terms (`str()` of a pyoxigraph term), never pasted as raw text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, Literal, NamedNode

from registry.namespaces import RDF, RDFS, XSD
from registry.validation.datatypes import (
    DERIVED_INTEGER,
    derived_integer_test,
    plain_integer_test,
)
from registry.validation.graph import RDF_TYPE, Term, TripleIndex
from registry.validation.shapes import (
    SUPPORTED_COMPONENTS,
    PropertyPath,
    Shape,
    ShapeInfo,
    Targets,
    UnsupportedShapeError,
    literal_int,
    sh,
)

RDFS_SUBCLASS_OF = NamedNode(RDFS + "subClassOf")
TYPE_PATH = f"{RDF_TYPE}/{RDFS_SUBCLASS_OF}*"


@dataclass(frozen=True)
class ValueNodesOf:
    """Focus nodes that are the value nodes of a parent property shape (nested sh:property)."""

    parent: FocusSpec
    path: PropertyPath


FocusSpec = Targets | ValueNodesOf


@dataclass(frozen=True)
class SparqlResultRules:
    """How rows of a SHACL-SPARQL query become results (which variables the original query projects)."""

    projected: frozenset[str]
    star: bool
    messages: tuple[Literal, ...]


@dataclass(frozen=True)
class CompiledConstraint:
    """One constraint of one shape (in one focus context), as one SPARQL SELECT.

    `multiplicity`, for nested property shapes only, counts how often pySHACL validates each focus
    node, so that the engine repeats results the way pySHACL does.
    """

    shape: ShapeInfo
    component: NamedNode
    query: str
    is_property_shape: bool
    source_constraint: Term | None = None
    sparql: SparqlResultRules | None = None
    focus: FocusSpec | None = None
    parameter: Term | None = None
    multiplicity: str | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if isinstance(self.focus, ValueNodesOf):
            object.__setattr__(self, "multiplicity", multiplicity_query(self.focus))


def focus_pattern(spec: FocusSpec, var: str = "this", depth: int = 0) -> str:
    """A group pattern binding ?var once to each focus node (https://www.w3.org/TR/shacl/#targets).

    Class targets include instances of subclasses (rdf:type/rdfs:subClassOf*); node targets need
    not occur in the data.
    """
    if depth > 8:
        raise UnsupportedShapeError("sh:property nested more than 8 levels deep")
    if isinstance(spec, ValueNodesOf):
        parent = f"eduvoc_focus{depth}"
        body = f"{focus_pattern(spec.parent, parent, depth + 1)} ?{parent} {spec.path.sparql} ?{var} ."
    else:
        branches: list[str] = []
        if spec.nodes:
            branches.append(f"VALUES ?{var} {{ {' '.join(_term(n, 'sh:targetNode') for n in spec.nodes)} }}")
        branches += [f"?{var} {TYPE_PATH} {c} ." for c in spec.classes]
        branches += [f"?{var} {p} ?eduvoc_object ." for p in spec.subjects_of]
        branches += [f"?eduvoc_subject {p} ?{var} ." for p in spec.objects_of]
        body = " UNION ".join(f"{{ {b} }}" for b in branches)
    return f"{{ SELECT DISTINCT ?{var} WHERE {{ {body} }} }}"


def multiplicity_query(spec: ValueNodesOf) -> str:
    """How often pySHACL validates each nested focus node: once per chain of parent focus nodes
    that reaches it (a nested sh:property is validated per parent focus node), as ?this ?count."""
    pattern, chain = _chain(spec, "this", 0)
    distinct = f"SELECT DISTINCT {' '.join('?' + v for v in chain)} WHERE {{ {pattern} }}"
    return f"SELECT ?this (COUNT(*) AS ?count) WHERE {{ {{ {distinct} }} }} GROUP BY ?this"


def _chain(spec: FocusSpec, var: str, depth: int) -> tuple[str, list[str]]:
    if isinstance(spec, Targets):
        return focus_pattern(spec, var, depth), [var]
    parent = f"eduvoc_chain{depth}"
    pattern, chain = _chain(spec.parent, parent, depth + 1)
    return f"{pattern} ?{parent} {spec.path.sparql} ?{var} .", [*chain, var]


def compile_core(shape: Shape, parameter: NamedNode, values: list[Term], focus: FocusSpec, index: TripleIndex) -> list[CompiledConstraint]:
    """The queries for one constraint parameter of `shape` (several for multi-valued parameters)."""
    name = parameter.value.rsplit("#", 1)[1]
    compiler = _COMPILERS.get(name)
    if compiler is None:
        raise UnsupportedShapeError(f"shape {shape.node}: sh:{name} is not a core constraint this engine compiles")
    if name in _SINGLE_VALUED and len(values) > 1:
        raise UnsupportedShapeError(f"shape {shape.node} has more than one sh:{name}")
    component = sh(SUPPORTED_COMPONENTS[parameter])
    queries: list[CompiledConstraint] = []
    for value in values:
        where = compiler(_Context(shape, focus_pattern(focus), index), value)
        if where is not None:
            queries.append(CompiledConstraint(shape.info, component, where, shape.path is not None, focus=focus, parameter=value))
    return queries


@dataclass(frozen=True)
class _Context:
    shape: Shape
    focus: str
    index: TripleIndex

    @property
    def path(self) -> PropertyPath | None:
        return self.shape.path

    def values(self) -> str:
        """The value nodes of the focus node (https://www.w3.org/TR/shacl/#value-nodes)."""
        return f"?this {self.path.sparql} ?value ." if self.path is not None else "BIND (?this AS ?value)"

    def value_filter(self, failing: str) -> str:
        """A query for 'each value node for which `failing` holds is a result, with sh:value'."""
        return f"SELECT DISTINCT ?this ?value WHERE {{ {self.focus} {self.values()} FILTER ({failing}) }}"

    def property_only(self, name: str) -> PropertyPath:
        if self.path is None:
            raise UnsupportedShapeError(f"shape {self.shape.node}: sh:{name} is only allowed on property shapes")
        return self.path


def _min_count(ctx: _Context, value: Term) -> str | None:
    """https://www.w3.org/TR/shacl/#MinCountConstraintComponent: fewer value nodes than $minCount."""
    path = ctx.property_only("minCount")
    minimum = literal_int(value, "minCount", ctx.shape.node)
    if minimum <= 0:
        return None
    if minimum == 1:
        return f"SELECT ?this WHERE {{ {ctx.focus} FILTER NOT EXISTS {{ ?this {path.sparql} ?value }} }}"
    counted = f"SELECT ?this (COUNT(DISTINCT ?value) AS ?count) WHERE {{ {ctx.focus} OPTIONAL {{ ?this {path.sparql} ?value }} }} GROUP BY ?this"
    return f"SELECT ?this WHERE {{ {{ {counted} }} FILTER (?count < {minimum}) }}"


def _max_count(ctx: _Context, value: Term) -> str:
    """https://www.w3.org/TR/shacl/#MaxCountConstraintComponent: more value nodes than $maxCount."""
    path = ctx.property_only("maxCount")
    maximum = literal_int(value, "maxCount", ctx.shape.node)
    counted = f"SELECT ?this (COUNT(DISTINCT ?value) AS ?count) WHERE {{ {ctx.focus} ?this {path.sparql} ?value }} GROUP BY ?this"
    return f"SELECT ?this WHERE {{ {{ {counted} }} FILTER (?count > {maximum}) }}"


_NUMERIC = {"integer", "decimal", "float", "double", "int", "long", "short", "byte", "nonNegativeInteger",
            "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
            "unsignedShort", "unsignedByte"}
_CASTABLE = {"boolean", "date", "dateTime", "time"}


def datatype_ok(shape: Shape, value: Term, index: TripleIndex, v: str) -> str:
    """https://www.w3.org/TR/shacl/#DatatypeConstraintComponent: a literal of $datatype that is not ill-typed."""
    if not isinstance(value, NamedNode):
        raise UnsupportedShapeError(f"shape {shape.node}: sh:datatype must be an IRI")
    iri = value.value
    if iri == RDF + "langString":
        return f'(isLiteral({v}) && lang({v}) != "")'
    if iri == RDFS + "Literal":
        return f"isLiteral({v})"
    if iri == RDFS + "Datatype":  # pySHACL: literals with an explicit, non-string datatype
        return f'(isLiteral({v}) && lang({v}) = "" && datatype({v}) != <{XSD}string>)'
    ok = f"isLiteral({v}) && datatype({v}) = {value}"
    local = iri[len(XSD):] if iri.startswith(XSD) else None
    if local in _NUMERIC:
        ok += f" && isNumeric({v})"
    elif local in _CASTABLE:
        ok += f" && COALESCE(datatype({value}(str({v}))) = {value}, false)"
    if value in DERIVED_INTEGER:  # stored as xsd:integer (registry.validation.datatypes)
        ok = f"({ok}) || (isLiteral({v}) && {derived_integer_test(value, v)})"
    elif local == "integer":
        ok += f" && {plain_integer_test(v)}"
    return f"({ok})"


def _datatype(ctx: _Context, value: Term) -> str:
    """https://www.w3.org/TR/shacl/#DatatypeConstraintComponent: not a literal of $datatype, or ill-typed."""
    return ctx.value_filter(f"!{datatype_ok(ctx.shape, value, ctx.index, '?value')}")


_NODE_KINDS = {
    "IRI": "isIRI(?value)",
    "BlankNode": "isBlank(?value)",
    "Literal": "isLiteral(?value)",
    "BlankNodeOrIRI": "(isBlank(?value) || isIRI(?value))",
    "BlankNodeOrLiteral": "(isBlank(?value) || isLiteral(?value))",
    "IRIOrLiteral": "(isIRI(?value) || isLiteral(?value))",
}


def node_kind_ok(shape: Shape, value: Term, index: TripleIndex, v: str) -> str:
    """https://www.w3.org/TR/shacl/#NodeKindConstraintComponent: a value node of the node kind."""
    kind = value.value[len("http://www.w3.org/ns/shacl#"):] if isinstance(value, NamedNode) else None
    if kind not in _NODE_KINDS:
        raise UnsupportedShapeError(f"shape {shape.node}: unknown sh:nodeKind {value}")
    return _NODE_KINDS[kind].replace("?value", v)


def _node_kind(ctx: _Context, value: Term) -> str:
    """https://www.w3.org/TR/shacl/#NodeKindConstraintComponent: value nodes of another node kind."""
    return ctx.value_filter(f"!{node_kind_ok(ctx.shape, value, ctx.index, '?value')}")


def class_ok(shape: Shape, value: Term, index: TripleIndex, v: str) -> str:
    """https://www.w3.org/TR/shacl/#ClassConstraintComponent: a non-literal that is an instance of $class."""
    cls = _term(value, "sh:class")
    # The direct type first: one lookup settles the common case (and keeps Oxigraph's plan per value).
    kind = f"{v}_type"
    subclass = f"{v} {RDF_TYPE} {kind} . FILTER EXISTS {{ {kind} {RDFS_SUBCLASS_OF}+ {cls} }}"
    return f"(!isLiteral({v}) && (EXISTS {{ {v} {RDF_TYPE} {cls} }} || EXISTS {{ {subclass} }}))"


def _class(ctx: _Context, value: Term) -> str:
    """https://www.w3.org/TR/shacl/#ClassConstraintComponent: literals and non-instances of $class."""
    cls = _term(value, "sh:class")
    subclass = f"?value {RDF_TYPE} ?eduvoc_type . FILTER EXISTS {{ ?eduvoc_type {RDFS_SUBCLASS_OF}+ {cls} }}"
    return ctx.value_filter(f"isLiteral(?value) || (NOT EXISTS {{ ?value {RDF_TYPE} {cls} }} && NOT EXISTS {{ {subclass} }})")


def in_ok(shape: Shape, value: Term, index: TripleIndex, v: str) -> str:
    """https://www.w3.org/TR/shacl/#InConstraintComponent: a value node in the list (term equality)."""
    members = index.items(value)
    allowed = " || ".join(f"sameTerm({v}, {_term(m, 'sh:in')})" for m in members)
    return f"({allowed})" if allowed else "false"


def _in(ctx: _Context, value: Term) -> str:
    """https://www.w3.org/TR/shacl/#InConstraintComponent: value nodes not in the list (term equality)."""
    return ctx.value_filter(f"!{in_ok(ctx.shape, value, ctx.index, '?value')}")


def _has_value(ctx: _Context, value: Term) -> str:
    """https://www.w3.org/TR/shacl/#HasValueConstraintComponent: focus nodes without $hasValue (no sh:value)."""
    term = _term(value, "sh:hasValue")
    if ctx.path is None:
        return f"SELECT ?this WHERE {{ {ctx.focus} FILTER (!sameTerm(?this, {term})) }}"
    return f"SELECT ?this WHERE {{ {ctx.focus} FILTER NOT EXISTS {{ ?this {ctx.path.sparql} ?value FILTER (sameTerm(?value, {term})) }} }}"


def language_in_ok(shape: Shape, value: Term, index: TripleIndex, v: str) -> str:
    """https://www.w3.org/TR/shacl/#LanguageInConstraintComponent: a literal with one of the language tags.

    As pySHACL: a tag matches when it, or its part before the first '-', is in the list (lower case).
    """
    tags = []
    for member in index.items(value):
        if not isinstance(member, Literal):
            raise UnsupportedShapeError(f"shape {shape.node}: sh:languageIn members must be strings")
        tags.append(member.value.lower())
    if "*" in tags:
        return f'(isLiteral({v}) && lang({v}) != "")'
    if tags:
        listed = ", ".join(str(Literal(t)) for t in tags)
        return f'(isLiteral({v}) && lang({v}) != "" && (lcase(lang({v})) IN ({listed}) || lcase(STRBEFORE(lang({v}), "-")) IN ({listed})))'
    return "false"


def _language_in(ctx: _Context, value: Term) -> str:
    """https://www.w3.org/TR/shacl/#LanguageInConstraintComponent: non-literals and other language tags."""
    return ctx.value_filter(f"!{language_in_ok(ctx.shape, value, ctx.index, '?value')}")


def _unique_lang(ctx: _Context, value: Term) -> str | None:
    """https://www.w3.org/TR/shacl/#UniqueLangConstraintComponent: one result per focus node and repeated language."""
    path = ctx.property_only("uniqueLang")
    if not (isinstance(value, Literal) and value.value.lower() in ("true", "1")):
        return None
    counted = (
        f"SELECT ?this ?language (COUNT(DISTINCT ?value) AS ?count) WHERE {{ {ctx.focus} ?this {path.sparql} ?value "
        f'FILTER (isLiteral(?value) && lang(?value) != "") BIND (lcase(lang(?value)) AS ?language) }} GROUP BY ?this ?language'
    )
    return f"SELECT ?this WHERE {{ {{ {counted} }} FILTER (?count > 1) }}"


def _pattern(ctx: _Context, value: Term) -> str:
    """https://www.w3.org/TR/shacl/#PatternConstraintComponent: blank nodes and strings not matching (REGEX search).

    Flags: only 'i' and 'm' are honoured, as in pySHACL. Oxigraph evaluates the expression with
    Rust regex syntax, which equals Python's `re` for the common subset (no look-around, no backreferences).
    """
    return ctx.value_filter(f"!{pattern_ok(ctx.shape, value, ctx.index, '?value')}")


def pattern_ok(shape: Shape, value: Term, index: TripleIndex, v: str) -> str:
    """https://www.w3.org/TR/shacl/#PatternConstraintComponent: not a blank node, and its string matches."""
    if not isinstance(value, Literal):
        raise UnsupportedShapeError(f"shape {shape.node}: sh:pattern must be a literal")
    flags = "".join(f for f in "im" if f in (shape.flags or "").lower())
    return f"(!isBlank({v}) && REGEX(str({v}), {Literal(value.value)}, {Literal(flags)}))"


def min_length_ok(shape: Shape, value: Term, index: TripleIndex, v: str) -> str:
    """https://www.w3.org/TR/shacl/#MinLengthConstraintComponent: not a blank node, and long enough."""
    minimum = literal_int(value, "minLength", shape.node)
    return f"(!isBlank({v}) && STRLEN(str({v})) >= {minimum})" if minimum > 0 else "true"


def _min_length(ctx: _Context, value: Term) -> str | None:
    """https://www.w3.org/TR/shacl/#MinLengthConstraintComponent: shorter strings, and blank nodes."""
    minimum = literal_int(value, "minLength", ctx.shape.node)
    if minimum <= 0:
        return None
    return ctx.value_filter(f"!{min_length_ok(ctx.shape, value, ctx.index, '?value')}")


def max_length_ok(shape: Shape, value: Term, index: TripleIndex, v: str) -> str:
    """https://www.w3.org/TR/shacl/#MaxLengthConstraintComponent: not a blank node, and short enough."""
    maximum = literal_int(value, "maxLength", shape.node)
    return f"(!isBlank({v}) && STRLEN(str({v})) <= {maximum})"


def _max_length(ctx: _Context, value: Term) -> str:
    """https://www.w3.org/TR/shacl/#MaxLengthConstraintComponent: longer strings, and blank nodes."""
    return ctx.value_filter(f"!{max_length_ok(ctx.shape, value, ctx.index, '?value')}")


def _disjoint(ctx: _Context, value: Term) -> str:
    """https://www.w3.org/TR/shacl/#DisjointConstraintComponent: each value node that is also a value of $disjoint."""
    if not isinstance(value, NamedNode):
        raise UnsupportedShapeError(f"shape {ctx.shape.node}: sh:disjoint must be an IRI")
    return f"SELECT DISTINCT ?this ?value WHERE {{ {ctx.focus} {ctx.values()} ?this {value} ?value }}"


_COMPILERS: dict[str, Callable[[_Context, Term], str | None]] = {
    "minCount": _min_count,
    "maxCount": _max_count,
    "datatype": _datatype,
    "nodeKind": _node_kind,
    "class": _class,
    "in": _in,
    "hasValue": _has_value,
    "languageIn": _language_in,
    "uniqueLang": _unique_lang,
    "pattern": _pattern,
    "minLength": _min_length,
    "maxLength": _max_length,
    "disjoint": _disjoint,
}
# Tests on one value node, as expressions over a variable (for shapes nested in sh:node, sh:or, ...).
VALUE_TESTS: dict[str, Callable[[Shape, Term, TripleIndex, str], str]] = {
    "datatype": datatype_ok,
    "nodeKind": node_kind_ok,
    "class": class_ok,
    "in": in_ok,
    "languageIn": language_in_ok,
    "pattern": pattern_ok,
    "minLength": min_length_ok,
    "maxLength": max_length_ok,
}
_SINGLE_VALUED = {"minCount", "maxCount", "datatype", "nodeKind", "in", "languageIn", "uniqueLang", "minLength", "maxLength"}


def sparql_term(term: Term, where: str) -> str:
    """A shapes-graph term as an N-Triples term for a query; blank nodes cannot be named in SPARQL."""
    if isinstance(term, BlankNode):
        raise UnsupportedShapeError(f"a blank node cannot be used as a value of {where}: {term}")
    return str(term)


_term = sparql_term
