"""Vocabularies as spreadsheets: real bundled vocabularies survive export → import unchanged, and
an editor's mistakes, introduced into real exported sheets, are refused at the cell they are in."""

from __future__ import annotations

import csv
import io
from functools import cache

import openpyxl
import pyoxigraph
import pytest
import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple

from registry.errors import InvalidInput, UnsupportedFormat
from registry.formats import format_named
from registry.loading import register_vocabulary
from registry.namespaces import DCT, OWL, RDF, SKOS
from registry.spreadsheet import (
    import_spreadsheet,
    not_covered,
    read_spreadsheet,
    template,
    write_spreadsheet,
)
from registry.spreadsheet.columns import (
    TEMPLATE_COLUMNS,
    column_letter,
    join_values,
    split_values,
)
from tests.conftest import VOCABULARIES_DIR
from tests.vocabularies import test_skos_sanity as sanity

KINDS = ("csv", "xlsx")
# The five the issue names: a curated list, SLO levels with collections, an EU table, ESCO's
# hierarchy with extra classes, and SLO kerndoelen with deprecated concepts and replacements.
NAMED = ("werkvormen", "slo-niveaus", "eu-data-theme", "esco-skills", "slo-kerndoelen")
ALL = sorted(path.stem for path in VOCABULARIES_DIR.glob("*.ttl"))

SKOS_CONCEPT = NamedNode(SKOS + "Concept")
CONCEPT_SCHEME = NamedNode(SKOS + "ConceptScheme")
RDF_TYPE = NamedNode(RDF + "type")
DEPRECATED = NamedNode(OWL + "deprecated")
REPLACED_BY = NamedNode(DCT + "isReplacedBy")
TRUE = Literal("true", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))


@cache
def bundled(slug: str) -> frozenset[Triple]:
    quads = pyoxigraph.parse(path=VOCABULARIES_DIR / f"{slug}.ttl", format=RdfFormat.TURTLE)
    return frozenset(q.triple for q in quads)


def scheme_of(triples: frozenset[Triple]) -> NamedNode:
    (scheme,) = {t.subject for t in triples if t.predicate == RDF_TYPE and t.object == CONCEPT_SCHEME}
    return scheme


@cache
def exported(slug: str, kind: str) -> bytes:
    triples = bundled(slug)
    return write_spreadsheet(triples, scheme_of(triples), kind)


def imported(data: bytes, kind: str, base_iri: str | None = None) -> set[Triple]:
    return set(import_spreadsheet(data, kind, base_iri).triples)


def trimmed(triples: frozenset[Triple]) -> set[Triple]:
    """The one documented normalisation: cells are trimmed, so literals lose surrounding spaces."""
    return {
        Triple(t.subject, t.predicate, Literal(t.object.value.strip(), language=t.object.language, datatype=None if t.object.language else t.object.datatype))
        if isinstance(t.object, Literal) else t
        for t in triples
    }  # fmt: skip


# --- round trips of real vocabularies ---------------------------------------------------------


#: the full ESCO files (200k+ triples each): esco-skills only as CSV, esco-occupations not at all (the same
#: shapes as esco-skills; each round trip adds a minute or more and no coverage)
LARGE_XLSX = {("esco-skills", "xlsx"), ("esco-occupations", "xlsx"), ("esco-occupations", "csv")}


@pytest.mark.parametrize(("slug", "kind"), [(s, k) for s in NAMED for k in KINDS if (s, k) not in LARGE_XLSX])
def test_the_named_vocabularies_come_back_exactly(slug, kind):
    original = bundled(slug)
    assert not any(isinstance(term, BlankNode) for t in original for term in (t.subject, t.object))
    # Without blank nodes, equal triple sets are isomorphic graphs.
    back = imported(exported(slug, kind), kind)
    assert back - original == set(), "added"
    assert original - back == set(), "lost"
    assert not_covered(original, scheme_of(original)) == []


# slo-doelen (17,000 rows) only as CSV: XLSX would add ten seconds and no coverage.
@pytest.mark.parametrize(("slug", "kind"), [(s, k) for s in ALL if s not in NAMED for k in KINDS if (s, k) != ("slo-doelen", "xlsx") and (s, k) not in LARGE_XLSX])
def test_every_other_bundled_vocabulary_comes_back(slug, kind):
    original = bundled(slug)
    assert imported(exported(slug, kind), kind) == trimmed(original)


