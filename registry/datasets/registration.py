"""Registering, updating and withdrawing dataset descriptions.

A description must conform to the "dataset" metadata profile (DCAT-AP-NL 3.0 plus eduvoc's
education extension, values checked against the registry's vocabularies); one that does not is
refused with the report and nothing is stored. A conforming description goes into a fresh named
graph, and one SPARQL update then switches the dataset's catalogue record to it; the previous
version's graph is dropped after the switch (the audit trail keeps who registered what, when, in
which graph). Anything failing before the switch drops the fresh graph and leaves the catalogue
as it was; a crash between switch and drop leaves a graph nobody points to, which the next write
collects.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from pyoxigraph import NamedNode, Quad, Triple

from registry.audit import record_audit
from registry.auth import Principal, require_editor_of, require_principal
from registry.catalogue import Catalogue
from registry.datasets.records import (
    DatasetRecord,
    read_records,
    remove_record,
    switch_record,
)
from registry.datasets.terms import PROFILE, T, dataset_graph, dataset_id
from registry.errors import InvalidInput, NotFound, QualityViolations
from registry.loading import WriteLock
from registry.metadata.service import MetadataValidation, validate_metadata
from registry.namespaces import DATASET_GRAPH_PREFIX, RDF_TYPE
from registry.store import Store
from registry.validation import Severity, ValidationReport


@dataclass(frozen=True)
class Registration:
    """The outcome of registering one description."""

    record: DatasetRecord
    created: bool  # False: a new version of a dataset that was registered already
    replaced_graph: str | None
    warnings: int
    report: ValidationReport  # the validation report (warnings and info stay visible to the publisher)


def the_dataset(triples: list[Triple]) -> NamedNode:
    """The one dcat:Dataset a description must be about, with an IRI."""
    datasets = {t.subject for t in triples if t.predicate == RDF_TYPE and t.object == T.Dataset}
    if len(datasets) != 1:
        found = ", ".join(sorted(str(d) for d in datasets)) or "none"
        raise InvalidInput(f"a dataset description must describe exactly one dcat:Dataset (found: {found})", location="body")
    (dataset,) = datasets
    if not isinstance(dataset, NamedNode):
        raise InvalidInput("the dcat:Dataset must have an IRI, not a blank node: the catalogue refers to it by IRI", location="body")
    return dataset


def register_dataset(
    store: Store,
    catalogue: Catalogue,
    data: bytes,
    media_type: str,
    principal: Principal | None,
    *,
    base_iri: str | None = None,
    before_switch: Callable[[], None] | None = None,
) -> Registration:
    """Register `data` as the current description of the dataset it describes.

    The caller's organisation owns a newly registered dataset; only that organisation (or an
    admin) may register a new version or withdraw it. `before_switch` runs just before the
    catalogue switch; tests use it to inject a failure.
    """
    principal = require_principal(principal)
    validation: MetadataValidation = validate_metadata(store, catalogue, data, media_type, PROFILE, base_iri=base_iri)
    if not validation.conforms:
        violations = sum(1 for f in validation.report.findings if f.severity is Severity.VIOLATION)
        raise QualityViolations(
            f"the dataset description does not conform to the {PROFILE!r} profile ({violations} violations); nothing was registered",
            validation.report,
        )
    dataset = the_dataset(validation.triples)
    identifier = dataset_id(dataset)
    with WriteLock(catalogue):
        collect_orphan_dataset_graphs(store)
        previous = next(iter(read_records(store, identifier)), None)
        owner = previous.owner if previous else principal.organisation
        require_editor_of(principal, owner)
        now = datetime.now(UTC)
        graph = dataset_graph(identifier, now, uuid.uuid4().hex[:8])
        try:
            store.add_quads(Quad(t.subject, t.predicate, t.object, graph) for t in validation.triples)
            triples = store.count(graph)
            if before_switch is not None:
                before_switch()
            switch_record(store, identifier, dataset, owner, graph, previous.issued if previous else now, now, triples)
        except BaseException:
            store.drop_graph(graph)
            raise
        if previous is not None:
            store.drop_graph(NamedNode(previous.graph))
        store.flush()
        (record,) = read_records(store, identifier)
    record_audit(
        store, principal, "update dataset" if previous else "register dataset",
        organisation=owner, graph=graph.value, triples=triples, comment=f"dataset {identifier}: {dataset.value}",
    )
    catalogue.written()
    warnings = sum(1 for f in validation.report.findings if f.severity is Severity.WARNING)
    return Registration(record, previous is None, previous.graph if previous else None, warnings, validation.report)


def withdraw_dataset(store: Store, catalogue: Catalogue, identifier: str, principal: Principal | None) -> DatasetRecord:
    """Take a dataset out of the catalogue (owner or admin): its record in one update, then its graph."""
    principal = require_principal(principal)
    with WriteLock(catalogue):
        record = get_record(store, identifier)
        require_editor_of(principal, record.owner)
        remove_record(store, identifier)
        store.drop_graph(NamedNode(record.graph))
        store.flush()
    record_audit(store, principal, "withdraw dataset", organisation=record.owner, graph=record.graph,
                 comment=f"dataset {identifier}: {record.iri}")
    catalogue.written()
    return record


def get_record(store: Store, identifier: str) -> DatasetRecord:
    found = read_records(store, identifier)
    if not found:
        raise NotFound(f"no dataset {identifier!r} is registered")
    return found[0]


def collect_orphan_dataset_graphs(store: Store) -> list[str]:
    """Drop dataset graphs no record points to (left by a crash between a switch and a drop).
    Call with the catalogue's write lock held."""
    referenced = {record.graph for record in read_records(store)}
    orphans = [g for g in store.named_graphs() if g.value.startswith(DATASET_GRAPH_PREFIX) and g.value not in referenced]
    for graph in orphans:
        store.drop_graph(graph)
    return [g.value for g in orphans]
