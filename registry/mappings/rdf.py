"""Mapping sets and mappings to and from RDF: the statements each write inserts (as one SPARQL
update, terms printed by pyoxigraph so nothing is pasted in unescaped) and the reads."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from pyoxigraph import Literal, NamedNode, Variable

from registry.mappings.layout import (
    ACCEPTED_GRAPH,
    MAPPING_BASE,
    MAPPING_SET_BASE,
    MAPPINGS_GRAPH,
    M,
    mapping_iri,
    mapping_set_iri,
)
from registry.mappings.model import Comment, ExtensionSlot, Mapping, MappingSet, Status
from registry.namespaces import EDUVOC_BASE, RDF_TYPE, XSD, organisation_iri
from registry.store import Store

DATETIME = NamedNode(XSD + "dateTime")
DATE = NamedNode(XSD + "date")
DOUBLE = NamedNode(XSD + "double")
ORGANISATION_PREFIX = EDUVOC_BASE + "org/"

Statement = tuple[NamedNode, NamedNode, object]


def timestamp(when: datetime) -> Literal:
    return Literal(when.isoformat(timespec="microseconds"), datatype=DATETIME)


def nt(statements: Iterable[Statement]) -> str:
    return " ".join(f"{s} {p} {o} ." for s, p, o in statements)


def insert_data(statements: Iterable[Statement], graph: NamedNode = MAPPINGS_GRAPH) -> str:
    return f"INSERT DATA {{ GRAPH {graph} {{ {nt(statements)} }} }}"


# ---------------------------------------------------------------- statements


def set_statements(mapping_set: MappingSet) -> list[Statement]:
    iri = NamedNode(mapping_set.iri)
    statements: list[Statement] = [
        (iri, RDF_TYPE, M.MappingSet),
        (iri, M.identifier, Literal(mapping_set.id)),
        (iri, M.subject_source, NamedNode(mapping_set.source_scheme)),
        (iri, M.object_source, NamedNode(mapping_set.target_scheme)),
        (iri, M.publisher, organisation_iri(mapping_set.owner)),
        (iri, M.title, Literal(mapping_set.title)),
        (iri, M.creator, NamedNode(mapping_set.creator)),
        (iri, M.issued, timestamp(mapping_set.created)),
        (iri, M.modified, timestamp(mapping_set.modified)),
    ]
    if mapping_set.description:
        statements.append((iri, M.description, Literal(mapping_set.description)))
    if mapping_set.license:
        statements.append((iri, M.license, NamedNode(mapping_set.license)))
    return statements


def comment_statements(mapping: NamedNode, comment_iri: NamedNode, comment: Comment) -> list[Statement]:
    statements: list[Statement] = [
        (mapping, M.review_comment, comment_iri),
        (comment_iri, RDF_TYPE, M.MappingComment),
        (comment_iri, M.creator, NamedNode(comment.author)),
        (comment_iri, M.issued, timestamp(comment.date)),
        (comment_iri, M.comment, Literal(comment.text)),
    ]
    if comment.organisation:
        statements.append((comment_iri, M.organisation, Literal(comment.organisation)))
    return statements


def extension_statements(set_iri: NamedNode, slots: Iterable[ExtensionSlot]) -> list[Statement]:
    """A set's declared extension slots, one node each (`<set>/extension/<slot name>`)."""
    statements: list[Statement] = []
    for slot in slots:
        node = NamedNode(f"{set_iri.value}/extension/{slot.slot_name}")
        statements += [(set_iri, M.extension_definitions, node), (node, M.slot_name, Literal(slot.slot_name)),
                       (node, M.property, NamedNode(slot.property))]
        if slot.type_hint:
            statements.append((node, M.type_hint, NamedNode(slot.type_hint)))
    return statements


def delete_extension_definitions(set_iri: NamedNode) -> str:
    """Update operations that remove a set's declared extension slots."""
    return (f"DELETE {{ GRAPH {MAPPINGS_GRAPH} {{ {set_iri} {M.extension_definitions} ?e . ?e ?p ?o }} }} "
            f"WHERE {{ GRAPH {MAPPINGS_GRAPH} {{ {set_iri} {M.extension_definitions} ?e . ?e ?p ?o }} }}")


