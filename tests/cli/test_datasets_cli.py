"""`eduvoc dataset register | list` on a local store: exit codes, the findings of a refused
description, and a new version on re-registration. (Against a running registry: tests/integration.)"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cli.main import app
from tests.conftest import VOCABULARIES_DIR
from tests.dataset_descriptions import DATASET_LISTS, leerlingen_vo, to_turtle


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A store directory with the lists the examples use and the organisation 'duo'."""
    path = str(tmp_path_factory.mktemp("cli") / "store")
    runner = CliRunner()
    files = [str(VOCABULARIES_DIR / f"{slug}.ttl") for slug in DATASET_LISTS]
    assert runner.invoke(app, ["load", *files, "--store", path]).exit_code == 0
    assert runner.invoke(app, ["org", "create", "duo", "--name", "DUO", "--store", path]).exit_code == 0
    return path


def run(store: str, *args: str):
    return CliRunner().invoke(app, ["dataset", *args, "--store", store], env={"EDUVOC_SERVER": ""})


def test_register_then_list_on_the_local_store(store, tmp_path):
    description = tmp_path / "leerlingen.ttl"
    description.write_text(to_turtle(leerlingen_vo()), encoding="utf-8")
    first = run(store, "register", str(description), "--org", "duo")
    assert first.exit_code == 0, first.stderr
    registered = json.loads(first.stdout)
    assert registered["uri"] == leerlingen_vo().iri and registered["created"] is True
    again = run(store, "register", str(description), "--org", "duo")
    assert again.exit_code == 0 and json.loads(again.stdout) == {**registered, "created": False}
    listed = run(store, "list")
    assert listed.exit_code == 0 and registered["id"] in listed.stdout and "Leerlingen vo per school" in listed.stdout
    assert registered["id"] not in run(store, "list", "--q", "examenresultaten").stdout


def test_a_description_that_does_not_conform_exits_1_with_the_findings(store, tmp_path):
    broken = leerlingen_vo()
    broken.name = "zonder-doelbinding"
    broken.purposes = ()
    description = tmp_path / "broken.ttl"
    description.write_text(to_turtle(broken), encoding="utf-8")
    result = run(store, "register", str(description), "--org", "duo")
    assert result.exit_code == 1
    assert "edu-purpose-of-use" in result.stderr and "does not conform" in result.stderr
    assert "zonder-doelbinding" not in run(store, "list").stdout


def test_usage_errors_and_unknown_organisations(store, tmp_path):
    description = tmp_path / "leerlingen.ttl"
    description.write_text(to_turtle(leerlingen_vo()), encoding="utf-8")
    assert run(store, "register", str(description)).exit_code == 2  # no --org on the local store
    assert run(store, "register", str(description), "--org", "nobody").exit_code == 3
    assert run(store, "register", str(tmp_path / "missing.ttl"), "--org", "duo").exit_code == 1
    assert run(store, "register", str(tmp_path / "leerlingen.csv"), "--org", "duo").exit_code == 2