def test_trimming_is_the_only_change_and_it_shows_in_one_bundled_file():
    original = bundled("adms-asset-type")
    back = imported(exported("adms-asset-type", "xlsx"), "xlsx")
    (lost,) = original - back
    assert lost.object.value.endswith(". ") and Triple(lost.subject, lost.predicate, Literal(lost.object.value.strip(), language="en")) in back


def test_the_kerndoelen_sheet_carries_deprecations_and_replacements_in_their_own_columns():
    original = bundled("slo-kerndoelen")
    sheet = CsvSheet(exported("slo-kerndoelen", "csv"))
    deprecated = {t.subject for t in original if t.predicate == DEPRECATED and t.object == TRUE}
    replaced = {t.subject for t in original if t.predicate == REPLACED_BY}
    assert len(deprecated) == 152 and replaced
    assert sum(1 for row in sheet.column("deprecated") if row == "true") == len(deprecated)
    assert sum(1 for row in sheet.column("replacedBy") if row) == len(replaced)
    # Deprecated concepts without broader are not top concepts: the sheet needs no topConcept column for that.
    assert "topConcept" not in sheet.header


def test_an_exported_sheet_uses_short_ids_and_template_columns_first():
    sheet = CsvSheet(exported("werkvormen", "csv"))
    assert sheet.header[: len(TEMPLATE_COLUMNS)] == list(TEMPLATE_COLUMNS)
    assert sheet.key("base") == "https://w3id.org/eduvoc/vocab/werkvormen/"
    assert "groepsopdracht" in sheet.column("id")
    assert not any(sheet.column("uri"))


def test_an_imported_sheet_registers_like_the_turtle_file(empty_registry):
    store, catalogue = empty_registry
    ntriples = read_spreadsheet(exported("slo-kerndoelen", "xlsx"), "xlsx")
    report = register_vocabulary(
        store, catalogue, io.BytesIO(ntriples), format_named("ntriples"), slug="slo-kerndoelen", source_name="slo-kerndoelen.xlsx"
    )
    record = catalogue.vocabulary("slo-kerndoelen")
    original = bundled("slo-kerndoelen")
    assert report.scheme == scheme_of(original).value
    assert record.triple_count == len(original)
    assert record.deprecated_concept_count == 152
    assert record.concept_count == len({t.subject for t in original if t.object == SKOS_CONCEPT})


def test_a_registered_vocabulary_exports_from_its_version_graph(bundled_registry):
    store, catalogue = bundled_registry
    record = catalogue.vocabulary("slo-niveaus")
    triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", default_graph=[NamedNode(record.graph)])
    data = write_spreadsheet(triples, record.scheme, "xlsx")
    assert imported(data, "xlsx") == set(bundled("slo-niveaus"))


def test_not_covered_lists_blank_nodes_and_the_rest_still_comes_back():
    original = bundled("eu-data-theme")
    concept = next(t.subject for t in original if t.object == SKOS_CONCEPT)
    blank = Triple(concept, NamedNode(SKOS + "note"), BlankNode())
    assert not_covered(original | {blank}, scheme_of(original)) == [blank]
    assert imported(write_spreadsheet(original | {blank}, scheme_of(original), "csv"), "csv") == set(original)


@pytest.mark.parametrize("kind", KINDS)
def test_bars_backslashes_and_formula_like_text_survive(kind):
    original = set(bundled("werkvormen"))
    concept = NamedNode("https://w3id.org/eduvoc/vocab/werkvormen/groepsopdracht")
    awkward = {
        Triple(concept, NamedNode(SKOS + "altLabel"), Literal("links | rechts", language="nl")),
        Triple(concept, NamedNode(SKOS + "altLabel"), Literal("C:\\map\\", language="nl")),
        Triple(concept, NamedNode(SKOS + "altLabel"), Literal("\\|", language="nl")),
        Triple(concept, NamedNode(SKOS + "editorialNote"), Literal("=SOM(A1:A3)", language="nl")),
        Triple(concept, NamedNode(SKOS + "notation"), Literal("007")),
    }
    triples = original | awkward
    assert imported(write_spreadsheet(triples, scheme_of(frozenset(original)), kind), kind) == triples


