"""`eduvoc mappings list | create | import | export` on a local store: what a user sees, exit codes,
and a set left unchanged when a file is refused."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cli.main import app
from tests.conftest import VOCABULARIES_DIR
from tests.mapping_files import curated_mappings, curated_sssom


@pytest.fixture
def run(tmp_path):
    store = str(tmp_path / "store")
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, [*args, "--store", store])

    assert invoke("load", str(VOCABULARIES_DIR / "werkvormen.ttl"), str(VOCABULARIES_DIR / "xapi-activity-types.ttl")).exit_code == 0
    return invoke


def test_create_import_list_export(run, tmp_path):
    created = run("mappings", "create", "wx", "--source", "werkvormen", "--target", "xapi-activity-types", "--title", "Werkvormen → xAPI", "--owner", "kennisnet")
    assert created.exit_code == 0, created.stderr
    file = tmp_path / "werkvormen-xapi.sssom.tsv"
    file.write_bytes(curated_sssom("xapi-activity-types"))
    imported = run("mappings", "import", str(file), "--set", "wx", "--status", "accepted")
    assert imported.exit_code == 0, imported.stderr
    assert "imported 8 mappings into wx (8 accepted)" in imported.stderr
    listed = run("mappings", "list")
    assert listed.exit_code == 0 and "wx\twerkvormen\txapi-activity-types\tkennisnet\t0\t8\t0" in listed.stdout
    exported = run("mappings", "export", "--set", "wx", "--format", "sssom")
    assert exported.exit_code == 0
    assert exported.stdout.startswith("# ") and exported.stdout.count("\taccepted") == len(curated_mappings("xapi-activity-types"))
    written = tmp_path / "out.sssom.tsv"
    assert run("mappings", "export", "--set", "wx", "-o", str(written)).exit_code == 0
    assert written.read_text(encoding="utf-8") == exported.stdout
    # the export imported again exports the same
    assert run("mappings", "import", str(written), "--set", "wx").exit_code == 0
    assert run("mappings", "export", "--set", "wx").stdout == exported.stdout


def test_a_refused_file_exits_1_naming_the_row_and_changes_nothing(run, tmp_path):
    run("mappings", "create", "wx", "--source", "werkvormen", "--target", "xapi-activity-types", "--title", "x", "--owner", "kennisnet")
    good = tmp_path / "good.sssom.tsv"
    good.write_bytes(curated_sssom("xapi-activity-types"))
    run("mappings", "import", str(good), "--set", "wx")
    before = run("mappings", "export", "--set", "wx").stdout
    bad = tmp_path / "bad.sssom.tsv"
    bad.write_bytes(curated_sssom("xapi-activity-types", extra_rows=[["werkvormen:hoorcollege", "skos:closeMatch", "adl:meeting", "semapv:ManualMappingCuration", "", "?"]]))
    result = run("mappings", "import", str(bad), "--set", "wx")
    assert result.exit_code == 1 and "row 9 (line 18)" in result.stderr
    unknown = tmp_path / "unknown.sssom.tsv"
    unknown.write_bytes(curated_sssom("xapi-activity-types", extra_rows=[["werkvormen:nope", "skos:closeMatch", "adl:meeting", "semapv:ManualMappingCuration", ""]]))
    result = run("mappings", "import", str(unknown), "--set", "wx")
    assert result.exit_code == 1 and "https://w3id.org/eduvoc/vocab/werkvormen/nope" in result.stderr
    assert run("mappings", "export", "--set", "wx").stdout == before


def test_unknown_sets_and_formats(run, tmp_path):
    assert run("mappings", "export", "--set", "nope").exit_code == 3
    assert run("mappings", "export", "--set", "nope", "--format", "xml").exit_code == 2
    assert run("mappings", "import", str(tmp_path / "missing.tsv"), "--set", "nope").exit_code == 1
    assert run("mappings", "create", "x", "--source", "werkvormen", "--target", "nope", "--title", "x", "--owner", "k").exit_code == 1