def mapping_statements(mapping: Mapping, slots: dict[str, str] | None = None) -> list[Statement]:
    """The statements of one mapping; `slots` (slot name -> property IRI) stores its extension values."""
    iri = mapping_iri(mapping.id)
    statements: list[Statement] = [
        (mapping_set_iri(mapping.set_id), M.mappings, iri),
        (iri, RDF_TYPE, M.Mapping),
        (iri, M.subject, NamedNode(mapping.subject)),
        (iri, M.predicate, NamedNode(mapping.predicate)),
        (iri, M.object, NamedNode(mapping.object)),
        (iri, M.justification, NamedNode(mapping.justification)),
        (iri, M.status, Literal(mapping.status.value)),
    ]
    statements += [(iri, M.author, NamedNode(author)) for author in mapping.author]
    statements += [(iri, M.reviewer, NamedNode(reviewer)) for reviewer in mapping.reviewer]
    if mapping.confidence is not None:
        statements.append((iri, M.confidence, Literal(repr(mapping.confidence), datatype=DOUBLE)))
    if mapping.organisation:
        statements.append((iri, M.organisation, Literal(mapping.organisation)))
    if mapping.date is not None:
        statements.append((iri, M.mapping_date, Literal(mapping.date.isoformat(), datatype=DATE)))
    if mapping.comment:
        statements.append((iri, M.comment, Literal(mapping.comment)))
    if mapping.reviewed is not None:
        statements.append((iri, M.reviewed, timestamp(mapping.reviewed)))
    for n, comment in enumerate(mapping.comments, start=1):
        statements += comment_statements(iri, NamedNode(f"{iri.value}/comment/{n}"), comment)
    statements += [(iri, NamedNode((slots or {})[name]), Literal(value)) for name, value in mapping.extensions]
    return statements


def rematerialise(subject: str, predicate: str, obj: str) -> str:
    """Update operations that make `<s> <p> <o>` present in the SKOS graph iff some mapping with
    that triple is accepted (two sets may accept the same triple)."""
    s, p, o = NamedNode(subject), NamedNode(predicate), NamedNode(obj)
    return (
        f"DELETE DATA {{ GRAPH {ACCEPTED_GRAPH} {{ {s} {p} {o} }} }} ; "
        f"INSERT {{ GRAPH {ACCEPTED_GRAPH} {{ {s} {p} {o} }} }} WHERE {{ GRAPH {MAPPINGS_GRAPH} {{ "
        f"?m {M.subject} {s} ; {M.predicate} {p} ; {M.object} {o} ; {M.status} {Literal(Status.ACCEPTED.value)} }} }}"
    )


def rebuild_accepted() -> str:
    """Update operations that rebuild the whole SKOS graph from the accepted mappings."""
    return (
        f"DROP SILENT GRAPH {ACCEPTED_GRAPH} ; "
        f"INSERT {{ GRAPH {ACCEPTED_GRAPH} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {MAPPINGS_GRAPH} {{ "
        f"?m {M.subject} ?s ; {M.predicate} ?p ; {M.object} ?o ; {M.status} {Literal(Status.ACCEPTED.value)} }} }}"
    )


def delete_set_mappings(set_id: str) -> str:
    """Update operations that remove every mapping (and its comments) of one set."""
    s = mapping_set_iri(set_id)
    return (
        f"DELETE {{ GRAPH {MAPPINGS_GRAPH} {{ ?c ?cp ?co }} }} WHERE {{ GRAPH {MAPPINGS_GRAPH} {{ "
        f"{s} {M.mappings} ?m . ?m {M.review_comment} ?c . ?c ?cp ?co }} }} ; "
        f"DELETE {{ GRAPH {MAPPINGS_GRAPH} {{ ?m ?p ?o . {s} {M.mappings} ?m }} }} WHERE {{ GRAPH {MAPPINGS_GRAPH} {{ "
        f"{s} {M.mappings} ?m . ?m ?p ?o }} }}"
    )


def replace_values(subject: NamedNode, properties: Sequence[NamedNode]) -> str:
    """Update operations deleting every value of `properties` on `subject`."""
    return " ".join(
        f"DELETE WHERE {{ GRAPH {MAPPINGS_GRAPH} {{ {subject} {p} ?v{i} }} }} ;" for i, p in enumerate(properties)
    )


# ---------------------------------------------------------------- reads

