"""The dataset catalogue's records, in the public graph `DATASETS_GRAPH`: which graph holds the
current description of each registered dataset, who owns it, when it was registered. Each write
is ONE SPARQL update (atomic in the store); descriptions themselves go into fresh graphs first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pyoxigraph import Literal, NamedNode, Variable

from registry import rdf_text
from registry.datasets.terms import DATASET_CATALOGUE, T, dataset_record
from registry.namespaces import DATASETS_GRAPH, RDF_TYPE, XSD
from registry.store import Store

DATETIME = NamedNode(XSD + "dateTime")
INTEGER = NamedNode(XSD + "integer")

_RECORDS = """PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX eduvoc: <https://w3id.org/eduvoc/def/>
SELECT ?record ?id ?dataset ?graph ?owner ?issued ?modified ?triples WHERE {
  ?record a dcat:CatalogRecord ; dct:identifier ?id ; foaf:primaryTopic ?dataset ; eduvoc:currentGraph ?graph ;
    eduvoc:owner ?owner ; dct:issued ?issued ; dct:modified ?modified ; eduvoc:tripleCount ?triples .
} ORDER BY ?id"""


@dataclass(frozen=True)
class DatasetRecord:
    """The catalogue's record of one registered dataset description (its current version)."""

    id: str
    iri: str
    graph: str
    owner: str
    issued: datetime
    modified: datetime
    triples: int


def read_records(store: Store, identifier: str | None = None) -> list[DatasetRecord]:
    """Every record (or the one with `identifier`), read from the store, ordered by id."""
    substitutions = {Variable("id"): Literal(identifier)} if identifier is not None else None
    return [
        DatasetRecord(
            id=row["id"].value,
            iri=row["dataset"].value,
            graph=row["graph"].value,
            owner=row["owner"].value,
            issued=datetime.fromisoformat(row["issued"].value),
            modified=datetime.fromisoformat(row["modified"].value),
            triples=int(row["triples"].value),
        )
        for row in store.query(_RECORDS, substitutions=substitutions, default_graph=[DATASETS_GRAPH])
    ]


def _delete_record(record: NamedNode) -> str:
    """Updates removing `record` and the catalogue's links to it and to its dataset."""
    return (
        f"DELETE {{ GRAPH {DATASETS_GRAPH} {{ {DATASET_CATALOGUE} {T.dataset} ?dataset }} }}"
        f" WHERE {{ GRAPH {DATASETS_GRAPH} {{ {record} {T.primaryTopic} ?dataset }} }} ;"
        f" DELETE WHERE {{ GRAPH {DATASETS_GRAPH} {{ {record} ?p ?o }} }} ;"
        f" DELETE WHERE {{ GRAPH {DATASETS_GRAPH} {{ {DATASET_CATALOGUE} {T.record} {record} }} }} ;"
    )


def switch_record(
    store: Store, identifier: str, dataset: NamedNode, owner: str, graph: NamedNode,
    issued: datetime, modified: datetime, triples: int,
) -> None:
    """Make `graph` the current description of dataset `identifier` (creating its record)."""
    record = dataset_record(identifier)
    statements = [
        (DATASET_CATALOGUE, RDF_TYPE, T.Catalog),
        (DATASET_CATALOGUE, T.record, record),
        (DATASET_CATALOGUE, T.dataset, dataset),
        (record, RDF_TYPE, T.CatalogRecord),
        (record, T.identifier, Literal(identifier)),
        (record, T.primaryTopic, dataset),
        (record, T.currentGraph, graph),
        (record, T.owner, Literal(owner)),
        (record, T.issued, Literal(issued.isoformat(timespec="microseconds"), datatype=DATETIME)),
        (record, T.modified, Literal(modified.isoformat(timespec="microseconds"), datatype=DATETIME)),
        (record, T.tripleCount, Literal(str(triples), datatype=INTEGER)),
    ]
    store.update(_delete_record(record) + f" INSERT DATA {{ GRAPH {DATASETS_GRAPH} {{ {rdf_text.statements(statements)} }} }}")


def remove_record(store: Store, identifier: str) -> None:
    """Take dataset `identifier` out of the catalogue (its graph is dropped by the caller)."""
    store.update(_delete_record(dataset_record(identifier)).rstrip(" ;"))
