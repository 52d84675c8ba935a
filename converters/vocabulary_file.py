"""What every converter produces: one SKOS concept scheme, with its catalogue metadata, as Turtle.

A bundled vocabulary is one file `vocabularies/<slug>.ttl` holding exactly one
`skos:ConceptScheme`. The registry reads the scheme's metadata (title, publisher, licence,
source, version) from that file, so each file is self-contained.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import DCTERMS, FOAF, OWL, RDF, SKOS, XSD, Graph, Literal, Namespace, URIRef

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SOURCES_DIR = PROJECT_ROOT / "sources"
VOCABULARIES_DIR = PROJECT_ROOT / "vocabularies"

EDUVOC = "https://w3id.org/eduvoc/"
EDUVOC_VOCAB = Namespace(EDUVOC + "vocab/")
EDUVOC_ORG = Namespace(EDUVOC + "org/")
EDUVOC_DEF = Namespace(EDUVOC + "def/")
SLO_UUID = Namespace("https://opendata.slo.nl/curriculum/uuid/")
ADMS = Namespace("http://www.w3.org/ns/adms#")
PROV = Namespace("http://www.w3.org/ns/prov#")

PREFIXES = {
    "skos": SKOS,
    "dct": DCTERMS,
    "owl": OWL,
    "foaf": FOAF,
    "xsd": XSD,
    "adms": ADMS,
    "prov": PROV,
    "eduvoc": EDUVOC_DEF,
    "slo": SLO_UUID,
}


@dataclass(frozen=True)
class Publisher:
    """The organisation that holds the source (bronhouder)."""

    slug: str
    name: str

    @property
    def iri(self) -> URIRef:
        return EDUVOC_ORG[self.slug]


@dataclass(frozen=True)
class SchemeInfo:
    """Catalogue metadata of one bundled vocabulary."""

    slug: str
    title_nl: str
    title_en: str
    description_nl: str
    description_en: str
    publisher: Publisher
    license: str  # IRI of the licence
    source: str  # IRI/URL of the original source (repository, file or dataset)
    version: str  # the source's own version or commit
    iri: str | None = None  # the source's own scheme IRI; default under the eduvoc base
    extra_prefixes: dict[str, str] = field(default_factory=dict)

    @property
    def scheme_iri(self) -> URIRef:
        return URIRef(self.iri) if self.iri else EDUVOC_VOCAB[self.slug]


def new_scheme_graph(info: SchemeInfo) -> Graph:
    """A graph holding the scheme and its metadata; converters add the concepts."""
    graph = Graph()
    for prefix, namespace in {**PREFIXES, **info.extra_prefixes}.items():
        graph.bind(prefix, namespace, replace=True)
    scheme = info.scheme_iri
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, DCTERMS.identifier, Literal(info.slug)))
    graph.add((scheme, DCTERMS.title, Literal(info.title_nl, lang="nl")))
    graph.add((scheme, DCTERMS.title, Literal(info.title_en, lang="en")))
    graph.add((scheme, SKOS.prefLabel, Literal(info.title_nl, lang="nl")))
    graph.add((scheme, SKOS.prefLabel, Literal(info.title_en, lang="en")))
    graph.add((scheme, DCTERMS.description, Literal(info.description_nl, lang="nl")))
    graph.add((scheme, DCTERMS.description, Literal(info.description_en, lang="en")))
    graph.add((scheme, DCTERMS.publisher, info.publisher.iri))
    graph.add((info.publisher.iri, RDF.type, FOAF.Organization))
    graph.add((info.publisher.iri, FOAF.name, Literal(info.publisher.name)))
    graph.add((scheme, DCTERMS.license, URIRef(info.license)))
    graph.add((scheme, DCTERMS.source, URIRef(info.source)))
    graph.add((scheme, OWL.versionInfo, Literal(info.version)))
    return graph


def write_vocabulary(graph: Graph, slug: str, directory: Path = VOCABULARIES_DIR) -> Path:
    """Write the graph as `<directory>/<slug>.ttl`, atomically (temp file, then rename)."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{slug}.ttl"
    temporary = target.with_suffix(".ttl.tmp")
    graph.serialize(destination=temporary, format="turtle", encoding="utf-8")
    temporary.replace(target)
    return target