_SETS = f"""SELECT ?set ?id ?source ?target ?publisher ?title ?description ?license ?creator ?issued ?modified WHERE {{
  ?set a {M.MappingSet} ; {M.identifier} ?id ; {M.subject_source} ?source ; {M.object_source} ?target ;
       {M.publisher} ?publisher ; {M.title} ?title ; {M.creator} ?creator ; {M.issued} ?issued ; {M.modified} ?modified .
  OPTIONAL {{ ?set {M.description} ?description }}
  OPTIONAL {{ ?set {M.license} ?license }}
}} ORDER BY ?id"""

_COUNTS = f"""SELECT ?set ?status (COUNT(?m) AS ?n) WHERE {{
  ?set {M.mappings} ?m . ?m {M.status} ?status .
}} GROUP BY ?set ?status"""

_MAPPINGS = f"""SELECT ?set ?m ?setId ?s ?p ?o ?justification ?status ?confidence ?organisation ?date ?comment ?reviewed WHERE {{
  ?set {M.mappings} ?m ; {M.identifier} ?setId .
  ?m {M.subject} ?s ; {M.predicate} ?p ; {M.object} ?o ; {M.justification} ?justification ; {M.status} ?status .
  OPTIONAL {{ ?m {M.confidence} ?confidence }}
  OPTIONAL {{ ?m {M.organisation} ?organisation }}
  OPTIONAL {{ ?m {M.mapping_date} ?date }}
  OPTIONAL {{ ?m {M.comment} ?comment }}
  OPTIONAL {{ ?m {M.reviewed} ?reviewed }}
}}"""

_AGENTS = f"""SELECT ?set ?m ?role ?agent WHERE {{
  ?set {M.mappings} ?m .
  {{ ?m {M.author} ?agent BIND("author" AS ?role) }} UNION {{ ?m {M.reviewer} ?agent BIND("reviewer" AS ?role) }}
}} ORDER BY ?m ?role STR(?agent)"""

_COMMENTS = f"""SELECT ?set ?m ?c ?author ?when ?text ?organisation WHERE {{
  ?set {M.mappings} ?m . ?m {M.review_comment} ?c .
  ?c {M.creator} ?author ; {M.issued} ?when ; {M.comment} ?text .
  OPTIONAL {{ ?c {M.organisation} ?organisation }}
}} ORDER BY ?m ?when ?c"""


_EXTENSIONS = f"""SELECT ?set ?slot ?property ?hint WHERE {{
  ?set {M.extension_definitions} ?e . ?e {M.slot_name} ?slot ; {M.property} ?property .
  OPTIONAL {{ ?e {M.type_hint} ?hint }}
}} ORDER BY ?set ?slot"""

_EXTENSION_VALUES = f"SELECT ?set ?m ?p ?v WHERE {{ ?set {M.mappings} ?m . ?m ?p ?v }}"


def read_extension_slots(store: Store, set_iri: NamedNode | None = None) -> dict[str, tuple[ExtensionSlot, ...]]:
    """Set IRI -> its declared extension slots, by slot name."""
    found: dict[str, list[ExtensionSlot]] = defaultdict(list)
    substitutions = {Variable("set"): set_iri} if set_iri is not None else None
    for row in store.query(_EXTENSIONS, substitutions=substitutions, default_graph=[MAPPINGS_GRAPH]):
        found[row["set"].value].append(ExtensionSlot(row["slot"].value, row["property"].value, _text(row, "hint")))
    return {iri: tuple(slots) for iri, slots in found.items()}


def _extension_values(store: Store, set_iris: set[str], wanted: set[str]) -> dict[str, list[tuple[str, str]]]:
    """Mapping IRI -> (slot name, value) of the extension slots its set declares."""
    values: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for set_iri in sorted(set_iris):
        for slot in read_extension_slots(store, NamedNode(set_iri)).get(set_iri, ()):
            subs = {Variable("set"): NamedNode(set_iri), Variable("p"): NamedNode(slot.property)}
            for row in store.query(_EXTENSION_VALUES, substitutions=subs, default_graph=[MAPPINGS_GRAPH]):
                if row["m"].value in wanted:
                    values[row["m"].value].append((slot.slot_name, row["v"].value))
    return values


def _text(row, name: str) -> str | None:
    return row[name].value if row[name] is not None else None


def _owner(publisher: str) -> str:
    return publisher[len(ORGANISATION_PREFIX):] if publisher.startswith(ORGANISATION_PREFIX) else publisher


