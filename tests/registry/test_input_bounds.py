"""Bounds on untrusted input (registry/input_bounds.py): hostile inputs built here, refused before
any parser expands or recurses, quickly and without allocating what they would expand to."""

from __future__ import annotations

import io
import json
import resource
import time
import zipfile

import pytest

from registry import input_bounds
from registry.errors import InputLimitExceeded, InvalidInput
from registry.input_bounds import (
    MAX_JSON_DEPTH,
    check_json_depth,
    check_rdf_input,
    check_xml_without_dtd,
    check_zip_container,
    excerpt,
    json_nests_deeper,
)
from registry.spreadsheet import import_spreadsheet
from registry.validation.document import load_document


def entity_bomb(levels: int = 9) -> bytes:
    """The "billion laughs" RDF/XML document: ~1.4 kB that expands to 10**levels copies of "lol"."""
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, levels + 1)]
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n{chr(10).join(entities)}\n]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="http://purl.org/dc/terms/">\n'
        f'<rdf:Description rdf:about="http://example.org/a"><dct:title>&lol{levels};</dct:title></rdf:Description>\n'
        "</rdf:RDF>\n"
    ).encode()


def deep_json(depth: int) -> bytes:
    return b'{"a":' * depth + b"1" + b"}" * depth


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: kilobytes


def test_json_depth_is_judged_without_recursion_and_ignores_brackets_in_strings():
    assert not json_nests_deeper(b'{"a": [1, {"b": "[[[{{{"}], "c": "\\"]]]"}', 3)
    assert json_nests_deeper(b'{"a": [1, {"b": "[[[{{{"}], "c": "\\"]]]"}', 2)
    assert json_nests_deeper(b'["\\\\", [[1]]]', 2) and not json_nests_deeper(b'["\\\\", [[1]]]', 3)
    assert not json_nests_deeper(b"[[], [], {}, []]" * 1_000, 2)  # many brackets, shallow
    assert json_nests_deeper(b"[" * 65, 64) and not json_nests_deeper(b"[" * 64, 64)  # unclosed counts too
    assert json_nests_deeper(b"[" * 30 + b"[" * 40 + b"]" * 40, 64)
    started = time.perf_counter()
    assert json_nests_deeper(deep_json(1_000_000), MAX_JSON_DEPTH)
    assert not json_nests_deeper(b"[" + b"[[1], {}]," * 500_000 + b"1]", MAX_JSON_DEPTH)
    assert time.perf_counter() - started < 3  # generous: the machine is shared; ~0.1 s alone


def test_deep_json_is_refused_naming_the_limit():
    check_json_depth(deep_json(MAX_JSON_DEPTH))
    with pytest.raises(InputLimitExceeded, match=f"more than {MAX_JSON_DEPTH} deep; the limit is {MAX_JSON_DEPTH}"):
        check_json_depth(deep_json(MAX_JSON_DEPTH + 1))


def test_deep_json_ld_never_reaches_the_json_ld_parser():
    """4,000 nested objects crashed the process in pyoxigraph's JSON-LD parser (stack overflow)."""
    nested = b'{"@id": "http://example.org/a", "http://example.org/p": ' * 4_000 + b"{}" + b"}" * 4_000
    with pytest.raises(InputLimitExceeded, match="limit is 64"):
        load_document(nested, "jsonld")


def test_an_rdf_xml_entity_bomb_is_refused_before_parsing_fast_and_small():
    bomb = entity_bomb()
    assert len(bomb) < 1_500
    before, started = peak_rss_bytes(), time.perf_counter()
    with pytest.raises(InvalidInput, match="DOCTYPE") as refused:
        load_document(bomb, "rdfxml")
    elapsed, grown = time.perf_counter() - started, peak_rss_bytes() - before
    assert refused.value.location.startswith("line 2, column ")
    assert elapsed < 0.5 and grown < 20_000_000, (elapsed, grown)


def test_a_dtd_is_refused_in_any_encoding_and_external_entities_too():
    utf16 = entity_bomb(3).decode().replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16")
    assert b"<!DOCTYPE" not in utf16  # a byte search would miss it
    with pytest.raises(InvalidInput, match="DOCTYPE"):
        check_xml_without_dtd(utf16)
    external = b'<?xml version="1.0"?><!DOCTYPE r SYSTEM "file:///etc/passwd"><r/>'
    with pytest.raises(InvalidInput, match="DOCTYPE"):
        check_rdf_input(external, "rdfxml")
    check_rdf_input(b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/>", "rdfxml")  # plain RDF/XML passes


def test_an_nl_lom_document_with_entities_is_refused():
    from registry.metadata.nl_lom import read_nl_lom

    with pytest.raises(InvalidInput, match="DOCTYPE"):
        read_nl_lom(entity_bomb().replace(b"rdf:RDF", b"lom"))


def test_a_zip_bomb_xlsx_is_refused_from_its_directory():
    bomb = zip_bytes({"xl/worksheets/sheet1.xml": b"\0" * 50_000_000})
    assert len(bomb) < 100_000
    before, started = peak_rss_bytes(), time.perf_counter()
    with pytest.raises(InputLimitExceeded, match="expands [0-9]+ times; the limit is 100"):
        import_spreadsheet(bomb, "xlsx")
    assert time.perf_counter() - started < 0.5 and peak_rss_bytes() - before < 20_000_000


def test_zip_entry_count_and_total_size_are_bounded(monkeypatch):
    with pytest.raises(InputLimitExceeded, match="holds 1001 files; the limit is 1000"):
        check_zip_container(zip_bytes({f"f{i}.xml": b"<a/>" for i in range(1_001)}))
    monkeypatch.setattr(input_bounds, "MAX_ZIP_EXPANDED_BYTES", 1_000_000)
    with pytest.raises(InputLimitExceeded, match="expands to 1200000 bytes; the limit is 1000000"):
        check_zip_container(zip_bytes({"a.xml": b"x" * 600_000, "b.xml": b"y" * 600_000}))


def test_an_xlsx_whose_xml_declares_entities_is_refused():
    sheet = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet>&a;</worksheet>'
    with pytest.raises(InvalidInput, match="sheet1.xml has a document type declaration"):
        import_spreadsheet(zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": sheet}), "xlsx")


def test_excerpts_never_echo_large_values():
    assert excerpt("x" * 10) == "x" * 10
    cut = excerpt("y" * 10_000_000)
    assert len(cut) < 250 and cut.endswith("(10000000 characters)")


def test_plain_json_bodies_and_json_ld_of_ordinary_depth_pass():
    record = json.dumps({"@context": {"a": "http://example.org/a"}, "a": [{"b": {"c": [1, 2]}}]}).encode()
    check_rdf_input(record, "jsonld")
    check_rdf_input(b"<a> <b> <c> .", "turtle")
