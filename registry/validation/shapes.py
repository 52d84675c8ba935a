"""Reading a SHACL shapes graph into plain shape descriptions, refusing what the engine cannot run.

Which nodes are shapes, their targets, severity and messages follow SHACL
(https://www.w3.org/TR/shacl/#shapes) the way pySHACL reads them, so that both engines validate the
same shapes. A construct the engine does not compile (sh:or, sh:node, sh:closed, custom
constraint components, qualified value shapes, ...) raises `UnsupportedShapeError` when the shapes
are loaded: a check is never skipped silently. Predicates in the sh: namespace that SHACL does not
define (sh:shape, from a draft) are ignored as pySHACL ignores them, and listed in
`ShapesGraph.ignored`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from pyoxigraph import Literal, NamedNode, Triple

from registry.errors import EduvocError
from registry.namespaces import EDUVOC_DEF, RDFS, XSD
from registry.validation.graph import RDF_FIRST, RDF_TYPE, Node, Term, TripleIndex

SH = "http://www.w3.org/ns/shacl#"


def sh(local: str) -> NamedNode:
    return NamedNode(SH + local)


CHECK_ID = NamedNode(EDUVOC_DEF + "checkId")
FIX_HINT = NamedNode(EDUVOC_DEF + "fixHint")
RDFS_LABEL = NamedNode(RDFS + "label")
RDFS_CLASS = NamedNode(RDFS + "Class")
RDFS_SUBCLASS_OF = NamedNode(RDFS + "subClassOf")


class UnsupportedShapeError(EduvocError):
    """The shapes graph uses a SHACL construct this engine does not compile (or is malformed)."""


class Severity(Enum):
    """SHACL result severities (https://www.w3.org/TR/shacl/#severity); only Violation blocks publication."""

    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"

    @property
    def iri(self) -> NamedNode:
        return sh(self.value)

    @classmethod
    def of(cls, term: Term) -> Severity:
        for severity in cls:
            if severity.iri == term:
                return severity
        raise UnsupportedShapeError(f"unsupported severity {term}: use sh:Violation, sh:Warning or sh:Info")


# The parameters of the constraint components the engine compiles, by component.
SUPPORTED_COMPONENTS: dict[NamedNode, str] = {
    sh("minCount"): "MinCountConstraintComponent",
    sh("maxCount"): "MaxCountConstraintComponent",
    sh("datatype"): "DatatypeConstraintComponent",
    sh("nodeKind"): "NodeKindConstraintComponent",
    sh("class"): "ClassConstraintComponent",
    sh("in"): "InConstraintComponent",
    sh("hasValue"): "HasValueConstraintComponent",
    sh("languageIn"): "LanguageInConstraintComponent",
    sh("uniqueLang"): "UniqueLangConstraintComponent",
    sh("pattern"): "PatternConstraintComponent",
    sh("minLength"): "MinLengthConstraintComponent",
    sh("maxLength"): "MaxLengthConstraintComponent",
    sh("disjoint"): "DisjointConstraintComponent",
    sh("sparql"): "SPARQLConstraintComponent",
    sh("node"): "NodeConstraintComponent",
    sh("or"): "OrConstraintComponent",
    sh("and"): "AndConstraintComponent",
    sh("not"): "NotConstraintComponent",
    sh("xone"): "XoneConstraintComponent",
    sh("closed"): "ClosedConstraintComponent",
    sh("ignoredProperties"): "ClosedConstraintComponent",
}
# Components whose parameters are shapes (or lists of shapes), compiled by registry.validation.logic.
LOGICAL = {sh(p) for p in ("node", "or", "and", "not", "xone")}
# Predicates in the sh: namespace that are not SHACL (sh:shape is from a pre-Recommendation draft,
# still used by DCAT-AP 3.0.1's shapes.ttl): pySHACL ignores them, and so does this engine, saying so
# in `ShapesGraph.ignored`.
NOT_SHACL = {sh("shape")}
# Predicates on a shape that do not validate anything (or are read with another parameter).
NON_VALIDATING = {sh(p) for p in (
    "name", "description", "order", "group", "defaultValue", "message", "severity", "deactivated",
    "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "path", "property", "flags",
)} | {RDF_TYPE}
TARGETS = ("targetNode", "targetClass", "targetSubjectsOf", "targetObjectsOf")
SHAPE_EXPECTING = ("node", "not", "and", "or", "xone", "qualifiedValueShape")


@dataclass(frozen=True)
class PropertyPath:
    """A SHACL property path (https://www.w3.org/TR/shacl/#property-paths) and its SPARQL form."""

    node: Term
    sparql: str
    triples: tuple[Triple, ...] = ()

    @property
    def predicate(self) -> NamedNode | None:
        """The IRI when the path is a single predicate."""
        return self.node if isinstance(self.node, NamedNode) else None

    def __str__(self) -> str:
        return self.node.value if isinstance(self.node, NamedNode) else self.sparql


@dataclass(frozen=True)
class Targets:
    """The target declarations of a shape (https://www.w3.org/TR/shacl/#targets)."""

    nodes: tuple[Term, ...] = ()
    classes: tuple[NamedNode, ...] = ()
    subjects_of: tuple[NamedNode, ...] = ()
    objects_of: tuple[NamedNode, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.nodes or self.classes or self.subjects_of or self.objects_of)


@dataclass(frozen=True)
class ShapeInfo:
    """What a finding reports about the shape it comes from."""

    node: Node
    severity: Severity
    messages: tuple[Literal, ...]
    fix_hints: tuple[Literal, ...]
    check_id: str | None
    labels: tuple[Literal, ...]
    path: PropertyPath | None = None


@dataclass(frozen=True)
class Shape:
    """One node or property shape: its metadata, targets, constraint parameters and child shapes."""

    info: ShapeInfo
    targets: Targets
    parameters: tuple[tuple[NamedNode, Term], ...]
    properties: tuple[Node, ...]
    deactivated: bool = False
    flags: str | None = None

    @property
    def node(self) -> Node:
        return self.info.node

    @property
    def path(self) -> PropertyPath | None:
        return self.info.path


@dataclass
class ShapesGraph:
    """Every shape of a shapes graph, read once; `index` keeps the raw triples (SPARQL prefixes, lists)."""

    index: TripleIndex
    shapes: dict[Node, Shape] = field(default_factory=dict)
    order: list[Node] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def top_level(self) -> list[Shape]:
        """Shapes with targets of their own, in file order (https://www.w3.org/TR/shacl/#focusNodes)."""
        return [self.shapes[node] for node in self.order if self.shapes[node].targets]


def read_shapes(index: TripleIndex) -> ShapesGraph:
    """Find the shapes in `index` the way pySHACL does and read each one; refuse unsupported constructs."""
    _refuse_custom_components(index)
    node_shapes = set(index.subjects(RDF_TYPE, sh("NodeShape")))
    property_shapes = set(index.subjects(RDF_TYPE, sh("PropertyShape")))
    candidates: list[Node] = []
    for predicate in (*TARGETS, "property", "node"):
        candidates.extend(s for s, _ in index.pairs(sh(predicate)))
    for predicate in ("property", "node", "not", "qualifiedValueShape"):
        candidates.extend(o for _, o in index.pairs(sh(predicate)) if not isinstance(o, Literal))
    for predicate in ("and", "or", "xone"):
        for _, head in index.pairs(sh(predicate)):
            candidates.extend(m for m in index.items(head) if not isinstance(m, Literal))
    ordered = _file_order(index, node_shapes | property_shapes | set(candidates))
    graph = ShapesGraph(index)
    for node in ordered:
        if node in node_shapes and index.objects(node, sh("path")):
            raise UnsupportedShapeError(f"{node} is a sh:NodeShape with a sh:path")
        graph.shapes[node] = _read_shape(index, node)
        graph.order.append(node)
    for not_shacl in sorted(NOT_SHACL, key=str):
        for subject, _ in index.pairs(not_shacl):
            graph.ignored.append(f"{subject} uses sh:{not_shacl.value[len(SH):]}, which is not SHACL: ignored, as pySHACL does")
    return graph


def _read_shape(index: TripleIndex, node: Node) -> Shape:
    paths = index.objects(node, sh("path"))
    if len(paths) > 1:
        raise UnsupportedShapeError(f"shape {node} has more than one sh:path")
    path = to_property_path(index, paths[0]) if paths else None
    severities = index.objects(node, sh("severity"))
    if len(severities) > 1:
        raise UnsupportedShapeError(f"shape {node} has more than one sh:severity")
    info = ShapeInfo(
        node=node,
        severity=Severity.of(severities[0]) if severities else Severity.VIOLATION,
        messages=_literals(index, node, sh("message")),
        fix_hints=_literals(index, node, FIX_HINT),
        check_id=_check_id(index, node),
        labels=_literals(index, node, RDFS_LABEL),
        path=path,
    )
    parameters: list[tuple[NamedNode, Term]] = []
    for predicate in index.predicates(node):
        if predicate in SUPPORTED_COMPONENTS:
            parameters.extend((predicate, value) for value in index.objects(node, predicate))
        elif predicate.value.startswith(SH) and predicate not in NON_VALIDATING and predicate not in NOT_SHACL:
            local = predicate.value[len(SH):]
            what = "shape-based constraints" if local in SHAPE_EXPECTING else "this SHACL construct"
            raise UnsupportedShapeError(
                f"shape {node} uses sh:{local}; registry.validation does not compile {what} "
                f"(supported: {', '.join('sh:' + p.value[len(SH):] for p in SUPPORTED_COMPONENTS)})"
            )
    flags = index.value(node, sh("flags"))
    deactivated = index.value(node, sh("deactivated"))
    return Shape(
        info=info,
        targets=_targets(index, node),
        parameters=tuple(parameters),
        properties=tuple(p for p in index.objects(node, sh("property")) if not isinstance(p, Literal)),
        deactivated=isinstance(deactivated, Literal) and deactivated.value.lower() in ("true", "1"),
        flags=flags.value if isinstance(flags, Literal) else None,
    )


def _targets(index: TripleIndex, node: Node) -> Targets:
    classes = [c for c in index.objects(node, sh("targetClass")) if isinstance(c, NamedNode)]
    if _is_implicit_class(index, node):
        if not isinstance(node, NamedNode):
            raise UnsupportedShapeError(f"implicit class target on blank node shape {node}")
        classes.append(node)
    for predicate in ("targetClass", "targetSubjectsOf", "targetObjectsOf"):
        for value in index.objects(node, sh(predicate)):
            if not isinstance(value, NamedNode):
                raise UnsupportedShapeError(f"shape {node}: sh:{predicate} must be an IRI, not {value}")
    if index.objects(node, sh("target")):
        raise UnsupportedShapeError(f"shape {node} uses sh:target (SHACL-AF custom targets), which is not supported")
    return Targets(
        nodes=tuple(index.objects(node, sh("targetNode"))),
        classes=tuple(classes),
        subjects_of=tuple(index.objects(node, sh("targetSubjectsOf"))),  # type: ignore[arg-type]
        objects_of=tuple(index.objects(node, sh("targetObjectsOf"))),  # type: ignore[arg-type]
    )


def _is_implicit_class(index: TripleIndex, node: Node) -> bool:
    """A shape that is also an rdfs:Class targets its instances (https://www.w3.org/TR/shacl/#implicit-targetClass)."""
    class_types = {RDFS_CLASS, *index.subjects(RDFS_SUBCLASS_OF, RDFS_CLASS)}
    return any(t in class_types for t in index.objects(node, RDF_TYPE))


def to_property_path(index: TripleIndex, node: Term) -> PropertyPath:
    """Translate a SHACL path (https://www.w3.org/TR/shacl/#property-paths) to a SPARQL 1.1 path."""
    return PropertyPath(node=node, sparql=_path_sparql(index, node, 0), triples=tuple(index.describe(node)))


def _path_sparql(index: TripleIndex, node: Term, depth: int) -> str:
    if depth > 16:
        raise UnsupportedShapeError(f"property path nested too deeply at {node}")
    if isinstance(node, NamedNode):
        return str(node)
    if isinstance(node, Literal):
        raise UnsupportedShapeError(f"a property path cannot be a literal: {node}")
    if index.objects(node, RDF_FIRST):
        members = index.items(node)
        if len(members) < 2:
            raise UnsupportedShapeError(f"a sequence path needs at least two members: {node}")
        return "(" + "/".join(_path_sparql(index, m, depth + 1) for m in members) + ")"
    forms = {
        "inversePath": lambda v: f"^({_path_sparql(index, v, depth + 1)})",
        "alternativePath": lambda v: "(" + "|".join(_path_sparql(index, m, depth + 1) for m in index.items(v)) + ")",
        "zeroOrMorePath": lambda v: f"({_path_sparql(index, v, depth + 1)})*",
        "oneOrMorePath": lambda v: f"({_path_sparql(index, v, depth + 1)})+",
        "zeroOrOnePath": lambda v: f"({_path_sparql(index, v, depth + 1)})?",
    }
    for local, render in forms.items():
        value = index.value(node, sh(local))
        if value is not None:
            return render(value)
    raise UnsupportedShapeError(f"not a SHACL property path: {node}")


def _literals(index: TripleIndex, node: Node, predicate: NamedNode) -> tuple[Literal, ...]:
    return tuple(v for v in index.objects(node, predicate) if isinstance(v, Literal))


def _check_id(index: TripleIndex, node: Node) -> str | None:
    value = index.value(node, CHECK_ID)
    return value.value if isinstance(value, Literal) else None


def _refuse_custom_components(index: TripleIndex) -> None:
    custom = index.subjects(RDF_TYPE, sh("ConstraintComponent"))
    if custom:
        raise UnsupportedShapeError(
            f"the shapes graph declares custom constraint components ({', '.join(map(str, custom))}); "
            "registry.validation does not compile SHACL-SPARQL constraint components"
        )


def _file_order(index: TripleIndex, nodes: set[Node]) -> list[Node]:
    """`nodes` in the order their first triple appears, so compiled checks keep the file's order."""
    position: dict[Node, int] = {}
    for i, triple in enumerate(index.triples):
        subject = triple.subject
        if not isinstance(subject, Triple) and subject in nodes and subject not in position:
            position[subject] = i
    return sorted(nodes, key=lambda n: position.get(n, len(index.triples)))


def literal_int(value: Term, parameter: str, shape: Node) -> int:
    """An xsd:integer parameter value (sh:minCount, sh:minLength, ...)."""
    if not isinstance(value, Literal) or value.datatype != NamedNode(XSD + "integer"):
        raise UnsupportedShapeError(f"shape {shape}: sh:{parameter} must be an xsd:integer, not {value}")
    return int(value.value)