def test_a_semicolon_csv_as_dutch_excel_saves_it_reads_the_same():
    comma = exported("slo-niveaus", "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(comma)))
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    assert imported(out.getvalue().encode("utf-8"), "csv") == set(bundled("slo-niveaus"))


def test_numbers_and_booleans_typed_into_excel_cells_read_as_text():
    sheet = XlsxSheet(exported("eu-file-type", "xlsx"))
    row = sheet.row_of("ZIP")
    sheet.set(row, "notation", 1234)  # Excel stores a typed number as a number
    sheet.set(sheet.row_of("XYZ"), "deprecated", True)  # and TRUE as a boolean
    back = imported(sheet.bytes(), "xlsx")
    zip_iri = NamedNode("http://publications.europa.eu/resource/authority/file-type/ZIP")
    xyz_iri = NamedNode("http://publications.europa.eu/resource/authority/file-type/XYZ")
    assert Triple(zip_iri, NamedNode(SKOS + "notation"), Literal("1234")) in back
    assert Triple(xyz_iri, DEPRECATED, TRUE) in back


def test_split_and_join_are_inverse_on_awkward_values():
    values = ["a|b", "c\\", "\\|", "\\\\x", "plain", "ends with \\\\"]
    assert split_values(join_values(values)) == values
    assert split_values("één | twee|drie |") == ["één", "twee", "drie"]


# --- the template ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_template_parses_to_its_example(kind):
    vocabulary = import_spreadsheet(template(kind), kind)
    concepts = {t.subject for t in vocabulary.triples if t.object == SKOS_CONCEPT}
    assert vocabulary.slug == "voorbeeld" and len(concepts) == 1
    labels = {t.object for t in vocabulary.triples if t.predicate == NamedNode(SKOS + "prefLabel") and t.subject in concepts}
    assert labels == {Literal("Groepsopdracht", language="nl"), Literal("Group assignment", language="en")}


def test_the_template_has_every_template_column():
    assert CsvSheet(template("csv")).header == list(TEMPLATE_COLUMNS)
    assert XlsxSheet(template("xlsx")).header == list(TEMPLATE_COLUMNS)


@pytest.mark.parametrize("kind", KINDS)
def test_the_template_without_its_example_row_says_there_are_no_concepts(kind):
    sheet = sheet_of(template(kind), kind)
    sheet.delete_row(0)
    with pytest.raises(InvalidInput, match="no concepts") as raised:
        read_spreadsheet(sheet.bytes(), kind)
    assert raised.value.location == sheet.where_row(-1)


def test_an_editor_adds_a_narrower_concept_to_the_template_and_the_rest_is_derived():
    sheet = CsvSheet(template("csv"))
    sheet.add_row({"id": "debat", "prefLabel@nl": "Debat", "broader": "groepsopdracht"})
    triples = imported(sheet.bytes(), "csv")
    base = "https://w3id.org/eduvoc/vocab/voorbeeld"
    parent, child, scheme = NamedNode(base + "/groepsopdracht"), NamedNode(base + "/debat"), NamedNode(base)
    assert Triple(parent, NamedNode(SKOS + "narrower"), child) in triples
    assert Triple(child, NamedNode(SKOS + "inScheme"), scheme) in triples
    assert Triple(child, NamedNode(SKOS + "topConceptOf"), scheme) not in triples
    assert Triple(scheme, NamedNode(SKOS + "hasTopConcept"), parent) in triples


def test_an_edited_template_passes_the_registrys_skos_sanity_rules():
    sheet = CsvSheet(template("csv"))
    sheet.add_row({"id": "debat", "prefLabel@nl": "Debat", "prefLabel@en": "Debate", "broader": "groepsopdracht"})
    sheet.add_row({"id": "lagerhuisdebat", "prefLabel@nl": "Lagerhuisdebat", "broader": "debat", "related": "groepsopdracht"})
    sheet.add_row({"id": "oud", "prefLabel@nl": "Oude werkvorm", "deprecated": "ja", "replacedBy": "debat"})
    sheet.add_row({"id": "gesprekken", "type": "collection", "prefLabel@nl": "Gespreksvormen"})
    sheet.set(1, "collection", "gesprekken")
    graph = rdflib.Graph().parse(data=read_spreadsheet(sheet.bytes(), "csv"), format="nt")
    for check in (sanity.test_the_scheme_has_catalogue_metadata, sanity.test_every_concept_has_a_preflabel_and_is_in_the_scheme,
                  sanity.test_at_most_one_preflabel_per_language, sanity.test_no_cycles_in_broader,
                  sanity.test_internal_references_resolve, sanity.test_top_concepts_are_declared_both_ways):  # fmt: skip
        check(lambda slug: graph, "voorbeeld")
    scheme = rdflib.URIRef("https://w3id.org/eduvoc/vocab/voorbeeld")
    assert {str(c).rsplit("/", 1)[1] for c in graph.objects(scheme, rdflib.SKOS.hasTopConcept)} == {"groepsopdracht"}


def test_a_csv_with_key_colon_value_rows_reads_the_same():
    text = exported("eu-data-theme", "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    rows = [[f"{r[0]}: {r[1]}"] if r[0].startswith("#") else r for r in rows]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    assert imported(out.getvalue().encode("utf-8"), "csv") == set(bundled("eu-data-theme"))


# --- bad input: defects introduced into real exported sheets ----------------------------------


def refused(sheet: Sheet, kind: str, base_iri: str | None = None) -> InvalidInput:
    with pytest.raises(InvalidInput) as raised:
        read_spreadsheet(sheet.bytes(), kind, base_iri)
    assert raised.value.message.startswith(raised.value.location + ": ")
    return raised.value


@pytest.mark.parametrize("kind", KINDS)
def test_an_unknown_column_is_refused_at_its_heading(kind):
    sheet = sheet_of(exported("werkvormen", kind), kind)
    sheet.rename("definition@nl", "defintion@nl")
    error = refused(sheet, kind)
    assert error.location == sheet.where_header("defintion@nl")
    assert "unknown column" in error.message and "'defintion@nl'" in error.message


@pytest.mark.parametrize("kind", KINDS)
def test_missing_required_columns_are_all_listed(kind):
    sheet = sheet_of(exported("slo-niveaus", kind), kind)
    sheet.delete_columns("id", "uri", "prefLabel@nl", "prefLabel@en")
    error = refused(sheet, kind)
    assert error.location == sheet.where_row(-1)
    assert "missing required column(s): id or uri, prefLabel@<language>" in error.message


@pytest.mark.parametrize("kind", KINDS)
def test_a_concept_without_a_preflabel_is_refused_at_that_cell(kind):
    sheet = sheet_of(exported("slo-niveaus", kind), kind)
    sheet.set(5, "prefLabel@nl", None)
    error = refused(sheet, kind)
    assert error.location == sheet.where(5, "prefLabel@nl") and "missing prefLabel" in error.message


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("column", "value"),
    [("exactMatch", "http://example.org/with space"), ("uri", "https://example.org/{braces}"), ("closeMatch", "http://exa mple.org")],
)
def test_a_malformed_iri_is_refused_at_its_cell(kind, column, value):
    sheet = sheet_of(exported("werkvormen", kind), kind)
    sheet.set(3, column, value)
    error = refused(sheet, kind)
    assert error.location == sheet.where(3, column) and "IRI" in error.message


@pytest.mark.parametrize("kind", KINDS)
def test_broader_to_an_unknown_id_is_refused(kind):
    sheet = sheet_of(exported("werkvormen", kind), kind)
    row = sheet.first_row_with("broader")
    sheet.set(row, "broader", "no-such-werkvorm")
    error = refused(sheet, kind)
    assert error.location == sheet.where(row, "broader")
    assert "'no-such-werkvorm'" in error.message and "no row" in error.message


@pytest.mark.parametrize("kind", KINDS)
def test_broader_to_an_iri_outside_the_sheet_is_refused(kind):
    sheet = sheet_of(exported("slo-kerndoelen", kind), kind)
    row = sheet.first_row_with("broader")
    sheet.set(row, "broader", "https://opendata.slo.nl/curriculum/uuid/00000000-0000-0000-0000-000000000000")
    error = refused(sheet, kind)
    assert error.location == sheet.where(row, "broader") and "not a row of this sheet" in error.message


@pytest.mark.parametrize("kind", KINDS)
def test_a_duplicate_id_is_refused_at_the_second(kind):
    sheet = sheet_of(exported("eu-data-theme", kind), kind)
    first = sheet.get(0, "id")
    sheet.set(4, "id", first)
    error = refused(sheet, kind)
    assert error.location == sheet.where(4, "id") and f"duplicate id {first!r}" in error.message


@pytest.mark.parametrize("kind", KINDS)
def test_ids_without_a_base_are_refused_unless_the_caller_gives_one(kind):
    sheet = sheet_of(exported("werkvormen", kind), kind)
    sheet.drop_key("base")
    error = refused(sheet, kind)
    assert error.location == sheet.where(0, "id") and "needs a base IRI" in error.message
    back = imported(sheet.bytes(), kind, base_iri="https://w3id.org/eduvoc/vocab/werkvormen/")
    assert back == set(bundled("werkvormen"))


@pytest.mark.parametrize("kind", KINDS)
def test_a_broader_cycle_is_refused(kind):
    sheet = sheet_of(exported("werkvormen", kind), kind)
    child = sheet.first_row_with("broader")
    parent_id = sheet.get(child, "broader").split(" | ")[0]
    sheet.set(sheet.row_of(parent_id), "broader", sheet.get(child, "id"))
    error = refused(sheet, kind)
    assert "circle" in error.message and sheet.get(child, "id") in error.message


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("deprecated", "misschien", "is not true or false"),
        ("id", "met spatie", "is not a valid id"),
        ("collection", "groepsopdracht", "is not a collection"),
        ("type", "onbekend", "type 'onbekend'"),
        ("related", "niet:een-id", "not a row of this sheet"),
    ],
)
def test_bad_values_are_refused_at_their_cell(kind, column, value, expected):
    sheet = sheet_of(exported("werkvormen", kind), kind)
    sheet.set(2, column, value)
    error = refused(sheet, kind)
    assert error.location == sheet.where(2, column) and expected in error.message


