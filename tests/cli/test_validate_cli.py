"""`eduvoc validate FILE --profile …`: the report formats, languages and the CI exit codes
0 (conforms), 1 (violations), 2 (could not validate)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from cli.main import app
from tests.conftest import SOURCES_DIR
from tests.dataset_descriptions import leerlingen_vo, to_turtle
from tests.registry.metadata.records import (
    DEPRECATED_KERNDOEL,
    REPLACEMENT_KERNDOEL,
    activity,
)

NL_LOM_SAMPLE = SOURCES_DIR / "nl-lom-sample-kennisnet" / "tests" / "Unit" / "Package" / "Model" / "resources" / "metadata.xml"


@pytest.fixture(scope="module")
def loaded_store(tmp_path_factory) -> str:
    """A store with the bundled vocabularies, loaded once with `eduvoc load`."""
    store = str(tmp_path_factory.mktemp("validate") / "store")
    assert CliRunner().invoke(app, ["load", "--store", store]).exit_code == 0
    return store


@pytest.fixture
def run(loaded_store):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, ["validate", *args, "--store", loaded_store])

    return invoke


@pytest.fixture
def files(tmp_path):
    deprecated = tmp_path / "record.json"
    deprecated.write_text(json.dumps(activity(learningGoal=DEPRECATED_KERNDOEL)), encoding="utf-8")
    good = tmp_path / "good.json"
    good.write_text(json.dumps(activity()), encoding="utf-8")
    dataset = tmp_path / "dataset.ttl"
    dataset.write_text(to_turtle(leerlingen_vo()), encoding="utf-8")
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    return {"deprecated": deprecated, "good": good, "dataset": dataset, "broken": broken}


def test_a_conforming_dataset_exits_0(run, files):
    result = run(str(files["dataset"]), "--profile", "dataset", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("dataset 1.0: conforms")


def test_a_deprecated_goal_exits_1_and_names_the_replacement_in_dutch(run, files):
    result = run(str(files["deprecated"]), "--profile", "learning-activity")
    assert result.exit_code == 1
    assert "voldoet NIET" in result.stdout and REPLACEMENT_KERNDOEL in result.stdout and "leerdoel" in result.stdout


@pytest.mark.parametrize("report", ["json", "csv", "turtle"])
def test_report_formats(run, files, report):
    result = run(str(files["deprecated"]), "-p", "learning-activity", "--report", report, "--lang", "en")
    assert result.exit_code == 1
    if report == "json":
        assert json.loads(result.stdout)["findings"][0]["valueText"] == DEPRECATED_KERNDOEL
    elif report == "csv":
        (row,) = csv.DictReader(io.StringIO(result.stdout))
        assert row["severity"] == "Violation" and row["field_label"] == "learning goal"
    else:
        assert "sh:ValidationReport" in result.stdout and DEPRECATED_KERNDOEL in result.stdout


def test_the_nl_lom_sample_exits_1_with_the_kerndoel_deprecated(run):
    result = run(str(NL_LOM_SAMPLE), "--profile", "learning-resource", "--lang", "en")
    assert result.exit_code == 1
    assert "cc7113ed-5284-4a62-85a2-e312de34eac9" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--profile", "nope"], "available profiles"),
    (["--profile", "learning-activity", "--version", "0.1"], "available versions"),
    (["--profile", "dataset", "--format", "text/csv"], "cannot validate text/csv"),
])
def test_could_not_validate_exits_2(run, files, args, message):
    result = run(str(files["good"]), *args)
    assert result.exit_code == 2
    assert message in result.output


def test_unparseable_and_missing_files_exit_2_with_the_position(run, files, tmp_path):
    broken = run(str(files["broken"]), "--profile", "dataset")
    assert broken.exit_code == 2 and "line 1" in broken.output
    missing = run(str(tmp_path / "nope.ttl"))
    assert missing.exit_code == 2 and "cannot read" in missing.output


def test_an_empty_store_falls_back_to_the_bundled_vocabularies(files, tmp_path):
    result = CliRunner().invoke(app, ["validate", str(files["deprecated"]), "-p", "learning-activity", "--store", str(tmp_path / "empty")])
    assert result.exit_code == 1 and REPLACEMENT_KERNDOEL in result.stdout


def test_many_files_a_directory_and_stdin_report_each_and_exit_with_the_worst(run, files, tmp_path):
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "a.json").write_bytes(files["good"].read_bytes())
    (folder / "notes.txt").write_text("not a document", encoding="utf-8")
    only_good = run(str(files["good"]), str(folder), "-p", "learning-activity", "--lang", "en")
    assert only_good.exit_code == 0, only_good.output
    assert f"== {files['good']}" in only_good.stdout and f"== {folder / 'a.json'}" in only_good.stdout
    assert "notes.txt" not in only_good.output and "2 documents: 2 conform" in only_good.stderr
    with_violation = CliRunner().invoke(app, ["validate", str(files["good"]), "-", "-p", "learning-activity", "-f", "json", "--report", "json"],
                                        input=files["deprecated"].read_text(encoding="utf-8"),
                                        env={"EDUVOC_STORE": str(tmp_path / "no-store"), "XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert with_violation.exit_code == 1
    reports = json.loads(with_violation.stdout)
    assert [(r["file"], r["conforms"]) for r in reports] == [(str(files["good"]), True), ("-", False)]
    worst = run(str(files["good"]), str(files["broken"]), str(files["deprecated"]), "-p", "learning-activity", "--report", "csv")
    assert worst.exit_code == 2 and f"{files['broken']}: " in worst.stderr
    assert {row["file"] for row in csv.DictReader(io.StringIO(worst.stdout))} == {str(files["deprecated"])}


def test_without_a_store_it_validates_against_the_cached_snapshot_and_writes_nothing_here(files, tmp_path, monkeypatch):
    work, cache = tmp_path / "work", tmp_path / "cache"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("EDUVOC_STORE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    for _ in range(2):
        result = CliRunner().invoke(app, ["validate", str(files["deprecated"]), "-p", "learning-activity"])
        assert result.exit_code == 1 and REPLACEMENT_KERNDOEL in result.stdout
    assert list(work.iterdir()) == []
    assert [p.suffix for p in (cache / "eduvoc").iterdir()] == [".nt"]
