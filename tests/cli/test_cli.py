"""`eduvoc load | export | stats`: what a user sees, exit codes, and a store left unchanged on errors."""

from __future__ import annotations

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from cli.main import app
from tests.conftest import VOCABULARIES_DIR

XAPI_VERBS = VOCABULARIES_DIR / "xapi-verbs.ttl"


@pytest.fixture
def run(tmp_path):
    store = str(tmp_path / "store")
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, [*args, "--store", store])

    return invoke


def test_load_then_stats_lists_the_vocabulary(run):
    assert run("load", str(XAPI_VERBS)).exit_code == 0
    result = run("stats")
    assert result.exit_code == 0
    assert "xapi-verbs" in result.stdout


def test_load_malformed_turtle_names_file_and_line_and_leaves_the_store_unchanged(run, tmp_path):
    assert run("load", str(XAPI_VERBS)).exit_code == 0
    before = run("export", "xapi-verbs", "-f", "ntriples").stdout
    broken = tmp_path / "xapi-verbs.ttl"
    lines = XAPI_VERBS.read_text(encoding="utf-8").splitlines()
    lines[40] += " @@@ not turtle"
    broken.write_text("\n".join(lines), encoding="utf-8")

    result = run("load", str(broken))

    assert result.exit_code == 1
    assert "xapi-verbs.ttl:41" in result.stderr
    assert run("export", "xapi-verbs", "-f", "ntriples").stdout == before


def test_load_a_missing_file_fails_clearly(run, tmp_path):
    result = run("load", str(tmp_path / "absent.ttl"))
    assert result.exit_code == 1
    assert "absent.ttl" in result.stderr
    assert "no such file" in result.stderr


def test_load_an_unknown_format_fails_clearly(run, tmp_path):
    odd = tmp_path / "list.xlsx"
    odd.write_bytes(b"PK")
    result = run("load", str(odd))
    assert result.exit_code == 1
    assert "cannot tell the RDF format" in result.stderr


@pytest.mark.parametrize("rdf_format", ["turtle", "ntriples", "jsonld", "rdfxml"])
def test_export_one_vocabulary_round_trips_in_every_format(run, tmp_path, rdf_format):
    run("load", str(XAPI_VERBS))
    output = tmp_path / f"out.{rdf_format}"
    result = run("export", "xapi-verbs", "-f", rdf_format, "-o", str(output))
    assert result.exit_code == 0, result.stderr
    parse_as = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}[rdf_format]
    exported = Graph().parse(output, format=parse_as)
    assert len(exported) == len(Graph().parse(XAPI_VERBS))


def test_export_all_as_trig_keeps_one_graph_per_vocabulary(run, tmp_path):
    run("load", str(XAPI_VERBS), str(VOCABULARIES_DIR / "xapi-activity-types.ttl"))
    output = tmp_path / "all.trig"
    assert run("export", "-f", "trig", "-o", str(output)).exit_code == 0
    from rdflib import Dataset

    dataset = Dataset().parse(output, format="trig")
    assert len([g for g in dataset.graphs() if len(g)]) == 2


def test_export_an_unknown_vocabulary_exits_3(run):
    result = run("export", "nope")
    assert result.exit_code == 3
    assert "nope" in result.stderr


def test_export_in_an_unknown_format_exits_1(run):
    run("load", str(XAPI_VERBS))
    result = run("export", "xapi-verbs", "-f", "docx")
    assert result.exit_code == 1
    assert "unknown RDF format" in result.stderr


def test_load_without_arguments_loads_the_bundled_set(run):
    result = run("load")
    assert result.exit_code == 0, result.stderr
    stats = run("stats").stdout
    for path in VOCABULARIES_DIR.glob("*.ttl"):
        assert path.stem[:14] in stats
