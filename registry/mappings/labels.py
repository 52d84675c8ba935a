"""Labels of mapped concepts, read from the current releases (for pages, JSON and SSSOM's
subject_label/object_label columns)."""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode

from registry.catalogue import Catalogue
from registry.store import Store

_PREF_LABEL = "<http://www.w3.org/2004/02/skos/core#prefLabel>"


def concept_labels(store: Store, catalogue: Catalogue, iris: Iterable[str]) -> dict[str, dict[str, str]]:
    """IRI -> {language: prefLabel} for those of `iris` that have one (one query per 2000 IRIs)."""
    nodes = []
    for iri in sorted(set(iris)):
        try:
            nodes.append(NamedNode(iri))
        except ValueError:
            continue
    labels: dict[str, dict[str, str]] = {}
    graphs = catalogue.read_graphs()
    for start in range(0, len(nodes), 2000):
        values = " ".join(str(node) for node in nodes[start : start + 2000])
        query = f"SELECT ?c ?label WHERE {{ VALUES ?c {{ {values} }} ?c {_PREF_LABEL} ?label }}"
        for row in store.query(query, default_graph=graphs):
            label = row["label"]
            if isinstance(label, Literal):
                labels.setdefault(row["c"].value, {}).setdefault(label.language or "", label.value)
    return labels


def pick(labels: dict[str, str] | None, language: str = "nl") -> str | None:
    """The label in `language`, else English, else untagged, else any."""
    if not labels:
        return None
    return labels.get(language) or labels.get("en") or labels.get("") or next(iter(sorted(labels.items())))[1]
