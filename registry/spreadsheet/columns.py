"""The spreadsheet template itself: which column headings and vocabulary keys exist, what RDF
each stands for, and how several values share one cell.

Documented for editors in docs/spreadsheet-template.md; this module is the single source of
truth for both the import and the export.

A heading is a known name (`prefLabel`, `broader`, …), optionally with a language (`@nl`), or a
*property heading* for anything the template has no name for: `prefix:name` or `<IRI>`, whose
cells hold IRIs, or with `@lang` (language-tagged text) or `^^datatype` (typed values).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from pyoxigraph import NamedNode

from registry.namespaces import DCT, EDUVOC_DEF, FOAF, OWL, RDF, RDFS, SKOS, XSD

PREFIXES: dict[str, str] = {
    "skos": SKOS,
    "dct": DCT,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "foaf": FOAF,
    "dcat": "http://www.w3.org/ns/dcat#",
    "adms": "http://www.w3.org/ns/adms#",
    "prov": "http://www.w3.org/ns/prov#",
    "eduvoc": EDUVOC_DEF,
    "esco": "http://data.europa.eu/esco/model#",
    "euvoc": "http://publications.europa.eu/ontology/euvoc#",
    "elm": "http://data.europa.eu/snb/model/elm/",
    "xapi": "https://w3id.org/xapi/ontology#",
}

SEPARATOR = "|"
XSD_STRING = NamedNode(XSD + "string")
XSD_BOOLEAN = NamedNode(XSD + "boolean")
HAS_TOP_CONCEPT = NamedNode(SKOS + "hasTopConcept")  # not in registry.namespaces.Skos

# A local id: appended to the vocabulary's base to make the IRI. No ':' (that would read as an
# IRI scheme), no '|' (the value separator), no '#', '?' or spaces.
ID_PATTERN = re.compile(r"^[\w.~%+=-][\w.~%+=/-]*$")
IRI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
LANGUAGE_PATTERN = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
CURIE_LOCAL = re.compile(r"^[A-Za-z_][\w.-]*$")


class Role(Enum):
    """What a column's cells hold and how they become triples."""

    ID = "id"  # the row's local id
    URI = "uri"  # the row's full IRI
    TYPE = "type"  # concept / collection / further classes
    LABEL = "label"  # one literal per cell (prefLabel: at most one per language)
    TEXT = "text"  # literals, several separated by |
    LINK = "link"  # ids or IRIs of rows in this sheet
    MAPPING = "mapping"  # ids or IRIs, inside or outside this vocabulary
    BOOLEAN = "boolean"  # true / false
    TOP_CONCEPT = "top"  # true / false / empty (derived)
    COLLECTION = "collection"  # ids of collection rows this row is a member of
    IRI = "iri"  # one absolute IRI (vocabulary keys)
    IRIS = "iris"  # absolute IRIs, several separated by | (property headings)
    BASE = "base"  # the base IRI for ids (vocabulary key; no triple)
    NAME = "name"  # the publisher's name (vocabulary key)
    LANGUAGES = "languages"  # language codes, several separated by |


@dataclass(frozen=True)
class Field:
    """A known column of the concepts sheet or a known key of the vocabulary sheet."""

    name: str
    role: Role
    predicate: NamedNode | None = None
    languages: bool = False  # may carry @lang
    explanation: str = ""  # Dutch / English, shown in the template


def _skos(local: str) -> NamedNode:
    return NamedNode(SKOS + local)


