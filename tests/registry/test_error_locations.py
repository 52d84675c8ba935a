"""Where bad input is wrong travels as data on the domain error (issue #14): file, line and column of
malformed RDF, the cell and row of a spreadsheet, the line, row and column of an SSSOM table — so
pages and problems never parse it back out of a message. Real files: werkvormen (Turtle, and as a
workbook written by the registry) and the curated SSSOM mappings."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import NamedNode, RdfFormat, parse

from api.app import create_app
from registry.auth import Role
from registry.errors import InvalidInput, RdfSyntaxError
from registry.formats import format_named
from registry.loading import register_vocabulary
from registry.mappings import sssom_tables
from registry.organisations import create_organisation
from registry.oxigraph_store import OxigraphStore
from registry.spreadsheet import import_spreadsheet, write_spreadsheet
from registry.tokens import issue_token
from tests.conftest import VOCABULARIES_DIR
from tests.mapping_files import curated_sssom

WERKVORMEN = VOCABULARIES_DIR / "werkvormen.ttl"


def broken_turtle() -> tuple[bytes, int]:
    """werkvormen with an unterminated IRI on line 12."""
    lines = WERKVORMEN.read_bytes().split(b"\n")
    lines[11] = b"<https://w3id.org/eduvoc/vocab/werkvormen/broken a skos:Concept ."
    return b"\n".join(lines), 12


def test_malformed_rdf_names_file_line_and_column(empty_registry):
    store, catalogue = empty_registry
    data, line = broken_turtle()
    with pytest.raises(RdfSyntaxError) as error:
        register_vocabulary(store, catalogue, io.BytesIO(data), format_named("turtle"), slug="werkvormen", source_name="werkvormen.ttl")
    assert error.value.file == "werkvormen.ttl" and error.value.line == line and isinstance(error.value.column, int)
    assert error.value.location == f"werkvormen.ttl:{line}:{error.value.column}"
    assert error.value.position() == {"file": "werkvormen.ttl", "line": line, "column": error.value.column}


def workbook_with(value_column: str, row: int, text: str) -> bytes:
    """werkvormen as the registry's XLSX, one concepts cell overwritten."""
    from openpyxl import load_workbook

    triples = list(parse(path=WERKVORMEN, format=RdfFormat.TURTLE))
    book = load_workbook(io.BytesIO(write_spreadsheet(triples, NamedNode("https://w3id.org/eduvoc/vocab/werkvormen"), "xlsx")))
    sheet = book["concepts"]
    column = next(cell.column_letter for cell in sheet[1] if cell.value == value_column)
    sheet[f"{column}{row}"] = text
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_spreadsheet_error_names_its_cell_and_row():
    data = workbook_with("broader", 3, "does-not-exist")
    with pytest.raises(InvalidInput) as error:
        import_spreadsheet(data, "xlsx", None)
    assert error.value.row == 3 and error.value.cell is not None and error.value.cell.startswith("concepts!") and error.value.cell.endswith("3")
    assert error.value.location == error.value.cell and error.value.column == error.value.cell[len("concepts!"):-1]


def test_an_sssom_cell_error_names_line_row_and_column():
    data = curated_sssom("xapi-activity-types", extra_rows=[["werkvormen:x", "skos:exactMatch", "adl:y", "semapv:ManualMappingCuration", "nope:z"]])
    with pytest.raises(InvalidInput) as error:
        sssom_tables.read_table(data, name="curated.sssom.tsv")
    assert error.value.file == "curated.sssom.tsv" and error.value.column == "author_id"
    assert error.value.line == len(data.decode().splitlines()) and error.value.row is not None


def test_the_problem_carries_the_location_fields(test_settings):
    store = OxigraphStore()
    create_organisation(store, "kennisnet", "Kennisnet")
    token, _ = issue_token(store, "kennisnet", Role.EDITOR)
    data, line = broken_turtle()
    with TestClient(create_app(test_settings, store=store)) as client:
        response = client.put("/api/vocabularies/werkvormen/draft", content=data,
                              headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {token}"})
    assert response.status_code == 400
    problem = response.json()
    assert problem["line"] == line and isinstance(problem["column"], int) and problem["location"].endswith(f":{line}:{problem['column']}")
