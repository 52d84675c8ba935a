"""Running many constraints of one kind in one query: what makes validating one small record fast.

A shapes graph like DCAT-AP + DCAT-AP-NL compiles to a few hundred queries, most of them the same
test (sh:nodeKind, sh:class, sh:minCount 1, sh:maxCount) on a plain predicate of the instances of
one class. On a record of a hundred triples, parsing and planning each query costs more than
running it, so such constraints are merged per component into one query with the per-constraint
target class, predicate and parameter in a VALUES table; each row names the constraint it belongs
to (?eduvoc_c). Constraints with other targets are merged per (targets, component). Rows, and so
findings, are exactly those of the separate queries. `Run.roots` lets the engine skip a query whose
target classes and predicates do not occur in the data at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from registry.validation.core import (
    TYPE_PATH,
    CompiledConstraint,
    Targets,
    focus_pattern,
)
from registry.validation.graph import RDF_TYPE, Term
from registry.validation.shapes import SH, literal_int, sh

RDFS_SUBCLASS_OF = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
_KINDS = {
    "IRI": "isIRI(?value)",
    "BlankNode": "isBlank(?value)",
    "Literal": "isLiteral(?value)",
    "BlankNodeOrIRI": "(isBlank(?value) || isIRI(?value))",
    "BlankNodeOrLiteral": "(isBlank(?value) || isLiteral(?value))",
    "IRIOrLiteral": "(isIRI(?value) || isLiteral(?value))",
}
ROWS = "#eduvoc:rows#"
BATCHABLE = {sh("NodeKindConstraintComponent"), sh("ClassConstraintComponent"), sh("MinCountConstraintComponent"),
             sh("MaxCountConstraintComponent")}


@dataclass(frozen=True)
class Run:
    """One query to run: for one constraint (`indexed` False) or several (rows carry ?eduvoc_c)."""

    query: str
    members: tuple[int, ...]
    indexed: bool = False
    roots: tuple[Targets, ...] = ()
    # For batches over target classes: the VALUES row of each member with its class, so that a
    # query for one document names only the classes it has instances of (`query_for`), and the same
    # members as one query per class (`split`), which Oxigraph runs faster on large data.
    rows: tuple[tuple[Term, str], ...] = ()
    split: tuple[Run, ...] = ()

    def query_for(self, classes: set[Term]) -> str | None:
        """The query restricted to the members whose target class has instances (None: no member)."""
        if not self.rows:
            return self.query
        kept = " ".join(row for cls, row in self.rows if cls in classes)
        return self.query.replace(ROWS, kept) if kept else None


def plan(constraints: tuple[CompiledConstraint, ...]) -> tuple[Run, ...]:
    """The queries for `constraints`: batchable ones merged per component (one target class each)
    or per (targets, component)."""
    runs: list[Run] = []
    groups: dict[tuple[Targets | None, NamedNode], list[int]] = {}
    for i, constraint in enumerate(constraints):
        if _batchable(constraint):
            focus = constraint.focus
            one_class = isinstance(focus, Targets) and len(focus.classes) == 1 and focus == Targets(classes=focus.classes)
            groups.setdefault((None if one_class else focus, constraint.component), []).append(i)  # type: ignore[arg-type]
        else:
            runs.append(Run(constraint.query, (i,), roots=(root_targets(constraint),)))
    for (focus, component), members in groups.items():
        roots = tuple(dict.fromkeys(root_targets(constraints[i]) for i in members))
        if len(members) == 1:
            runs.append(Run(constraints[members[0]].query, (members[0],), roots=roots))
        else:
            batch = [constraints[i] for i in members]
            rows = tuple((m.focus.classes[0], _row(i, m, with_class=True)) for i, m in enumerate(batch)) if focus is None else ()  # type: ignore[union-attr]
            split = _per_class(constraints, members, component) if focus is None else ()
            runs.append(Run(_batch_query(focus, component, batch), tuple(members), indexed=True, roots=roots, rows=rows, split=split))
    return tuple(runs)


def _per_class(constraints: tuple[CompiledConstraint, ...], members: list[int], component: NamedNode) -> tuple[Run, ...]:
    by_class: dict[Targets, list[int]] = {}
    for i in members:
        by_class.setdefault(constraints[i].focus, []).append(i)  # type: ignore[arg-type]
    return tuple(
        Run(constraints[group[0]].query, (group[0],), roots=(focus,)) if len(group) == 1 else
        Run(_batch_query(focus, component, [constraints[i] for i in group]), tuple(group), indexed=True, roots=(focus,))
        for focus, group in by_class.items()
    )


def root_targets(constraint: CompiledConstraint) -> Targets:
    """The targets the constraint's focus nodes derive from (through nested sh:property paths)."""
    focus = constraint.focus
    while focus is not None and not isinstance(focus, Targets):
        focus = focus.parent
    return focus if focus is not None else Targets()


