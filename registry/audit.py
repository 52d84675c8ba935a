"""The audit trail: every write recorded (who, which organisation, when, what, which graph, how
many triples), append-only, in a private graph, exportable as PROV-O."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import pyoxigraph
from pyoxigraph import Literal, NamedNode, Quad, QuerySolution, Triple

from registry import rdf_text
from registry.auth import Principal
from registry.namespaces import AUDIT_GRAPH, EDUVOC_BASE, EDUVOC_DEF, PROV, RDF_TYPE, XSD
from registry.store import Store

SYSTEM_AGENT = EDUVOC_BASE + "agent/system"  # the CLI and start-up loading act as this agent


class A:
    Activity = NamedNode(PROV + "Activity")
    wasAssociatedWith = NamedNode(PROV + "wasAssociatedWith")
    startedAtTime = NamedNode(PROV + "startedAtTime")
    used = NamedNode(PROV + "used")
    generated = NamedNode(PROV + "generated")
    action = NamedNode(EDUVOC_DEF + "auditAction")
    organisation = NamedNode(EDUVOC_DEF + "organisation")
    vocabulary = NamedNode(EDUVOC_DEF + "vocabulary")
    tripleCount = NamedNode(EDUVOC_DEF + "tripleCount")
    comment = NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")


_TRAIL = """PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX eduvoc: <https://w3id.org/eduvoc/def/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?activity ?agent ?when ?action ?organisation ?vocabulary ?graph ?triples ?comment WHERE {
  ?activity a prov:Activity ; prov:wasAssociatedWith ?agent ; prov:startedAtTime ?when ; eduvoc:auditAction ?action .
  OPTIONAL { ?activity eduvoc:organisation ?organisation }
  OPTIONAL { ?activity eduvoc:vocabulary ?vocabulary }
  OPTIONAL { ?activity prov:generated ?graph }
  OPTIONAL { ?activity eduvoc:tripleCount ?triples }
  OPTIONAL { ?activity rdfs:comment ?comment }
} ORDER BY DESC(?when) ?activity"""


@dataclass(frozen=True)
class AuditRecord:
    iri: str
    agent: str
    when: datetime
    action: str
    organisation: str | None
    vocabulary: str | None
    graph: str | None
    triples: int | None
    comment: str | None


def record_audit(store: Store, principal: Principal | None, action: str, **details: str | int | None) -> AuditRecord:
    """Append one record (one transaction); `details` as `new_audit_record` takes them. Records are
    never changed or removed."""
    record = new_audit_record(principal, action, **details)  # type: ignore[arg-type]  # its keywords, checked there
    store.add_quads(audit_quads(record))
    return record


def new_audit_record(
    principal: Principal | None,
    action: str,
    *,
    organisation: str | None = None,
    vocabulary: str | None = None,
    graph: str | None = None,
    triples: int | None = None,
    comment: str | None = None,
) -> AuditRecord:
    """A record not yet written: a write that must be audited atomically appends
    `audit_update(record)` to its own SPARQL update, so the change and its record land together."""
    return AuditRecord(
        iri=f"{EDUVOC_BASE}audit/{uuid.uuid4()}",
        agent=principal.subject if principal else SYSTEM_AGENT,
        when=datetime.now(UTC),
        action=action,
        organisation=organisation or (principal.organisation if principal else None),
        vocabulary=vocabulary,
        graph=graph,
        triples=triples,
        comment=comment,
    )


def audit_quads(record: AuditRecord) -> list[Quad]:
    """The record's quads, for a write that adds its own quads in the same transaction."""
    return [Quad(NamedNode(record.iri), p, o, AUDIT_GRAPH) for p, o in _statements(record)]


def audit_update(record: AuditRecord) -> str:
    """` ; INSERT DATA { GRAPH audit { ... } }`, to append to a SPARQL update (terms serialised by pyoxigraph)."""
    subject = NamedNode(record.iri)
    triples = " ".join(f"{subject} {p} {o} ." for p, o in _statements(record))
    return f" ; INSERT DATA {{ GRAPH {AUDIT_GRAPH} {{ {triples} }} }}"


def _statements(record: AuditRecord) -> list[tuple[NamedNode, rdf_text.Object]]:
    statements: list[tuple[NamedNode, rdf_text.Object]] = [
        (RDF_TYPE, A.Activity),
        (A.wasAssociatedWith, NamedNode(record.agent)),
        (A.startedAtTime, Literal(record.when.isoformat(), datatype=NamedNode(XSD + "dateTime"))),
        (A.action, Literal(record.action)),
    ]
    if record.organisation:
        statements.append((A.organisation, Literal(record.organisation)))
    if record.vocabulary:
        statements.append((A.vocabulary, Literal(record.vocabulary)))
    if record.graph:
        statements.append((A.generated, NamedNode(record.graph)))
    if record.triples is not None:
        statements.append((A.tripleCount, Literal(str(record.triples), datatype=NamedNode(XSD + "integer"))))
    if record.comment:
        statements.append((A.comment, Literal(record.comment)))
    return statements


def audit_trail(store: Store, organisation: str | None = None, vocabulary: str | None = None, limit: int = 1000) -> list[AuditRecord]:
    """Newest first, optionally for one organisation and/or vocabulary."""
    records = []
    for row in store.query(_TRAIL, default_graph=[AUDIT_GRAPH]):
        def text(name: str, row: QuerySolution = row) -> str | None:
            return row[name].value if row[name] is not None else None

        record = AuditRecord(
            iri=row["activity"].value,
            agent=row["agent"].value,
            when=datetime.fromisoformat(row["when"].value),
            action=row["action"].value,
            organisation=text("organisation"),
            vocabulary=text("vocabulary"),
            graph=text("graph"),
            triples=int(row["triples"].value) if row["triples"] is not None else None,
            comment=text("comment"),
        )
        if (organisation is None or record.organisation == organisation) and (vocabulary is None or record.vocabulary == vocabulary):
            records.append(record)
            if len(records) == limit:
                break
    return records


def export_prov(records: list[AuditRecord]) -> bytes:
    """The records as PROV-O in Turtle."""
    triples = [Triple(NamedNode(r.iri), p, o) for r in records for p, o in _statements(r)]
    return rdf_text.serialize_bytes(triples, pyoxigraph.RdfFormat.TURTLE, rdf_text.prefixes("prov", "eduvoc", "xsd", "rdfs"))
