"""Human labels for the fields (property paths) a report names, in Dutch and English.

Read from the profile's files: DCAT-AP-NL's label file (rdfs:label on its property shapes), and
sh:name / rdfs:label of the property shapes themselves; eduvoc's ontology labels its own terms.
A field without any label falls back to its prefixed name (dct:title).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from registry.config import PROJECT_ROOT
from registry.namespaces import RDFS
from registry.validation import PropertyPath
from registry.validation.graph import TripleIndex
from registry.validation.shapes import sh

ONTOLOGY_FILE = PROJECT_ROOT / "ontology" / "eduvoc.ttl"
RDFS_LABEL = NamedNode(RDFS + "label")
PREFIXES = {
    "http://purl.org/dc/terms/": "dct:",
    "http://www.w3.org/ns/dcat#": "dcat:",
    "http://xmlns.com/foaf/0.1/": "foaf:",
    "http://www.w3.org/ns/prov#": "prov:",
    "http://www.w3.org/ns/adms#": "adms:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "https://w3id.org/eduvoc/def/": "eduvoc:",
    "http://www.w3.org/ns/odrl/2/": "odrl:",
    "http://data.europa.eu/r5r/": "dcatap:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2006/vcard/ns#": "vcard:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/ns/shacl#": "sh:",
    "http://www.w3.org/ns/locn#": "locn:",
}


@dataclass(frozen=True)
class FieldLabels:
    """Predicate IRI -> language -> label."""

    by_predicate: dict[str, dict[str, str]] = field(default_factory=dict)

    def label(self, path: PropertyPath | None, language: str = "nl") -> str:
        """The field's label in `language` (else English, else any), else its prefixed name."""
        if path is None:
            return ""
        predicate = path.predicate
        if predicate is None:
            return path.sparql
        labels = self.by_predicate.get(predicate.value, {})
        return labels.get(language) or labels.get("en") or next(iter(labels.values()), None) or prefixed(predicate.value)


def prefixed(iri: str) -> str:
    for namespace, prefix in PREFIXES.items():
        if iri.startswith(namespace):
            return prefix + iri[len(namespace):]
    return iri


def read_labels(paths: tuple[Path, ...]) -> FieldLabels:
    """Labels from the given shape/label files (first file wins per language) and the ontology."""
    found: dict[str, dict[str, str]] = {}
    for path in (*paths, ONTOLOGY_FILE):
        index = TripleIndex.parse(path)
        for subject, predicate in index.pairs(sh("path")):
            if not isinstance(predicate, NamedNode):
                continue
            for literal in (*index.objects(subject, sh("name")), *index.objects(subject, RDFS_LABEL)):
                if isinstance(literal, Literal):
                    found.setdefault(predicate.value, {}).setdefault(literal.language or "en", literal.value)
        if path == ONTOLOGY_FILE:
            for subject, literal in index.pairs(RDFS_LABEL):
                if isinstance(subject, NamedNode) and isinstance(literal, Literal):
                    found.setdefault(subject.value, {}).setdefault(literal.language or "en", literal.value)
    return FieldLabels(found)
