"""SSSOM import and export: a lossless round trip, a real file built from the curated werkvormen
mappings, interoperability with sssom-py, and bad input that names its row and column and
changes nothing."""

from __future__ import annotations

import io
import json

import pytest
from sssom.parsers import parse_sssom_table

from registry.errors import Conflict, Forbidden, InvalidInput, UnknownReference
from registry.mappings import service, transfer
from registry.mappings.layout import ACCEPTED_GRAPH, MAPPINGS_GRAPH
from registry.mappings.model import NewMapping, Status
from tests.mapping_files import curated_mappings, curated_sssom
from tests.registry.mappings.conftest import OTHER, OWNER

WV = "https://w3id.org/eduvoc/vocab/werkvormen/"
ADL = "http://adlnet.gov/expapi/activities/"
SKOS = "http://www.w3.org/2004/02/skos/core#"


def accepted_triples(store) -> set[tuple[str, str, str]]:
    return {(q.subject.value, q.predicate.value, q.object.value) for q in store._store.quads_for_pattern(None, None, None, ACCEPTED_GRAPH)}


@pytest.fixture
def reviewed_set(registry, xapi_set):
    """The curated werkvormen -> xAPI mappings proposed by two organisations, some accepted, one
    rejected, with comments holding tabs, newlines, quotes and non-ASCII text."""
    store, catalogue = registry
    pairs = curated_mappings("xapi-activity-types")
    ids = service.propose_mappings(store, catalogue, xapi_set, [
        NewMapping(s, p, o, 0.9 if i % 2 else None, "semapv:ManualMappingCuration" if i % 3 else "semapv:LexicalMatching",
                   'eerste\tregel\nmet "aanhalingstekens"' if i == 0 else None)
        for i, (s, p, o) in enumerate(pairs)
    ], OTHER)
    service.review_mapping(store, catalogue, ids[0], Status.ACCEPTED, OWNER, "klopt, zie ADL-vocabulaire")
    service.review_mapping(store, catalogue, ids[1], Status.ACCEPTED, OWNER)
    service.review_mapping(store, catalogue, ids[2], Status.REJECTED, OWNER, "te ruim; één/twee “citaten”")
    service.add_comment(store, catalogue, ids[3], OTHER, "graag nog eens bekijken,\nvooral de definitie")
    return xapi_set, ids


@pytest.mark.parametrize("format_name", ["sssom", "csv"])
def test_export_import_export_is_identical(registry, reviewed_set, format_name):
    store, catalogue = registry
    set_id, _ = reviewed_set
    first = transfer.export_set(store, catalogue, set_id, format_name)
    before = service.list_mappings(store, set_id)
    accepted_before = accepted_triples(store)
    report = transfer.import_sssom(store, catalogue, set_id, first, OWNER, format_name=format_name)
    assert report.mappings == len(before) == report.replaced
    assert report.by_status == {"proposed": len(before) - 3, "accepted": 2, "rejected": 1}
    second = transfer.export_set(store, catalogue, set_id, format_name)
    assert second == first
    after = service.list_mappings(store, set_id)
    assert [(m.id, m.status, m.comment, m.author, m.confidence, m.justification, [c.text for c in m.comments]) for m in after] == \
           [(m.id, m.status, m.comment, m.author, m.confidence, m.justification, [c.text for c in m.comments]) for m in before]
    assert accepted_triples(store) == accepted_before and len(accepted_before) == 2


def test_the_export_is_sssom_that_sssom_py_reads(registry, reviewed_set):
    store, catalogue = registry
    set_id, _ = reviewed_set
    exported = transfer.export_set(store, catalogue, set_id, "sssom").decode("utf-8")
    assert exported.startswith("# ")
    parsed = parse_sssom_table(io.StringIO(exported))
    frame = parsed.df
    assert len(frame) == len(curated_mappings("xapi-activity-types"))
    expanded = {(parsed.converter.expand(r.subject_id), parsed.converter.expand(r.predicate_id), parsed.converter.expand(r.object_id))
                for r in frame.itertuples()}
    assert expanded == set(curated_mappings("xapi-activity-types"))
    assert parsed.metadata["mapping_set_id"] == "https://w3id.org/eduvoc/mapping-set/werkvormen-xapi"
    assert set(frame["mapping_justification"]) == {"semapv:ManualMappingCuration", "semapv:LexicalMatching"}
    assert "Simulatie" in set(frame["subject_label"])


