"""Vocabularies as spreadsheets (CSV and XLSX), both ways, for editors who keep value lists in Excel.

The template (docs/spreadsheet-template.md) has the scheme's metadata as key/value pairs (the
"vocabulary" sheet, or `#key,value` rows at the top of a CSV) and one row per concept or
collection (the "concepts" sheet, or the rest of the CSV). Export then import gives the same
graph back; `not_covered` lists what an export cannot carry.

All functions are pure: bytes in, bytes or triples out. To register a sheet:

    register_vocabulary(store, catalogue, io.BytesIO(read_spreadsheet(data, "xlsx")), format_named("ntriples"),
                        slug=..., source_name="list.xlsx")

`import_spreadsheet` gives the same as triples, with the sheet's id (slug) and scheme IRI.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph
from pyoxigraph import NamedNode, Quad, RdfFormat, Triple

from registry.spreadsheet.cells import (
    Kind,
    check_kind,
    read_workbook,
    write_csv,
    write_xlsx,
)
from registry.spreadsheet.exporting import Table, export_table
from registry.spreadsheet.importing import ImportedVocabulary, read

__all__ = [
    "ImportedVocabulary",
    "Kind",
    "import_spreadsheet",
    "not_covered",
    "read_spreadsheet",
    "template",
    "write_spreadsheet",
]

MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def read_spreadsheet(data: bytes, kind: Kind, base_iri: str | None = None) -> bytes:
    """A filled-in template as N-Triples, ready to bulk-load into a fresh graph (format "ntriples").

    `base_iri` turns ids into IRIs unless the sheet gives its own `base`. Raises `InvalidInput`
    naming the cell (`concepts!D7`, or `row 7, column D` in a CSV).
    """
    return import_spreadsheet(data, kind, base_iri).ntriples()


def import_spreadsheet(data: bytes, kind: Kind, base_iri: str | None = None) -> ImportedVocabulary:
    """Like `read_spreadsheet`, as triples with the sheet's id (slug) and scheme IRI."""
    return read(read_workbook(data, check_kind(kind)), base_iri)


def write_spreadsheet(triples: Iterable[Triple | Quad], scheme_iri: str | NamedNode, kind: Kind) -> bytes:
    """The vocabulary `scheme_iri` (all of its triples, e.g. one version graph) in the template."""
    return _write(export_table(triples, scheme_iri), check_kind(kind))


def not_covered(triples: Iterable[Triple | Quad], scheme_iri: str | NamedNode) -> list[Triple]:
    """The triples an export of `scheme_iri` leaves out (blank nodes, statements about other resources)."""
    return export_table(triples, scheme_iri).not_covered


def template(kind: Kind) -> bytes:
    """An empty template with one example row, for editors to download and fill in."""
    triples = pyoxigraph.parse(EXAMPLE, format=RdfFormat.TURTLE)
    return _write(export_table(triples, EXAMPLE_SCHEME), check_kind(kind))


def _write(table: Table, kind: Kind) -> bytes:
    if kind == "csv":
        return write_csv([(key, value) for key, value, _ in table.vocabulary], table.header, table.rows)
    return write_xlsx(table.vocabulary, table.header, table.rows, table.widths(), table.notes())


EXAMPLE_SCHEME = "https://w3id.org/eduvoc/vocab/voorbeeld"
EXAMPLE = f"""
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix ex: <{EXAMPLE_SCHEME}/> .

<{EXAMPLE_SCHEME}> a skos:ConceptScheme ;
    dct:identifier "voorbeeld" ;
    dct:title "Voorbeeldlijst"@nl, "Example list"@en ;
    skos:prefLabel "Voorbeeldlijst"@nl, "Example list"@en ;
    dct:description "Een voorbeeld van een waardenlijst: vervang de gegevens door die van uw eigen lijst."@nl,
        "An example value list: replace its data with that of your own list."@en ;
    dct:publisher <https://w3id.org/eduvoc/org/voorbeeld> ;
    dct:license <https://creativecommons.org/licenses/by/4.0/> ;
    dct:source <https://example.org/waardenlijst> ;
    owl:versionInfo "0.1" ;
    dct:language "nl", "en" ;
    skos:hasTopConcept ex:groepsopdracht .

<https://w3id.org/eduvoc/org/voorbeeld> a foaf:Organization ; foaf:name "Voorbeelduitgever" .

ex:groepsopdracht a skos:Concept ;
    skos:inScheme <{EXAMPLE_SCHEME}> ;
    skos:topConceptOf <{EXAMPLE_SCHEME}> ;
    skos:prefLabel "Groepsopdracht"@nl, "Group assignment"@en ;
    skos:altLabel "groepswerk"@nl, "samenwerkingsopdracht"@nl, "group work"@en ;
    skos:definition "Een opdracht die leerlingen samen uitvoeren en samen afronden."@nl,
        "An assignment that learners carry out and complete together."@en ;
    skos:scopeNote "Niet voor opdrachten die ieder voor zich maakt."@nl ;
    skos:notation "GO" .
"""