def read_sets(store: Store, set_id: str | None = None) -> list[tuple[dict, dict[str, int]]]:
    """Raw set fields (scheme IRIs, not yet resolved to vocabulary ids) and counts by status."""
    substitutions = {Variable("id"): Literal(set_id)} if set_id is not None else None
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for row in store.query(_COUNTS, default_graph=[MAPPINGS_GRAPH]):
        counts[row["set"].value][row["status"].value] = int(row["n"].value)
    sets = []
    extensions = read_extension_slots(store, mapping_set_iri(set_id) if set_id is not None else None)
    for row in store.query(_SETS, substitutions=substitutions, default_graph=[MAPPINGS_GRAPH]):
        fields = {
            "id": row["id"].value,
            "iri": row["set"].value,
            "source_scheme": row["source"].value,
            "target_scheme": row["target"].value,
            "owner": _owner(row["publisher"].value),
            "title": row["title"].value,
            "description": _text(row, "description"),
            "license": _text(row, "license"),
            "creator": row["creator"].value,
            "created": datetime.fromisoformat(row["issued"].value),
            "modified": datetime.fromisoformat(row["modified"].value),
            "extensions": extensions.get(row["set"].value, ()),
        }
        sets.append((fields, counts.get(row["set"].value, {})))
    return sets


def read_mappings(
    store: Store,
    *,
    set_id: str | None = None,
    mapping_id: str | None = None,
    concept: str | None = None,
) -> list[Mapping]:
    """Mappings of one set, one mapping, or every mapping with `concept` as subject or object."""
    substitutions: dict[Variable, object] = {}
    if set_id is not None:
        substitutions[Variable("set")] = mapping_set_iri(set_id)
    if mapping_id is not None:
        substitutions[Variable("m")] = mapping_iri(mapping_id)
    queries = [(_MAPPINGS, substitutions)]
    if concept is not None:  # the concept on either side: two index lookups instead of a FILTER
        queries = [(_MAPPINGS, {**substitutions, Variable(side): NamedNode(concept)}) for side in ("s", "o")]
    rows = [row for query, subs in queries for row in store.query(query, substitutions=subs, default_graph=[MAPPINGS_GRAPH])]
    if not rows:
        return []
    agents: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    comments: dict[str, list[Comment]] = defaultdict(list)
    wanted = {row["m"].value for row in rows}
    scope = substitutions or None  # the same set or mapping; filtered to `wanted` below
    for row in store.query(_AGENTS, substitutions=scope, default_graph=[MAPPINGS_GRAPH]):
        if row["m"].value in wanted:
            agents[row["m"].value][row["role"].value].append(row["agent"].value)
    for row in store.query(_COMMENTS, substitutions=scope, default_graph=[MAPPINGS_GRAPH]):
        if row["m"].value in wanted:
            comments[row["m"].value].append(
                Comment(row["author"].value, datetime.fromisoformat(row["when"].value), row["text"].value, _text(row, "organisation"))
            )
    extension_values = _extension_values(store, {row["set"].value for row in rows}, wanted)
    mappings = {}
    for row in rows:
        iri = row["m"].value
        mappings[iri] = Mapping(
            id=iri[len(MAPPING_BASE):],
            set_id=row["setId"].value,
            subject=row["s"].value,
            predicate=row["p"].value,
            object=row["o"].value,
            justification=row["justification"].value,
            status=Status(row["status"].value),
            confidence=float(row["confidence"].value) if row["confidence"] is not None else None,
            author=tuple(agents[iri]["author"]),
            organisation=_text(row, "organisation"),
            date=date.fromisoformat(row["date"].value) if row["date"] is not None else None,
            comment=_text(row, "comment"),
            reviewer=tuple(agents[iri]["reviewer"]),
            reviewed=datetime.fromisoformat(row["reviewed"].value) if row["reviewed"] is not None else None,
            comments=tuple(comments[iri]),
            extensions=tuple(sorted(extension_values.get(iri, []))),
        )
    return sorted(mappings.values(), key=lambda m: (m.subject, m.predicate, m.object, m.id))


def existing_mapping_sets(store: Store, mapping_ids: Iterable[str]) -> dict[str, str]:
    """Mapping id -> id of the set that holds it, for the ids that exist (an index lookup each)."""
    found = {}
    for mapping_id in mapping_ids:
        for quad in store.quads(None, M.mappings, mapping_iri(mapping_id), MAPPINGS_GRAPH):
            found[mapping_id] = quad.subject.value[len(MAPPING_SET_BASE):]
    return found