def test_a_real_curated_file_imports_and_its_accepted_mappings_become_skos_triples(registry, xapi_set):
    store, catalogue = registry
    report = transfer.import_sssom(store, catalogue, xapi_set, curated_sssom("xapi-activity-types"), OWNER,
                                   default_status=Status.ACCEPTED, name="werkvormen-xapi.sssom.tsv")
    expected = set(curated_mappings("xapi-activity-types"))
    assert report.mappings == len(expected) == 8 and report.by_status == {"accepted": 8} and report.replaced == 0
    assert accepted_triples(store) == expected
    mappings = service.list_mappings(store, xapi_set)
    assert {m.date.isoformat() for m in mappings} == {"2025-06-01"}  # propagated from the metadata block
    assert {m.author for m in mappings} == {("https://w3id.org/eduvoc/org/eduvoc",)}
    updated = service.get_mapping_set(store, catalogue, xapi_set)
    assert (updated.title, updated.license) == ("Werkvormen naar xapi-activity-types (gecureerd)", "https://creativecommons.org/licenses/by/4.0/")


def test_the_other_target_vocabulary_imports_too(registry):
    store, catalogue = registry
    service.create_mapping_set(store, catalogue, OWNER, set_id="werkvormen-lct", source="werkvormen",
                               target="ooapi-learning-component-type", title="Werkvormen naar OOAPI")
    report = transfer.import_sssom(store, catalogue, "werkvormen-lct", curated_sssom("ooapi-learning-component-type"), OWNER)
    assert report.mappings == len(curated_mappings("ooapi-learning-component-type")) == 12
    assert report.by_status == {"proposed": 12} and accepted_triples(store) == set()


def test_missing_required_columns_are_listed(registry, xapi_set):
    store, catalogue = registry
    data = curated_sssom("xapi-activity-types", drop_columns=("predicate_id", "mapping_justification"))
    with pytest.raises(InvalidInput) as error:
        transfer.import_sssom(store, catalogue, xapi_set, data, OWNER, name="x.sssom.tsv")
    assert "missing required SSSOM columns: predicate_id, mapping_justification" in error.value.message
    assert not isinstance(error.value, UnknownReference)


@pytest.mark.parametrize(("row", "where", "says"), [
    (["werkvormen:hoorcollege", "skos:closeMatch", "adl:meeting", "semapv:ManualMappingCuration"], ":18", "5 columns"),
    (["werkvormen:hoorcollege", "skos:sameAs", "adl:meeting", "semapv:ManualMappingCuration", ""], ":18:predicate_id", "not a SKOS mapping predicate"),
    (["werkvormen:hoorcollege", "skos:closeMatch", "nope:meeting", "semapv:ManualMappingCuration", ""], ":18:object_id", "prefix 'nope'"),
    (["werkvormen:hoorcollege", "skos:closeMatch", "adl:meeting", "semapv:Guessing", ""], ":18:mapping_justification", "SEMAPV"),
    (["werkvormen:hoorcollege", "skos:closeMatch", "adl:meeting", "", ""], ":18:mapping_justification", "required"),
])
def test_a_malformed_row_is_named_and_nothing_is_imported(registry, reviewed_set, row, where, says):
    store, catalogue = registry
    set_id, _ = reviewed_set
    before = transfer.export_set(store, catalogue, set_id, "sssom")
    counts = (store.count(MAPPINGS_GRAPH), store.count(ACCEPTED_GRAPH))
    data = curated_sssom("xapi-activity-types", extra_rows=[row])  # after 8 good rows: row 9, line 18
    with pytest.raises(InvalidInput) as error:
        transfer.import_sssom(store, catalogue, set_id, data, OWNER, name="x.sssom.tsv")
    assert error.value.location == "x.sssom.tsv" + where, error.value.message
    assert says in error.value.message and "row 9 (line 18)" in error.value.message
    assert transfer.export_set(store, catalogue, set_id, "sssom") == before
    assert (store.count(MAPPINGS_GRAPH), store.count(ACCEPTED_GRAPH)) == counts


def test_an_unknown_concept_in_a_file_is_422_naming_the_line(registry, xapi_set):
    store, catalogue = registry
    data = curated_sssom("xapi-activity-types", extra_rows=[["werkvormen:hoorcollege", "skos:closeMatch", "adl:no-such-thing", "semapv:ManualMappingCuration", ""]])
    with pytest.raises(UnknownReference) as error:
        transfer.import_sssom(store, catalogue, xapi_set, data, OWNER, name="x.sssom.tsv")
    assert error.value.location == "x.sssom.tsv:18:object_id"
    assert ADL + "no-such-thing" in error.value.message
    assert service.list_mappings(store, xapi_set) == []


