"""The dataset catalogue (issue #5): publishers register DCAT-AP-NL dataset descriptions with
education fields that conform to the "dataset" profile; consumers browse, search and export them.

    register_dataset(store, catalogue, data, media_type, principal)  -> Registration
    withdraw_dataset(store, catalogue, id, principal)
    browse(dataset_index(store, catalogue), q, filters, offset, limit) -> DatasetPage
    catalogue_triples(store, catalogue, public_url)                    -> the DCAT catalogue

Graphs: one fresh named graph per registered description (`graph/dataset/<id>/<load-id>`), and the
records in `graph/datasets`; both public (`Catalogue.dataset_graphs()`), neither a vocabulary graph.
"""

from registry.datasets.browse import (
    FACETS,
    DatasetIndex,
    DatasetPage,
    DatasetSummary,
    FacetValue,
    ValueLabel,
    browse,
    dataset_index,
)
from registry.datasets.export import catalogue_triples, serialise
from registry.datasets.records import DatasetRecord, read_records
from registry.datasets.registration import (
    Registration,
    get_record,
    register_dataset,
    withdraw_dataset,
)
from registry.datasets.terms import DATASET_CATALOGUE, PROFILE, dataset_id

__all__ = [
    "DATASET_CATALOGUE",
    "FACETS",
    "PROFILE",
    "DatasetIndex",
    "DatasetPage",
    "DatasetRecord",
    "DatasetSummary",
    "FacetValue",
    "Registration",
    "ValueLabel",
    "browse",
    "catalogue_triples",
    "dataset_id",
    "dataset_index",
    "get_record",
    "read_records",
    "register_dataset",
    "serialise",
    "withdraw_dataset",
]
