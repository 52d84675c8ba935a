"""EU authority tables (data theme, frequency, file type) and the ADMS 1.0 value lists.

Source: `sources/eu-nal-adms-vocabularies/resources/` (SEMICeu/dcat-ap_shacl, see SOURCE.md).
The Named Authority Lists (NAL) are SKOS-AP-ACT exports of the EU Metadata Registry: labels in
~24 languages, SKOS-XL label resources and much authority-table bookkeeping. We keep the source
IRIs and codes but only Dutch and English labels/definitions, so the files stay lean.

How the NAL marks things, and how we map it:
- code: `at:authority-code` (fallback `at:op-code`, `dc:identifier`) -> `skos:notation`;
- deprecation: attribute `at:deprecated="true"` and/or `euvoc:status concept-status/DEPRECATED`
  -> `owl:deprecated true`; replacement `dct:isReplacedBy` (or inverse `dct:replaces`);
- validity: `euvoc:startDate` / `euvoc:endDate` on the concept are kept as they are;
- labels: `skos:prefLabel` plus SKOS-XL `literalForm`s; extra forms become `skos:altLabel`;
  the ligature "ĳ" is written as "ij".
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import DCTERMS, OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from converters.vocabulary_file import Publisher, SchemeInfo, new_scheme_graph

LOG = logging.getLogger(__name__)

SOURCE_FOLDER = Path("eu-nal-adms-vocabularies") / "resources"
SOURCE_URL = (
    "https://github.com/SEMICeu/dcat-ap_shacl/blob/"
    "07a19dde14ca162a8396172538dc7dbc00aab07e/resources/"
)
AT = Namespace("http://publications.europa.eu/ontology/authority/")
EUVOC = Namespace("http://publications.europa.eu/ontology/euvoc#")
SKOSXL = Namespace("http://www.w3.org/2008/05/skos-xl#")
DC = Namespace("http://purl.org/dc/elements/1.1/")
DEPRECATED_STATUS = URIRef("http://publications.europa.eu/resource/authority/concept-status/DEPRECATED")
ADMS_ONTOLOGY = URIRef("http://purl.org/adms")

LANGUAGES = ("nl", "en")
MAPPING_PROPERTIES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
NAL_LICENCE = "http://data.europa.eu/eli/dec/2011/833/oj"  # Commission reuse decision 2011/833/EU
PUBLICATIONS_OFFICE = Publisher("publications-office", "Publications Office of the European Union")
EUROPEAN_COMMISSION = Publisher("european-commission", "European Commission")

LEAN_NL = "Alleen Nederlandse en Engelse labels en definities overgenomen (de bron heeft ~24 EU-talen)."
LEAN_EN = "Only Dutch and English labels and definitions kept (the source has ~24 EU languages)."
ATTRIBUTION_NL = (
    "© Europese Unie; hergebruik volgens Besluit 2011/833/EU van de Commissie, met bronvermelding."
)
ATTRIBUTION_EN = "© European Union; reuse under Commission Decision 2011/833/EU, attribution required."


@dataclass(frozen=True)
class NalTable:
    """One EU authority table to convert, with the Dutch catalogue text the source lacks."""

    slug: str
    filename: str
    title_nl: str
    about_nl: str
    about_en: str
    #: the class DCAT-AP asks of the property's values (its range), given to every concept, so that a
    #: description using the registry's values conforms without declaring their types itself
    range_class: URIRef | None = None


NAL_TABLES: tuple[NalTable, ...] = (
    NalTable(
        "eu-data-theme",
        "data-theme-skos-ap-act.rdf",
        "Datathema's (EU-autoriteitstabel)",
        "De thema's waarmee datasets in DCAT-AP worden ingedeeld (dcat:theme).",
        "The themes used to classify datasets in DCAT-AP (dcat:theme).",
    ),
    NalTable(
        "eu-frequency",
        "frequencies-skos-ap-act.rdf",
        "Frequenties (EU-autoriteitstabel)",
        "Publicatie- en bijwerkfrequenties (dct:accrualPeriodicity in DCAT-AP).",
        "Publication and update frequencies (dct:accrualPeriodicity in DCAT-AP).",
        DCTERMS.Frequency,
    ),
    NalTable(
        "eu-file-type",
        "filetypes-skos-ap-act.rdf",
        "Bestandstypen (EU-autoriteitstabel)",
        "Bestandsformaten van distributies (dct:format in DCAT-AP); vrijwel alleen Engelse labels.",
        "File formats of distributions (dct:format in DCAT-AP); almost only English labels.",
        DCTERMS.MediaTypeOrExtent,
    ),
)

ADMS_FILENAME = "ADMS_SKOS_v1.00.rdf"
#: Dutch titles of the ADMS schemes (the source is English only); a new scheme needs an entry here.
ADMS_TITLES_NL: dict[str, str] = {
    "adms-asset-type": "ADMS-assettype",
    "adms-interoperability-level": "ADMS-interoperabiliteitsniveau",
    "adms-licence-type": "ADMS-licentietype",
    "adms-publisher-type": "ADMS-uitgeverstype",
    "adms-representation-technique": "ADMS-representatietechniek",
    "adms-status": "ADMS-status",
}
ADMS_STATUS_NOTE_NL = " Verouderd: DCAT-AP 3 gebruikt hiervoor de EU-tabel distribution-status."
ADMS_STATUS_NOTE_EN = " Superseded: DCAT-AP 3 uses the EU distribution-status table instead."


def _parse(path: Path) -> Graph:
    """Parse one RDF/XML source file."""
    return Graph().parse(path, format="xml")


def _clean(text: str) -> str:
    """Spell out the Dutch ligature (the frequency NAL writes "dagelĳks"), so searching "dagelijks" works."""
    return text.replace("\u0133", "ij").replace("\u0132", "IJ")


def _in_languages(values: Iterable[Node]) -> list[Literal]:
    """The Dutch and English literals among `values`, in a stable order, as plain language strings."""
    kept = {
        Literal(_clean(str(value)), lang=value.language)
        for value in values
        if isinstance(value, Literal) and value.language in LANGUAGES
    }
    return sorted(kept, key=lambda lit: (lit.language, str(lit)))


def _xl_forms(source: Graph, concept: Node, predicate: URIRef) -> list[Literal]:
    """The Dutch/English literal forms of the SKOS-XL labels reached by `predicate`."""
    labels = source.objects(concept, predicate)
    return _in_languages(form for label in labels for form in source.objects(label, SKOSXL.literalForm))


def _add_labels(source: Graph, target: Graph, concept: URIRef) -> None:
    """Exactly one prefLabel per kept language; every other distinct form becomes an altLabel."""
    preferred: dict[str, Literal] = {}
    alternatives: set[Literal] = set()
    candidates = _in_languages(source.objects(concept, SKOS.prefLabel))
    for label in candidates + _xl_forms(source, concept, SKOSXL.prefLabel):
        if label.language in preferred:
            alternatives.add(label)
        else:
            preferred[label.language] = label
    alternatives.update(_in_languages(source.objects(concept, SKOS.altLabel)))
    alternatives.update(_xl_forms(source, concept, SKOSXL.altLabel))
    for label in preferred.values():
        target.add((concept, SKOS.prefLabel, label))
    for label in alternatives - set(preferred.values()):
        target.add((concept, SKOS.altLabel, label))


def _add_concept(
    source: Graph, target: Graph, concept: URIRef, scheme: URIRef, notation: Node | None
) -> None:
    """Copy one concept: type, scheme, labels, notation, definitions and external mappings."""
    target.add((concept, RDF.type, SKOS.Concept))
    target.add((concept, SKOS.inScheme, scheme))
    _add_labels(source, target, concept)
    if notation is not None:
        target.add((concept, SKOS.notation, Literal(str(notation))))
    for definition in _in_languages(source.objects(concept, SKOS.definition)):
        target.add((concept, SKOS.definition, definition))
    for predicate in MAPPING_PROPERTIES:
        for match in source.objects(concept, predicate):
            if isinstance(match, URIRef):
                target.add((concept, predicate, match))


def _related_in_source(source: Graph, concept: URIRef, forward: URIRef, inverse: URIRef) -> set[Node]:
    """Objects of `forward` plus subjects of `inverse` pointing at `concept`."""
    return set(source.objects(concept, forward)) | set(source.subjects(inverse, concept))


def _add_structure(source: Graph, target: Graph, scheme: URIRef, concepts: list[URIRef]) -> Counter[str]:
    """Hierarchy, related, replacements and top concepts; returns the dangling references dropped."""
    members = set(concepts)
    dangling: Counter[str] = Counter()
    for concept in concepts:
        for broader in _related_in_source(source, concept, SKOS.broader, SKOS.narrower):
            if broader in members and broader != concept:
                target.add((concept, SKOS.broader, broader))
                target.add((broader, SKOS.narrower, concept))
            else:
                dangling["skos:broader"] += 1
        for related in _related_in_source(source, concept, SKOS.related, SKOS.related):
            if related in members and related != concept:
                target.add((concept, SKOS.related, related))
                target.add((related, SKOS.related, concept))
            else:
                dangling["skos:related"] += 1
        for replacement in _related_in_source(source, concept, DCTERMS.isReplacedBy, DCTERMS.replaces):
            if replacement in members and replacement != concept:
                target.add((concept, DCTERMS.isReplacedBy, replacement))
            else:
                dangling["dct:isReplacedBy"] += 1
    for concept in concepts:
        if (concept, SKOS.broader, None) not in target:
            target.add((concept, SKOS.topConceptOf, scheme))
            target.add((scheme, SKOS.hasTopConcept, concept))
    _check_acyclic(target, concepts)
    return dangling


def _check_acyclic(graph: Graph, concepts: list[URIRef]) -> None:
    """Raise if skos:broader has a cycle (depth-first search with three colours)."""
    state: dict[Node, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: Node) -> None:
        state[node] = 1
        for parent in graph.objects(node, SKOS.broader):
            if state.get(parent) == 1:
                raise ValueError(f"skos:broader cycle through {parent}")
            if parent not in state:
                visit(parent)
        state[node] = 2

    for concept in concepts:
        if concept not in state:
            visit(concept)


def _members(source: Graph, scheme: URIRef) -> list[URIRef]:
    """The concepts of one scheme in the source, sorted for a stable output."""
    typed = set(source.subjects(RDF.type, SKOS.Concept))
    return sorted(c for c in set(source.subjects(SKOS.inScheme, scheme)) & typed if isinstance(c, URIRef))


def _report(slug: str, dangling: Counter[str]) -> None:
    """Log dropped dangling references, so a changed source does not lose links silently."""
    if dangling:
        LOG.warning("%s: dropped dangling references %s", slug, dict(dangling))


# --- EU authority tables -------------------------------------------------------------------


def _nal_code(source: Graph, concept: URIRef) -> Node | None:
    """The authority code; the OP placeholder OP_DATPRO has only op-code / dc:identifier."""
    for predicate in (AT["authority-code"], AT["op-code"], DC.identifier):
        value = source.value(concept, predicate)
        if value is not None:
            return value
    return None


def _nal_deprecated(source: Graph, concept: URIRef) -> bool:
    """The NAL marks retired entries with `at:deprecated="true"` and/or status DEPRECATED."""
    flag = source.value(concept, AT.deprecated)
    return (flag is not None and str(flag).strip().lower() == "true") or (
        (concept, EUVOC.status, DEPRECATED_STATUS) in source
    )


def _the_scheme(source: Graph, path: Path) -> URIRef:
    """The single concept scheme a NAL file describes."""
    schemes = [s for s in source.subjects(RDF.type, SKOS.ConceptScheme) if isinstance(s, URIRef)]
    if len(schemes) != 1:
        raise ValueError(f"{path.name}: expected one skos:ConceptScheme, found {len(schemes)}")
    return schemes[0]


def build_nal(sources: Path, table: NalTable) -> tuple[SchemeInfo, Graph]:
    """Convert one EU authority table, keeping its IRIs, codes, deprecations and dates."""
    path = sources / SOURCE_FOLDER / table.filename
    source = _parse(path)
    scheme = _the_scheme(source, path)
    version = source.value(scheme, AT["table.version.number"]) or source.value(scheme, OWL.versionInfo)
    title_en = source.value(scheme, SKOS.prefLabel) or Literal(table.slug)
    info = SchemeInfo(
        slug=table.slug,
        title_nl=table.title_nl,
        title_en=str(title_en),
        description_nl=f"{table.about_nl} Bron: {scheme}, versie {version}. {LEAN_NL} {ATTRIBUTION_NL}",
        description_en=f"{table.about_en} Source: {scheme}, version {version}. {LEAN_EN} {ATTRIBUTION_EN}",
        publisher=PUBLICATIONS_OFFICE,
        license=NAL_LICENCE,
        source=SOURCE_URL + table.filename,
        version=str(version),
        iri=str(scheme),
        extra_prefixes={"euvoc": str(EUVOC)},
    )
    graph = new_scheme_graph(info)
    concepts = _members(source, scheme)
    for concept in concepts:
        _add_concept(source, graph, concept, scheme, _nal_code(source, concept))
        if table.range_class is not None:
            graph.add((concept, RDF.type, table.range_class))
        if _nal_deprecated(source, concept):
            graph.add((concept, OWL.deprecated, Literal(True)))
        for predicate in (EUVOC.startDate, EUVOC.endDate):
            value = source.value(concept, predicate)
            if value is not None:
                graph.add((concept, predicate, Literal(str(value), datatype=XSD.date)))
    _report(table.slug, _add_structure(source, graph, scheme, concepts))
    return info, graph


# --- ADMS 1.0 ------------------------------------------------------------------------------


def adms_slug(label: str) -> str:
    """`adms-` plus the scheme label in kebab case ("Asset Type" -> "adms-asset-type")."""
    return "adms-" + re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def build_adms(sources: Path) -> list[tuple[SchemeInfo, Graph]]:
    """One vocabulary per concept scheme in the ADMS 1.0 file (status, asset type, ...)."""
    path = sources / SOURCE_FOLDER / ADMS_FILENAME
    source = _parse(path)
    version = str(source.value(ADMS_ONTOLOGY, OWL.versionInfo))
    licence = str(source.value(ADMS_ONTOLOGY, DCTERMS.license))
    rights = str(source.value(ADMS_ONTOLOGY, DCTERMS.rights))
    built: list[tuple[SchemeInfo, Graph]] = []
    schemes = sorted(s for s in source.subjects(RDF.type, SKOS.ConceptScheme) if isinstance(s, URIRef))
    for scheme in schemes:
        title_en = str(source.value(scheme, RDFS.label))
        slug = adms_slug(title_en)
        if slug not in ADMS_TITLES_NL:
            raise KeyError(f"{ADMS_FILENAME}: new ADMS scheme {scheme} ({slug}); add a Dutch title")
        note_nl, note_en = (ADMS_STATUS_NOTE_NL, ADMS_STATUS_NOTE_EN) if slug == "adms-status" else ("", "")
        info = SchemeInfo(
            slug=slug,
            title_nl=ADMS_TITLES_NL[slug],
            title_en=f"ADMS {title_en}",
            description_nl=(
                f"Waardenlijst '{title_en}' uit de ADMS 1.0-vocabulaires van de Europese Commissie (ISA). "
                f"Bron: {scheme}, {version}. Alleen Engelse labels in de bron.{note_nl} {rights}"
            ),
            description_en=(
                f"Value list '{title_en}' of the ADMS 1.0 controlled vocabularies of the European Commission "
                f"(ISA). Source: {scheme}, {version}. English labels only in the source.{note_en} {rights}"
            ),
            publisher=EUROPEAN_COMMISSION,
            license=licence,
            source=SOURCE_URL + ADMS_FILENAME,
            version=version,
            iri=str(scheme),
        )
        graph = new_scheme_graph(info)
        concepts = _members(source, scheme)
        for concept in concepts:
            _add_concept(source, graph, concept, scheme, source.value(concept, SKOS.notation))
            if (concept, OWL.deprecated, Literal(True)) in source:
                graph.add((concept, OWL.deprecated, Literal(True)))
        dangling = _add_structure(source, graph, scheme, concepts)
        declared_tops = _related_in_source(source, scheme, SKOS.hasTopConcept, SKOS.topConceptOf)
        dangling["skos:hasTopConcept"] += len(declared_tops - set(concepts))
        _report(slug, +dangling)
        built.append((info, graph))
    return built


def build(sources: Path) -> list[tuple[SchemeInfo, Graph]]:
    """All vocabularies of this converter: three EU authority tables and the ADMS value lists."""
    return [build_nal(sources, table) for table in NAL_TABLES] + build_adms(sources)