def test_bad_cells_of_our_own_columns(registry, reviewed_set):
    store, catalogue = registry
    set_id, _ = reviewed_set
    good = transfer.export_set(store, catalogue, set_id, "sssom").decode("utf-8")
    lines = good.splitlines()
    header = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    columns = lines[header].split("\t")
    for column, value, says in (("confidence", "heel zeker", "not a number"), ("status", "maybe", "not one of"),
                                ("review_comments", "[{", "not valid JSON"), ("mapping_date", "gisteren", "not a date")):
        cells = lines[-1].split("\t")  # the last row (the first holds a comment over two lines)
        cells[columns.index(column)] = value
        broken = "\n".join(lines[:-1] + ["\t".join(cells)]) + "\n"
        with pytest.raises(InvalidInput) as error:
            transfer.import_sssom(store, catalogue, set_id, broken.encode(), OWNER, name="f.tsv")
        assert error.value.location == f"f.tsv:{len(lines)}:{column}", (column, error.value.message)
        assert says in error.value.message
    assert transfer.export_set(store, catalogue, set_id, "sssom").decode("utf-8") == good


def test_bad_files(registry, xapi_set):
    store, catalogue = registry
    for data, says in ((b"\xff\xfe not utf-8", "not UTF-8"), (b"# curie_map: [unclosed\nsubject_id\n", "not valid YAML"),
                       (b"# no_such_slot: 1\nsubject_id\tpredicate_id\tobject_id\tmapping_justification\n", "unknown mapping set metadata"),
                       (b"# mapping_set_id: x\n", "no header row")):
        with pytest.raises(InvalidInput) as error:
            transfer.import_sssom(store, catalogue, xapi_set, data, OWNER)
        assert says in error.value.message


def test_the_file_must_map_the_sets_vocabularies(registry, xapi_set):
    store, catalogue = registry
    data = curated_sssom("xapi-activity-types").replace(b"# mapping_date", b"# object_source: https://w3id.org/eduvoc/vocab/werkvormen\n# mapping_date")
    with pytest.raises(InvalidInput) as error:
        transfer.import_sssom(store, catalogue, xapi_set, data, OWNER, name="f.tsv")
    assert error.value.location == "f.tsv:object_source"


def test_only_the_owners_import(registry, xapi_set):
    store, catalogue = registry
    with pytest.raises(Forbidden):
        transfer.import_sssom(store, catalogue, xapi_set, curated_sssom("xapi-activity-types"), OTHER)


def test_a_record_id_of_another_set_is_refused(registry, reviewed_set):
    store, catalogue = registry
    set_id, _ = reviewed_set
    exported = transfer.export_set(store, catalogue, set_id, "sssom")
    service.create_mapping_set(store, catalogue, OWNER, set_id="copy", source="werkvormen", target="xapi-activity-types", title="Kopie")
    with pytest.raises(Conflict):
        transfer.import_sssom(store, catalogue, "copy", exported, OWNER)
    assert service.list_mappings(store, "copy") == []


def test_an_import_that_fails_at_the_switch_changes_nothing(registry, reviewed_set):
    store, catalogue = registry
    set_id, _ = reviewed_set
    before = transfer.export_set(store, catalogue, set_id, "sssom")
    triples = accepted_triples(store)

    def crash() -> None:
        raise RuntimeError("injected just before the update")

    with pytest.raises(RuntimeError):
        transfer.import_sssom(store, catalogue, set_id, curated_sssom("xapi-activity-types"), OWNER, default_status=Status.ACCEPTED, before_switch=crash)
    assert transfer.export_set(store, catalogue, set_id, "sssom") == before
    assert accepted_triples(store) == triples
    assert not catalogue.write_lock.locked()


def test_json_export(registry, reviewed_set):
    store, catalogue = registry
    set_id, ids = reviewed_set
    document = json.loads(transfer.export_set(store, catalogue, set_id, "json"))
    assert document["id"] == set_id and document["counts"] == {"proposed": 5, "accepted": 2, "rejected": 1}
    by_id = {m["id"]: m for m in document["mappings"]}
    assert by_id[ids[2]]["status"] == "rejected" and by_id[ids[2]]["comments"][0]["text"] == "te ruim; één/twee “citaten”"
    assert by_id[ids[0]]["predicate"].startswith("skos:") and by_id[ids[0]]["subject_labels"]["nl"]


def test_import_and_export_never_touch_the_network(registry, reviewed_set, monkeypatch):
    """sssom-py, curies and the schema they read ship their data: nothing is fetched at run time."""
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    store, catalogue = registry
    set_id, _ = reviewed_set
    exported = transfer.export_set(store, catalogue, set_id, "sssom")
    transfer.import_sssom(store, catalogue, set_id, exported, OWNER)
    parse_sssom_table(io.StringIO(exported.decode("utf-8")))
