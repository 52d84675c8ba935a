"""IRIs of the dataset catalogue: records, graphs, the catalogue itself, and the terms it uses."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from urllib.parse import urlsplit

from pyoxigraph import NamedNode

from registry.namespaces import (
    DATASET_GRAPH_PREFIX,
    DCAT,
    DCT,
    EDUVOC_BASE,
    EDUVOC_DEF,
    FOAF,
)

DATASET_CATALOGUE = NamedNode(EDUVOC_BASE + "catalogue/datasets")
PROFILE = "dataset"  # the metadata profile a description must conform to (registry.metadata)


class T:
    """The terms the catalogue records and the browse facets use (a closed set)."""

    Dataset = NamedNode(DCAT + "Dataset")
    Catalog = NamedNode(DCAT + "Catalog")
    CatalogRecord = NamedNode(DCAT + "CatalogRecord")
    record = NamedNode(DCAT + "record")
    dataset = NamedNode(DCAT + "dataset")
    theme = NamedNode(DCAT + "theme")
    keyword = NamedNode(DCAT + "keyword")
    title = NamedNode(DCT + "title")
    description = NamedNode(DCT + "description")
    publisher = NamedNode(DCT + "publisher")
    conformsTo = NamedNode(DCT + "conformsTo")
    identifier = NamedNode(DCT + "identifier")
    issued = NamedNode(DCT + "issued")
    modified = NamedNode(DCT + "modified")
    primaryTopic = NamedNode(FOAF + "primaryTopic")
    name = NamedNode(FOAF + "name")
    purposeOfUse = NamedNode(EDUVOC_DEF + "purposeOfUse")
    aggregationLevel = NamedNode(EDUVOC_DEF + "aggregationLevel")
    containsPersonalData = NamedNode(EDUVOC_DEF + "containsPersonalData")
    currentGraph = NamedNode(EDUVOC_DEF + "currentGraph")
    owner = NamedNode(EDUVOC_DEF + "owner")
    tripleCount = NamedNode(EDUVOC_DEF + "tripleCount")


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def dataset_id(dataset: NamedNode) -> str:
    """The registry's id for a dataset IRI: readable (the IRI's last segment) and unique (a hash of
    the whole IRI), so re-registering the same dataset always finds the same record."""
    parts = urlsplit(dataset.value)
    last = (parts.fragment or parts.path.rstrip("/").rsplit("/", 1)[-1] or parts.netloc).lower()
    readable = _NOT_SLUG.sub("-", last).strip("-")[:48].strip("-") or "dataset"
    return f"{readable}-{hashlib.sha256(dataset.value.encode()).hexdigest()[:8]}"


def dataset_record(identifier: str) -> NamedNode:
    return NamedNode(f"{EDUVOC_BASE}catalogue/dataset/{identifier}")


def dataset_graph(identifier: str, loaded: datetime, nonce: str) -> NamedNode:
    """A fresh graph for one registered version of a dataset description."""
    return NamedNode(f"{DATASET_GRAPH_PREFIX}{identifier}/{loaded.strftime('%Y%m%dT%H%M%S')}-{nonce}")
