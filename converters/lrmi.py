"""The DCMI LRMI concept schemes → `lrmi-<name>` (five vocabularies), as mapping targets for NL-LOM values.

Source: `sources/lrmi-vocabularies/<name>.ttl` (dcmi/lrmi, CC BY 4.0). Each file is one SKOS concept
scheme with its own IRIs (`http://purl.org/dcx/lrmi-vocabs/<name>/`), labels in en-US and de; every
concept, label, definition and match is kept; the scheme gets eduvoc's catalogue metadata and its
concepts become top concepts (the schemes are flat). Fails on a concept without a preferred label.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import DCTERMS, RDF, SKOS, Graph, URIRef

from converters.regulation import SourceRowError
from converters.vocabulary_file import Publisher, SchemeInfo, new_scheme_graph

SOURCE_FOLDER = "lrmi-vocabularies"
COMMIT = "a061e2b1be62613cdfcd6d095113e6824d101c57"
LICENCE = "http://creativecommons.org/licenses/by/4.0/"
PUBLISHER = Publisher("dcmi", "Dublin Core Metadata Initiative (LRMI Task Group)")
NAMES = {
    "learningResourceType": ("lrmi-learning-resource-type", "LRMI-soorten leermiddelen", "LRMI learning resource types"),
    "educationalUse": ("lrmi-educational-use", "LRMI-onderwijskundig gebruik", "LRMI educational use"),
    "educationalAudienceRole": ("lrmi-educational-audience-role", "LRMI-rollen van de doelgroep", "LRMI educational audience roles"),
    "alignmentType": ("lrmi-alignment-type", "LRMI-soorten afstemming", "LRMI alignment types"),
    "interactivityType": ("lrmi-interactivity-type", "LRMI-soorten interactiviteit", "LRMI interactivity types"),
}
KEPT = (SKOS.prefLabel, SKOS.altLabel, SKOS.definition, SKOS.scopeNote, SKOS.notation, SKOS.exactMatch,
        SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)


def convert(path: Path, slug: str, title_nl: str, title_en: str) -> tuple[SchemeInfo, Graph]:
    source = Graph().parse(path, format="turtle")
    (scheme,) = set(source.subjects(RDF.type, SKOS.ConceptScheme))
    info = SchemeInfo(
        slug=slug, title_nl=title_nl, title_en=title_en,
        description_nl=f"Het LRMI-begrippenschema {path.stem} van DCMI, als doel voor koppelingen vanuit NL-LOM; labels in "
                       "het Engels en Duits zoals de bron ze geeft (geen Nederlandse labels).",
        description_en=f"The DCMI LRMI concept scheme {path.stem}, as a target for mappings from NL-LOM; labels in English "
                       "and German as the source gives them (no Dutch labels).",
        publisher=PUBLISHER, license=LICENCE,
        source=f"https://github.com/dcmi/lrmi/blob/{COMMIT}/lrmi_vocabs/{path.stem}/{path.name}",
        version=str(source.value(scheme, DCTERMS.modified) or COMMIT[:10]), iri=str(scheme),
    )
    graph = new_scheme_graph(info)
    for concept in sorted(source.subjects(RDF.type, SKOS.Concept)):
        if source.value(concept, SKOS.prefLabel) is None:
            raise SourceRowError(path.name, f"concept {concept}", "no skos:prefLabel")
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, URIRef(str(scheme))))
        graph.add((concept, SKOS.topConceptOf, URIRef(str(scheme))))
        graph.add((URIRef(str(scheme)), SKOS.hasTopConcept, concept))
        for predicate in KEPT:
            for value in source.objects(concept, predicate):
                graph.add((concept, predicate, value))
    return info, graph


def build(sources: Path) -> list[tuple[SchemeInfo, Graph]]:
    return [convert(sources / SOURCE_FOLDER / f"{name}.ttl", *spec) for name, spec in NAMES.items()]
