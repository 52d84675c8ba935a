"""Edurep vocabularies via SURF edusources → `hbo-*` (four HBO subject vocabularies), `obk-vakgebieden`,
`edurep-leermateriaalsoort`.

Source: `sources/surf-edusources-vocabularies/` (SURF search-portal fixtures, MIT; the vocabularies are
Edurep's, IRIs under `purl.edustandaard.nl`):

- `initial-study-vocabulary-resources.json`: four SKOS JSON-LD documents from the Edurep vocabulary service,
  each kept with its own scheme and concept IRIs (Dutch labels, skos:broader hierarchy);
- `test-metadata-edusources.json`: metadata values with nl/en labels: the 400 OBK disciplines (ids are the
  uuids of `http://purl.edustandaard.nl/begrippenkader/<uuid>`) and the 28 learning-material types. English
  labels the fixture marks `is_fuzzy` (machine-translated) are left out.

Fails, naming file and record, on a concept without a label, an unknown broader, or a duplicate IRI.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, SKOS, Graph, Literal, URIRef

from converters.regulation import SourceRowError
from converters.vocabulary_file import EDUVOC_VOCAB, Publisher, SchemeInfo, new_scheme_graph

SOURCE_FOLDER = "surf-edusources-vocabularies"
STUDY_FILE = "initial-study-vocabulary-resources.json"
METADATA_FILE = "test-metadata-edusources.json"
COMMIT = "63e30ad0399c193fcb686804062cedf3930a093c"
REPOSITORY = f"https://github.com/surfedushare/search-portal/blob/{COMMIT}/harvester/metadata/fixtures/"
LICENCE = "http://spdx.org/licenses/MIT"
PUBLISHER = Publisher("edurep", "Edurep (Kennisnet en SURF)")
OBK_BASE = "http://purl.edustandaard.nl/begrippenkader/"
#: discipline values of the fixture that are not OBK identifiers (no uuid): left out, named in the README
NOT_OBK = frozenset({"economie"})
VERSION = f"Edurep via surfedushare/search-portal@{COMMIT[:10]} (opgehaald 2023-03-13)"
ATTRIBUTION_NL = "Bron: Edurep (Kennisnet/SURF), via de SURF edusources-fixtures (MIT)."
ATTRIBUTION_EN = "Source: Edurep (Kennisnet/SURF), via the SURF edusources fixtures (MIT)."


@dataclass(frozen=True)
class HboSpec:
    slug: str
    key: str  # the name in the Edurep URL
    title_nl: str
    title_en: str


HBO = (
    HboSpec("hbo-applied-science", "applied-science", "HBO-vakgebieden applied science (2021)", "HBO applied science subjects (2021)"),
    HboSpec("hbo-informatievaardigheid", "informatievaardigheid", "HBO informatievaardigheid (2020)", "HBO information literacy (2020)"),
    HboSpec("hbo-vaktherapie", "vaktherapie", "HBO vaktherapie (2020)", "HBO arts and psychomotor therapies (2020)"),
    HboSpec("hbo-verpleegkunde", "verpleegkunde", "HBO verpleegkunde (2019)", "HBO nursing (2019)"),
)


def fixture(sources: Path, name: str) -> list[dict]:
    return json.loads((sources / SOURCE_FOLDER / name).read_text(encoding="utf-8"))


def hbo_scheme(spec: HboSpec, record: dict) -> Graph:
    """One Edurep SKOS document as a vocabulary: its own IRIs, our catalogue metadata on its scheme."""
    body = record["fields"]["body"]
    source = Graph().parse(data=json.dumps(body) if not isinstance(body, str) else body, format="json-ld")
    schemes = set(source.objects(None, SKOS.inScheme))
    if len(schemes) != 1:
        raise SourceRowError(STUDY_FILE, f"record pk={record['pk']}", f"{spec.key}: expected one scheme, found {len(schemes)}")
    (scheme_iri,) = schemes
    info = SchemeInfo(
        slug=spec.slug, title_nl=spec.title_nl, title_en=spec.title_en,
        description_nl=f"Het Edurep-vakgebiedenvocabulaire {spec.key} voor het hbo, met de IRI's van purl.edustandaard.nl "
                       f"en de hiërarchie van de bron; alleen Nederlandse labels. {ATTRIBUTION_NL}",
        description_en=f"The Edurep subject vocabulary {spec.key} for Dutch higher professional education, with the "
                       f"purl.edustandaard.nl IRIs and the source's hierarchy; Dutch labels only. {ATTRIBUTION_EN}",
        publisher=PUBLISHER, license=LICENCE, source=f"https://{record['fields']['uri']}", version=VERSION, iri=str(scheme_iri),
    )
    graph = new_scheme_graph(info)
    concepts = set(source.subjects(RDF.type, SKOS.Concept))
    for concept in concepts:
        labels = list(source.objects(concept, SKOS.prefLabel))
        if not labels:
            raise SourceRowError(STUDY_FILE, f"record pk={record['pk']}", f"{spec.key}: concept {concept} has no prefLabel")
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, info.scheme_iri))
        for label in labels:
            graph.add((concept, SKOS.prefLabel, label))
        for predicate in (SKOS.altLabel, SKOS.definition, SKOS.notation):
            for value in source.objects(concept, predicate):
                graph.add((concept, predicate, value))
        parents = set(source.objects(concept, SKOS.broader))
        for parent in parents:
            if parent not in concepts:
                raise SourceRowError(STUDY_FILE, f"record pk={record['pk']}", f"{spec.key}: {concept} has unknown broader {parent}")
            graph.add((concept, SKOS.broader, parent))
            graph.add((parent, SKOS.narrower, concept))
        if not parents:
            graph.add((concept, SKOS.topConceptOf, info.scheme_iri))
            graph.add((info.scheme_iri, SKOS.hasTopConcept, concept))
    return graph, info


def metadata_values(sources: Path, field: str) -> list[tuple[dict, dict]]:
    """(value record, translation) of one metadata field, in file order."""
    records = fixture(sources, METADATA_FILE)
    fields = {r["pk"]: r["fields"]["name"] for r in records if r["model"] == "metadata.metadatafield"}
    translations = {r["pk"]: r["fields"] for r in records if r["model"] == "metadata.metadatatranslation"}
    return [(r, translations[r["fields"]["translation"]]) for r in records
            if r["model"] == "metadata.metadatavalue" and fields[r["fields"]["field"]] == field and not r["fields"]["deleted_at"]]


def add_labelled(graph: Graph, scheme: URIRef, concept: URIRef, translation: dict, seen: set[URIRef], pk: int) -> None:
    if concept in seen:
        raise SourceRowError(METADATA_FILE, f"record pk={pk}", f"duplicate IRI {concept}")
    seen.add(concept)
    if not translation["nl"].strip():
        raise SourceRowError(METADATA_FILE, f"record pk={pk}", f"{concept} has no Dutch label")
    graph.add((concept, RDF.type, SKOS.Concept))
    graph.add((concept, SKOS.inScheme, scheme))
    graph.add((concept, SKOS.prefLabel, Literal(translation["nl"].strip(), lang="nl")))
    if translation["en"].strip() and not translation["is_fuzzy"]:
        graph.add((concept, SKOS.prefLabel, Literal(translation["en"].strip(), lang="en")))


def obk_scheme(sources: Path) -> tuple[Graph, SchemeInfo]:
    info = SchemeInfo(
        slug="obk-vakgebieden", title_nl="OBK-vakgebieden (Edurep)", title_en="OBK disciplines (Edurep)",
        description_nl="De vakgebieden van het onderwijsbegrippenkader (OBK) zoals Edurep en edusources ze gebruiken "
                       f"(NL-LOM), met IRI's {OBK_BASE}<uuid>; Engelse labels alleen waar ze niet machinaal vertaald zijn. "
                       "De bron geeft een platte lijst, zonder hiërarchie. " + ATTRIBUTION_NL,
        description_en="The disciplines of the Dutch education concept framework (OBK) as Edurep and edusources use them "
                       f"(NL-LOM), with IRIs {OBK_BASE}<uuid>; English labels only where not machine-translated. The "
                       "source gives a flat list, no hierarchy. " + ATTRIBUTION_EN,
        publisher=PUBLISHER, license=LICENCE, source=REPOSITORY + METADATA_FILE, version=VERSION,
    )
    graph = new_scheme_graph(info)
    seen: set[URIRef] = set()
    for record, translation in metadata_values(sources, "disciplines"):
        value = record["fields"]["value"]
        if value in NOT_OBK:
            continue
        if not re.fullmatch(r"[0-9a-f-]{36}", value):
            raise SourceRowError(METADATA_FILE, f"record pk={record['pk']}", f"discipline id {value!r} is not a uuid")
        concept = URIRef(OBK_BASE + value)
        add_labelled(graph, info.scheme_iri, concept, translation, seen, record["pk"])
        graph.add((concept, SKOS.topConceptOf, info.scheme_iri))
        graph.add((info.scheme_iri, SKOS.hasTopConcept, concept))
    return graph, info


def material_types_scheme(sources: Path) -> tuple[Graph, SchemeInfo]:
    slug = "edurep-leermateriaalsoort"
    info = SchemeInfo(
        slug=slug, title_nl="Soorten leermateriaal (edusources)", title_en="Learning-material types (edusources)",
        description_nl="De soorten leermateriaal van edusources (NL-LOM learningResourceType zoals SURF ze toont), met "
                       "Nederlandse en Engelse labels en de indeling van de bron. " + ATTRIBUTION_NL,
        description_en="The learning-material types of edusources (NL-LOM learningResourceType as SURF shows them), with "
                       "Dutch and English labels and the source's grouping. " + ATTRIBUTION_EN,
        publisher=PUBLISHER, license=LICENCE, source=REPOSITORY + METADATA_FILE, version=VERSION,
    )
    graph = new_scheme_graph(info)
    values = metadata_values(sources, "material_types")
    iri_of = {r["pk"]: EDUVOC_VOCAB[f"{slug}/{re.sub(r'[^a-z0-9]+', '-', r['fields']['value'].lower()).strip('-')}"] for r, _ in values}
    seen: set[URIRef] = set()
    for record, translation in values:
        concept = iri_of[record["pk"]]
        add_labelled(graph, info.scheme_iri, concept, translation, seen, record["pk"])
        graph.add((concept, SKOS.notation, Literal(record["fields"]["value"])))
        parent = record["fields"]["parent"]
        if parent is None:
            graph.add((concept, SKOS.topConceptOf, info.scheme_iri))
            graph.add((info.scheme_iri, SKOS.hasTopConcept, concept))
        elif parent not in iri_of:
            raise SourceRowError(METADATA_FILE, f"record pk={record['pk']}", f"unknown parent {parent}")
        else:
            graph.add((concept, SKOS.broader, iri_of[parent]))
            graph.add((iri_of[parent], SKOS.narrower, concept))
    return graph, info


def build(sources: Path) -> list[tuple[SchemeInfo, Graph]]:
    records = {r["fields"]["uri"].split("/")[-2]: r for r in fixture(sources, STUDY_FILE)}
    built = []
    for spec in HBO:
        graph, info = hbo_scheme(spec, records[spec.key])
        built.append((info, graph))
    for make in (obk_scheme, material_types_scheme):
        graph, info = make(sources)
        built.append((info, graph))
    return built