@pytest.mark.parametrize("kind", KINDS)
def test_vocabulary_keys_are_checked(kind):
    sheet = sheet_of(exported("eu-data-theme", kind), kind)
    sheet.drop_key("id")
    sheet.drop_key("uri")
    error = refused(sheet, kind)
    assert "missing vocabulary key(s): id, uri" in error.message
    sheet = sheet_of(exported("eu-data-theme", kind), kind)
    sheet.rename_key("licence", "licentie")
    error = refused(sheet, kind)
    assert error.location == sheet.where_key("licentie") and "unknown vocabulary key 'licentie'" in error.message


def test_a_value_under_no_heading_is_refused():
    sheet = CsvSheet(exported("eu-data-theme", "csv"))
    sheet.rows[sheet.header_index + 3].append("stray")
    error = refused(sheet, "csv")
    assert error.location == sheet.where(2, column_letter(len(sheet.header))) and "without a heading" in error.message


@pytest.mark.parametrize(
    ("data", "kind", "expected"),
    [
        ((VOCABULARIES_DIR / "werkvormen.ttl").read_bytes(), "csv", "not the eduvoc spreadsheet template"),
        ((VOCABULARIES_DIR / "werkvormen.ttl").read_bytes(), "xlsx", "not an XLSX workbook"),
        (None, "csv", "binary data"),  # an XLSX workbook uploaded as CSV
        ("ligne;texte\n".encode("utf-16"), "csv", "binary data"),
        ("prefLabel@nl\nCafé\n".encode("cp1252"), "csv", "not UTF-8"),
        (b"", "csv", "no concepts"),
    ],
)
def test_what_is_not_a_spreadsheet_of_the_template_is_refused(data, kind, expected):
    data = exported("werkvormen", "xlsx") if data is None else data
    with pytest.raises(InvalidInput, match=expected):
        read_spreadsheet(data, kind)


