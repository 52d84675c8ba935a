"""The dataset catalogue as DCAT: one dcat:Catalog, published by the registry, with a contact
point and every registered dataset description as registered — itself a DCAT-AP-NL 3.0 catalogue
(which asks for at least one dataset: an empty catalogue does not conform)."""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from registry import rdf_text
from registry.catalogue import Catalogue
from registry.datasets.records import DATETIME, read_records
from registry.datasets.terms import DATASET_CATALOGUE, T
from registry.formats import Format
from registry.namespaces import DCAT, DCT, EDUVOC_BASE, FOAF, RDF_TYPE, SKOS
from registry.store import Store

VCARD = "http://www.w3.org/2006/vcard/ns#"
REGISTRY_AGENT = NamedNode(EDUVOC_BASE + "org/eduvoc")
EU = "http://publications.europa.eu/resource/authority/"
LANGUAGES = (NamedNode(EU + "language/NLD"), NamedNode(EU + "language/ENG"))
THEMES = NamedNode(EU + "data-theme")
LICENCE = NamedNode("http://creativecommons.org/publicdomain/zero/1.0/")  # the catalogue's own metadata
EXPORT_PREFIXES = rdf_text.prefixes("dcat", "dct", "foaf", "skos", "vcard", "xsd", "prov", "eduvoc", "dcatap")


def _text(nl: str, en: str) -> list[Literal]:
    return [Literal(nl, language="nl"), Literal(en, language="en")]


def catalogue_triples(store: Store, catalogue: Catalogue, public_url: str) -> list[Triple]:
    """The catalogue description plus the triples of every current dataset description.
    `public_url` is the registry's base URL (the catalogue's homepage and contact)."""
    records = read_records(store)
    base = public_url.rstrip("/")
    contact = BlankNode()
    c = DATASET_CATALOGUE
    statements: list[tuple] = [
        (c, RDF_TYPE, T.Catalog),
        *((c, T.title, t) for t in _text("Datasetcatalogus van eduvoc", "eduvoc dataset catalogue")),
        *((c, T.description, t) for t in _text(
            "Beschrijvingen van onderwijsdatasets (DCAT-AP-NL 3.0 met de onderwijsuitbreiding van eduvoc), "
            "geregistreerd door hun uitgevers nadat ze het datasetprofiel doorstonden.",
            "Descriptions of education datasets (DCAT-AP-NL 3.0 with eduvoc's education extension), "
            "registered by their publishers after passing the dataset profile.")),
        (c, T.publisher, REGISTRY_AGENT),
        (c, NamedNode(DCT + "creator"), REGISTRY_AGENT),
        (REGISTRY_AGENT, RDF_TYPE, NamedNode(FOAF + "Agent")),
        (REGISTRY_AGENT, RDF_TYPE, NamedNode(FOAF + "Organization")),
        (REGISTRY_AGENT, T.name, Literal("eduvoc")),
        (c, NamedNode(DCAT + "contactPoint"), contact),
        (contact, RDF_TYPE, NamedNode(VCARD + "Kind")),
        (contact, NamedNode(VCARD + "fn"), Literal("eduvoc")),
        (contact, NamedNode(VCARD + "hasURL"), NamedNode(base + "/")),
        (c, NamedNode(FOAF + "homepage"), NamedNode(base + "/datasets")),
        (NamedNode(base + "/datasets"), RDF_TYPE, NamedNode(FOAF + "Document")),
        *((c, NamedNode(DCT + "language"), language) for language in LANGUAGES),
        *((language, RDF_TYPE, NamedNode(DCT + "LinguisticSystem")) for language in LANGUAGES),
        (c, NamedNode(DCT + "license"), LICENCE),
        (LICENCE, RDF_TYPE, NamedNode(DCT + "LicenseDocument")),
        (c, NamedNode(DCAT + "themeTaxonomy"), THEMES),
        (THEMES, RDF_TYPE, NamedNode(SKOS + "ConceptScheme")),
        (THEMES, T.title, Literal("Data theme", language="en")),
        *((c, T.dataset, NamedNode(r.iri)) for r in records),
    ]
    if records:
        newest = max(r.modified for r in records)
        statements.append((c, T.modified, Literal(newest.isoformat(timespec="seconds"), datatype=DATETIME)))
    triples = [Triple(*s) for s in statements]
    for record in records:
        triples.extend(q.triple for q in store.quads(graph=NamedNode(record.graph)))
    return triples


def serialise(triples: list[Triple], rdf_format: Format) -> bytes:
    """Triples as Turtle, JSON-LD, RDF/XML or N-Triples, with the catalogue's prefixes."""
    return rdf_text.serialize_bytes(triples, rdf_format.oxigraph, EXPORT_PREFIXES)