def _batchable(constraint: CompiledConstraint) -> bool:
    path = constraint.shape.path
    if constraint.component not in BATCHABLE or constraint.sparql is not None or not isinstance(constraint.focus, Targets):
        return False
    if path is None or path.predicate is None or constraint.parameter is None:
        return False
    if constraint.component == sh("MinCountConstraintComponent"):
        return literal_int(constraint.parameter, "minCount", constraint.shape.node) == 1
    if constraint.component == sh("ClassConstraintComponent"):
        return isinstance(constraint.parameter, NamedNode)
    if constraint.component == sh("NodeKindConstraintComponent"):
        return isinstance(constraint.parameter, NamedNode) and constraint.parameter.value[len(SH):] in _KINDS
    return True


def _batch_query(focus: Targets | None, component: NamedNode, members: list[CompiledConstraint]) -> str:
    """The members' queries as one, with a VALUES row (index, [class,] predicate, parameter) per member;
    `focus` None: each member targets the instances of its one class, given in the row."""
    if focus is None:
        values = f"VALUES (?eduvoc_c ?eduvoc_t ?eduvoc_p ?eduvoc_x) {{\n{ROWS}\n}}"
        # The typed nodes first (one pass over rdf:type), then the rows of their classes (a hash join).
        typed = f"{{ SELECT DISTINCT ?this ?eduvoc_t WHERE {{ ?this {TYPE_PATH} ?eduvoc_t }} }}"
        focused = f"{{ SELECT DISTINCT ?this ?eduvoc_c ?eduvoc_p ?eduvoc_x WHERE {{ {typed} {values} }} }}"
    else:
        rows = " ".join(_row(i, m, with_class=False) for i, m in enumerate(members))
        focused = f"{focus_pattern(focus)} VALUES (?eduvoc_c ?eduvoc_p ?eduvoc_x) {{ {rows} }}"
    name = component.value[len(SH):]
    if name == "MinCountConstraintComponent":
        return f"SELECT ?this ?eduvoc_c WHERE {{ {focused} FILTER NOT EXISTS {{ ?this ?eduvoc_p ?value }} }}"
    if name == "MaxCountConstraintComponent":
        counted = (f"SELECT ?this ?eduvoc_c ?eduvoc_x (COUNT(DISTINCT ?value) AS ?count) WHERE {{ {focused} "
                   f"?this ?eduvoc_p ?value }} GROUP BY ?this ?eduvoc_c ?eduvoc_x")
        return f"SELECT ?this ?eduvoc_c WHERE {{ {{ {counted} }} FILTER (?count > ?eduvoc_x) }}"
    if name == "NodeKindConstraintComponent":
        kinds = " || ".join(f"(sameTerm(?eduvoc_x, {sh(kind)}) && {test})" for kind, test in _KINDS.items())
        failing = f"!({kinds})"
    else:  # ClassConstraintComponent, as registry.validation.core._class
        subclass = f"?value {RDF_TYPE} ?eduvoc_type . FILTER EXISTS {{ ?eduvoc_type {RDFS_SUBCLASS_OF}+ ?eduvoc_x }}"
        failing = f"isLiteral(?value) || (NOT EXISTS {{ ?value {RDF_TYPE} ?eduvoc_x }} && NOT EXISTS {{ {subclass} }})"
    return f"SELECT DISTINCT ?this ?value ?eduvoc_c WHERE {{ {focused} ?this ?eduvoc_p ?value FILTER ({failing}) }}"


def _row(i: int, member: CompiledConstraint, with_class: bool) -> str:
    target = f"{member.focus.classes[0]} " if with_class else ""  # type: ignore[union-attr]
    return f"({i} {target}{member.shape.path.predicate} {_parameter(member)})"  # type: ignore[union-attr]


def _parameter(member: CompiledConstraint) -> str:
    value = member.parameter
    if member.component == sh("MaxCountConstraintComponent"):
        return str(Literal(str(literal_int(value, "maxCount", member.shape.node)), datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")))  # type: ignore[arg-type]
    return str(value)