def test_a_workbook_without_the_template_sheets_is_refused():
    book = openpyxl.Workbook()
    book.active.title = "Blad1"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(InvalidInput, match="no sheet 'vocabulary' or 'concepts'") as raised:
        read_spreadsheet(out.getvalue(), "xlsx")
    assert raised.value.location == "vocabulary"


def test_an_unknown_kind_is_refused():
    with pytest.raises(UnsupportedFormat):
        read_spreadsheet(b"", "ods")  # type: ignore[arg-type]


# --- editing sheets the way an editor would -----------------------------------------------------


class Sheet:
    """A real exported sheet, edited by cell; rows are counted from the first concept row (0)."""

    header: list[str]

    def where(self, row: int, heading_or_letter: str) -> str: ...
    def where_row(self, row: int) -> str: ...
    def bytes(self) -> bytes: ...
    def get(self, row: int, heading: str) -> str: ...
    def set(self, row: int, heading: str, value: object) -> None: ...

    def where_header(self, heading: str) -> str:
        return self.where(-1, heading)

    def row_of(self, local_id: str) -> int:
        return self.column("id").index(local_id)

    def first_row_with(self, heading: str) -> int:
        return next(i for i, value in enumerate(self.column(heading)) if value)

    def column(self, heading: str) -> list[str]: ...