CONCEPT_FIELDS: tuple[Field, ...] = (
    Field("id", Role.ID, explanation="lokale code; IRI = base + id / local code; IRI = base + id"),
    Field("uri", Role.URI, explanation="volledige IRI (als er geen id is) / full IRI (instead of an id)"),
    Field("type", Role.TYPE, explanation="leeg = begrip; 'collection' = collectie / empty = concept"),
    Field("prefLabel", Role.LABEL, _skos("prefLabel"), True, "voorkeursterm / preferred label"),
    Field("altLabel", Role.TEXT, _skos("altLabel"), True, "synoniemen / alternative labels"),
    Field("hiddenLabel", Role.TEXT, _skos("hiddenLabel"), True, "zoektermen / hidden labels"),
    Field("definition", Role.TEXT, _skos("definition"), True, "definitie / definition"),
    Field("scopeNote", Role.TEXT, _skos("scopeNote"), True, "toelichting / scope note"),
    Field("note", Role.TEXT, _skos("note"), True, "notitie / note"),
    Field("editorialNote", Role.TEXT, _skos("editorialNote"), True, "redactionele notitie / editorial note"),
    Field("example", Role.TEXT, _skos("example"), True, "voorbeeld / example"),
    Field("historyNote", Role.TEXT, _skos("historyNote"), True, "historie / history note"),
    Field("changeNote", Role.TEXT, _skos("changeNote"), True, "wijziging / change note"),
    Field("notation", Role.TEXT, _skos("notation"), True, "code / notation"),
    Field("broader", Role.LINK, _skos("broader"), explanation="bredere begrippen / broader concepts"),
    Field("narrower", Role.LINK, _skos("narrower"), explanation="smallere begrippen / narrower concepts"),
    Field("related", Role.LINK, _skos("related"), explanation="verwante begrippen / related concepts"),
    Field("exactMatch", Role.MAPPING, _skos("exactMatch"), explanation="zelfde begrip elders / exact match"),
    Field("closeMatch", Role.MAPPING, _skos("closeMatch"), explanation="bijna hetzelfde / close match"),
    Field("broadMatch", Role.MAPPING, _skos("broadMatch"), explanation="breder begrip elders / broad match"),
    Field("narrowMatch", Role.MAPPING, _skos("narrowMatch"), explanation="smaller begrip elders / narrow match"),
    Field("relatedMatch", Role.MAPPING, _skos("relatedMatch"), explanation="verwant begrip elders / related match"),
    Field("deprecated", Role.BOOLEAN, NamedNode(OWL + "deprecated"), explanation="vervallen: true/false / deprecated"),
    Field("replacedBy", Role.LINK, NamedNode(DCT + "isReplacedBy"), explanation="vervangen door / replaced by"),
    Field("topConcept", Role.TOP_CONCEPT, explanation="leeg = afgeleid / empty = derived"),
    Field("collection", Role.COLLECTION, _skos("member"), explanation="in collectie(s) / member of collection(s)"),
)

VOCABULARY_FIELDS: tuple[Field, ...] = (
    Field("id", Role.LABEL, NamedNode(DCT + "identifier"), False, "registercode (a-z, 0-9, -) / registry id"),
    Field("uri", Role.URI, explanation="IRI van de lijst / IRI of the concept scheme"),
    Field("base", Role.BASE, explanation="IRI-basis voor id's / base IRI for the ids"),
    Field("title", Role.LABEL, NamedNode(DCT + "title"), True, "titel / title"),
    Field("prefLabel", Role.LABEL, _skos("prefLabel"), True, "alleen als anders dan de titel / only if not the title"),
    Field("description", Role.LABEL, NamedNode(DCT + "description"), True, "beschrijving / description"),
    Field("publisher", Role.IRI, NamedNode(DCT + "publisher"), explanation="IRI van de uitgever / publisher IRI"),
    Field("publisherName", Role.NAME, NamedNode(FOAF + "name"), explanation="naam van de uitgever / publisher name"),
    Field("licence", Role.IRI, NamedNode(DCT + "license"), explanation="IRI van de licentie / licence IRI"),
    Field("source", Role.IRI, NamedNode(DCT + "source"), explanation="IRI/URL van de bron / source IRI or URL"),
    Field("version", Role.LABEL, NamedNode(OWL + "versionInfo"), explanation="versie / version"),
    Field("languages", Role.LANGUAGES, NamedNode(DCT + "language"), explanation="talen, bv. nl | en / languages"),
)

# The headings every template and export starts with, in this order.
TEMPLATE_COLUMNS: tuple[str, ...] = (
    "id", "uri", "type",
    "prefLabel@nl", "prefLabel@en", "altLabel@nl", "altLabel@en", "hiddenLabel@nl", "hiddenLabel@en",
    "definition@nl", "definition@en", "scopeNote@nl", "scopeNote@en", "notation",
    "broader", "related", "exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch",
    "deprecated", "replacedBy", "collection",
)  # fmt: skip
TEMPLATE_KEYS: tuple[str, ...] = (
    "id", "uri", "base", "title@nl", "title@en", "description@nl", "description@en",
    "publisher", "publisherName", "licence", "source", "version", "languages",
)  # fmt: skip
REQUIRED_KEYS = ("id", "uri", "title@<language> (or prefLabel@<language>)")

CONCEPT_SHEET = "concepts"
VOCABULARY_SHEET = "vocabulary"


