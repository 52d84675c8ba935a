"""Reading an NL-LOM (IEEE LOM, Edustandaard profile) record into RDF for the learning-resource profile.

NL-LOM classifies a learning resource with the OBK (begrippenkader, taxonPath source
http://purl.edustandaard.nl/begrippenkader): each taxon id is a UUID, the same UUID SLO uses in
its curriculum IRIs (https://opendata.slo.nl/curriculum/uuid/<uuid>). The reader maps:
  general/identifier/entry         -> dct:identifier (and the resource IRI)
  general/title, description       -> dct:title, dct:description (with their languages)
  general/keyword                  -> dcat:keyword
  classification purpose "educational objective" -> eduvoc:learningGoal  <SLO IRI>
  classification purpose "educational level"     -> eduvoc:educationLevel <SLO IRI>
  classification purpose "discipline"            -> eduvoc:subjectArea   <SLO IRI>
Taxon ids that are already absolute IRIs are kept as they are. Documents with a DOCTYPE are
refused (no entity expansion, no external entities).
"""

from __future__ import annotations

import re
from urllib.parse import quote
from xml.etree import ElementTree

from pyoxigraph import Literal, NamedNode, Triple

from registry.errors import InvalidInput, RdfSyntaxError
from registry.input_bounds import check_xml_without_dtd
from registry.namespaces import DCAT, DCT, EDUVOC_DEF, RDF

LOM = "{http://ltsc.ieee.org/xsd/LOM}"
OBK_SOURCE = "http://purl.edustandaard.nl/begrippenkader"
SLO_UUID = "https://opendata.slo.nl/curriculum/uuid/"
SCHEMA_LEARNING_RESOURCE = NamedNode("https://schema.org/LearningResource")
RESOURCE_BASE = "https://w3id.org/eduvoc/validate/input/lom/"
PURPOSES = {
    "educational objective": NamedNode(EDUVOC_DEF + "learningGoal"),
    "educational level": NamedNode(EDUVOC_DEF + "educationLevel"),
    "discipline": NamedNode(EDUVOC_DEF + "subjectArea"),
}
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
RDF_TYPE = NamedNode(RDF + "type")


def read_nl_lom(data: bytes) -> list[Triple]:
    """The triples for one NL-LOM `<lom>` record; RdfSyntaxError with line and column if the XML is broken."""
    check_xml_without_dtd(data, "the NL-LOM document")  # no entity expansion, no external entities
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        line, column = error.position
        raise RdfSyntaxError(f"the XML document does not parse: {error}", location=f"line {line}, column {column + 1}") from None
    if root.tag != LOM + "lom":
        raise InvalidInput(f"not an NL-LOM record: the root element is {root.tag}, expected {{http://ltsc.ieee.org/xsd/LOM}}lom",
                           location="line 1")
    entry = _text(root.find(f"{LOM}general/{LOM}identifier/{LOM}entry"))
    catalog = _text(root.find(f"{LOM}general/{LOM}identifier/{LOM}catalog"))
    resource = NamedNode(RESOURCE_BASE + (f"{quote(catalog or 'catalog', safe='')}/{quote(entry, safe='')}" if entry else "resource"))
    triples = [Triple(resource, RDF_TYPE, SCHEMA_LEARNING_RESOURCE)]
    if entry:
        triples.append(Triple(resource, NamedNode(DCT + "identifier"), Literal(entry)))
    for element, predicate in (("title", DCT + "title"), ("description", DCT + "description"), ("keyword", DCAT + "keyword")):
        for holder in root.findall(f"{LOM}general/{LOM}{element}"):
            for string in holder.findall(f"{LOM}string"):
                triples.append(Triple(resource, NamedNode(predicate), _lang_string(string)))
    for classification in root.findall(f"{LOM}classification"):
        purpose = _text(classification.find(f"{LOM}purpose/{LOM}value")).lower()
        predicate = PURPOSES.get(purpose)
        if predicate is None:
            continue
        for path in classification.findall(f"{LOM}taxonPath"):
            source = _text(path.find(f"{LOM}source/{LOM}string")) or _text(path.find(f"{LOM}source"))
            for taxon in path.findall(f"{LOM}taxon"):
                iri = _taxon_iri(_text(taxon.find(f"{LOM}id")), source)
                if iri is not None:
                    triples.append(Triple(resource, predicate, iri))
    return triples


def _taxon_iri(taxon_id: str, source: str) -> NamedNode | None:
    if _UUID.match(taxon_id) and source.rstrip("/") == OBK_SOURCE:
        return NamedNode(SLO_UUID + taxon_id.lower())
    if re.match(r"^https?://", taxon_id):
        try:
            return NamedNode(taxon_id)
        except ValueError:
            return None
    return None


def _lang_string(element: ElementTree.Element) -> Literal:
    language = (element.get("language") or "").strip()
    text = (element.text or "").strip()
    if language and language != "x-none" and re.match(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$", language):
        return Literal(text, language=language)
    return Literal(text)


def _text(element: ElementTree.Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""