class CsvSheet(Sheet):
    def __init__(self, data: bytes) -> None:
        self.rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        self.header_index = next(i for i, r in enumerate(self.rows) if not r[0].startswith("#"))

    @property
    def header(self) -> list[str]:
        return self.rows[self.header_index]

    def _letter(self, heading: str) -> str:
        return heading if heading.isupper() else column_letter(self.header.index(heading))

    def where(self, row: int, heading: str) -> str:
        return f"row {self.header_index + 2 + row}, column {self._letter(heading)}"

    def where_row(self, row: int) -> str:
        return f"row {self.header_index + 2 + row}"

    def where_key(self, key: str) -> str:
        index = next(i for i, r in enumerate(self.rows) if r[0] == f"#{key}")
        return f"row {index + 1}, column A"

    def key(self, key: str) -> str:
        return next(r[1] for r in self.rows if r[0] == f"#{key}")

    def column(self, heading: str) -> list[str]:
        index = self.header.index(heading)
        return [r[index] for r in self.rows[self.header_index + 1 :]]

    def get(self, row: int, heading: str) -> str:
        return self.rows[self.header_index + 1 + row][self.header.index(heading)]

    def set(self, row: int, heading: str, value: object) -> None:
        self.rows[self.header_index + 1 + row][self.header.index(heading)] = "" if value is None else str(value)

    def add_row(self, values: dict[str, str]) -> None:
        self.rows.append([values.get(h, "") for h in self.header])

    def delete_row(self, row: int) -> None:
        del self.rows[self.header_index + 1 + row]

    def rename(self, heading: str, new: str) -> None:
        self.header[self.header.index(heading)] = new

    def delete_columns(self, *headings: str) -> None:
        keep = [i for i, h in enumerate(self.header) if h not in headings]
        self.rows[self.header_index :] = [[r[i] for i in keep] for r in self.rows[self.header_index :]]

    def drop_key(self, key: str) -> None:
        self.rows = [r for r in self.rows if r[0] != f"#{key}"]
        self.header_index = next(i for i, r in enumerate(self.rows) if not r[0].startswith("#"))

    def rename_key(self, key: str, new: str) -> None:
        next(r for r in self.rows if r[0] == f"#{key}")[0] = f"#{new}"

    def bytes(self) -> bytes:
        out = io.StringIO()
        csv.writer(out).writerows(self.rows)
        return out.getvalue().encode("utf-8")


class XlsxSheet(Sheet):
    def __init__(self, data: bytes) -> None:
        self.book = openpyxl.load_workbook(io.BytesIO(data))
        self.concepts = self.book["concepts"]
        self.vocabulary = self.book["vocabulary"]

    @property
    def header(self) -> list[str]:
        return [c.value for c in self.concepts[1] if c.value is not None]

    def _column(self, heading: str) -> int:
        return self.header.index(heading) + 1

    def where(self, row: int, heading: str) -> str:
        return f"concepts!{column_letter(self._column(heading) - 1)}{row + 2}"

    def where_row(self, row: int) -> str:
        return f"concepts!{row + 2}:{row + 2}"

    def where_key(self, key: str) -> str:
        return f"vocabulary!A{self._key_row(key)}"

    def _key_row(self, key: str) -> int:
        return next(r for r in range(1, self.vocabulary.max_row + 1) if self.vocabulary.cell(r, 1).value == key)

    def column(self, heading: str) -> list[str]:
        index = self._column(heading)
        return [self.concepts.cell(r, index).value or "" for r in range(2, self.concepts.max_row + 1)]

    def get(self, row: int, heading: str) -> str:
        return self.concepts.cell(row + 2, self._column(heading)).value or ""

    def set(self, row: int, heading: str, value: object) -> None:
        self.concepts.cell(row + 2, self._column(heading)).value = value

    def delete_row(self, row: int) -> None:
        self.concepts.delete_rows(row + 2)

    def rename(self, heading: str, new: str) -> None:
        self.concepts.cell(1, self._column(heading)).value = new

    def delete_columns(self, *headings: str) -> None:
        for index in sorted((self._column(h) for h in headings), reverse=True):
            self.concepts.delete_cols(index)

    def drop_key(self, key: str) -> None:
        self.vocabulary.delete_rows(self._key_row(key))

    def rename_key(self, key: str, new: str) -> None:
        self.vocabulary.cell(self._key_row(key), 1).value = new

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.book.save(out)
        return out.getvalue()


def sheet_of(data: bytes, kind: str) -> Sheet:
    return CsvSheet(data) if kind == "csv" else XlsxSheet(data)