@dataclass(frozen=True)
class Heading:
    """A parsed column heading (or vocabulary key): a known field, or a property heading."""

    text: str
    field: Field | None  # None: a property heading (prefix:name, <IRI>)
    predicate: NamedNode | None
    language: str | None = None
    datatype: NamedNode | None = None  # property headings: typed literals; None and no language: IRIs

    @property
    def name(self) -> str:
        return self.field.name if self.field else self.text

    @property
    def role(self) -> Role:
        if self.field is not None:
            return self.field.role
        return Role.IRIS if self.language is None and self.datatype is None else Role.TEXT


class HeadingError(ValueError):
    """A heading the template does not know; the message says why."""


def parse_heading(text: str, fields: tuple[Field, ...]) -> Heading:
    """Read `prefLabel@nl`, `broader`, `dct:source`, `euvoc:startDate^^xsd:date`, `<IRI>@en`."""
    name, language, datatype = _split_suffix(text.strip())
    known = {f.name.lower(): f for f in fields}.get(name.lower())
    if known is not None:
        if datatype is not None or (language is not None and not known.languages):
            raise HeadingError(f"column {known.name!r} takes no {'@language' if language else '^^datatype'}")
        return Heading(text, known, known.predicate, language)
    predicate = expand(name)
    if predicate is None:
        raise HeadingError("not a name of the template, nor prefix:name or <IRI>")
    return Heading(text, None, predicate, language, expand_datatype(datatype))


def _split_suffix(text: str) -> tuple[str, str | None, str | None]:
    head, tail = text, ""
    if text.startswith("<") and ">" in text:
        end = text.index(">") + 1
        head, tail = text[:end], text[end:]
    elif "^^" in text:
        head, tail = text[: text.index("^^")], text[text.index("^^") :]
    elif "@" in text:
        head, tail = text[: text.index("@")], text[text.index("@") :]
    if not tail:
        return head, None, None
    if tail.startswith("^^") and len(tail) > 2:
        return head, None, tail[2:]
    if tail.startswith("@") and LANGUAGE_PATTERN.match(tail[1:]):
        return head, tail[1:].lower(), None
    raise HeadingError(f"{tail!r} is neither @language nor ^^datatype")


def expand_datatype(text: str | None) -> NamedNode | None:
    if text is None:
        return None
    datatype = expand(text)
    if datatype is None:
        raise HeadingError(f"unknown datatype {text!r}; write it as prefix:name or <IRI>")
    return datatype


def expand(text: str) -> NamedNode | None:
    """`prefix:name` (known prefixes only) or `<IRI>` as an IRI; None for anything else."""
    if text.startswith("<") and text.endswith(">"):
        try:
            return NamedNode(text[1:-1])
        except ValueError:
            return None
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and CURIE_LOCAL.match(local):
        return NamedNode(PREFIXES[prefix] + local)
    return None


def compact(iri: str) -> str:
    """The shortest heading text for an IRI: `prefix:name` when a known prefix fits, else `<IRI>`."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and CURIE_LOCAL.match(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


def heading_text(predicate: str, language: str | None = None, datatype: str | None = None) -> str:
    """The property heading for values of `predicate` (IRIs, language-tagged or typed literals)."""
    suffix = f"@{language}" if language else f"^^{compact(datatype)}" if datatype else ""
    return compact(predicate) + suffix


def split_values(cell: str) -> list[str]:
    """Split a cell on `|`; `\\|` is a literal bar and `\\\\` a literal backslash (before a bar or at the end)."""
    values: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(cell):
        char = cell[i]
        if char == "\\" and i + 1 < len(cell) and cell[i + 1] in "\\|":
            current.append(cell[i + 1])
            i += 2
            continue
        if char == SEPARATOR:
            values.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    values.append("".join(current))
    return [v.strip() for v in values if v.strip()]


def join_values(values: list[str]) -> str:
    """The inverse of `split_values`: escape bars, and backslashes that would read as an escape."""
    return f" {SEPARATOR} ".join(_escape(v) for v in values)


def _escape(value: str) -> str:
    out: list[str] = []
    for i, char in enumerate(value):
        if char == SEPARATOR:
            out.append("\\|")
        elif char == "\\" and (i + 1 == len(value) or value[i + 1] in "\\|"):
            out.append("\\\\")
        else:
            out.append(char)
    return "".join(out)


def is_absolute_iri(text: str) -> bool:
    return bool(IRI_SCHEME.match(text))


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column names a spreadsheet program shows."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
