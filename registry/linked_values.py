"""What the IRIs on a concept page are: registered concepts (shown with their label, linked to
their page) or something else (an external link, http(s) only), and whom to tell about a problem
with a concept (the scheme's contact point or its publisher's e-mail address)."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from registry.catalogue import Catalogue
from registry.namespaces import FOAF, RDF, SKOS
from registry.store import Store

DCAT_CONTACT_POINT = NamedNode("http://www.w3.org/ns/dcat#contactPoint")
VCARD_HAS_EMAIL = NamedNode("http://www.w3.org/2006/vcard/ns#hasEmail")
FOAF_MBOX = NamedNode(FOAF + "mbox")
DCT_PUBLISHER = NamedNode("http://purl.org/dc/terms/publisher")
_CONCEPT = NamedNode(SKOS + "Concept")
_TYPE = NamedNode(RDF + "type")
_PREF_LABEL = NamedNode(SKOS + "prefLabel")
MAX_LOOKUPS = 200


def concept_labels(store: Store, catalogue: Catalogue, iris: list[str]) -> dict[str, dict[str, str]]:
    """The IRIs among `iris` that are concepts of a current release, with their preferred labels
    by language (index lookups only; at most `MAX_LOOKUPS` IRIs are looked at)."""
    graphs = catalogue.read_graphs()
    found: dict[str, dict[str, str]] = {}
    for iri in list(dict.fromkeys(iris))[:MAX_LOOKUPS]:
        if not iri.startswith(("http://", "https://")):
            continue
        node = NamedNode(iri)
        for graph in graphs:
            if store.quads(node, _TYPE, _CONCEPT, graph):
                labels = found.setdefault(iri, {})
                for quad in store.quads(node, _PREF_LABEL, None, graph):
                    if isinstance(quad.object, Literal):
                        labels.setdefault(quad.object.language or "", quad.object.value)
    return found


def _email(value: object) -> str | None:
    text = getattr(value, "value", "")
    text = text.removeprefix("mailto:")
    return text if "@" in text and " " not in text and len(text) <= 254 else None


def contact_address(store: Store, catalogue: Catalogue, slug: str) -> str | None:
    """An e-mail address for problems with a vocabulary's concepts: the scheme's dcat:contactPoint
    (vcard:hasEmail), else its publisher's foaf:mbox, as the current release states them."""
    record = catalogue.vocabulary(slug)
    graph, scheme = NamedNode(record.graph), NamedNode(record.scheme)
    for point in store.quads(scheme, DCAT_CONTACT_POINT, None, graph):
        if not isinstance(point.object, Literal):
            for quad in store.quads(point.object, VCARD_HAS_EMAIL, None, graph):
                if address := _email(quad.object):
                    return address
    for publisher in store.quads(scheme, DCT_PUBLISHER, None, graph):
        if isinstance(publisher.object, NamedNode):
            for quad in store.quads(publisher.object, FOAF_MBOX, None, graph):
                if address := _email(quad.object):
                    return address
    return None
