"""The editor's flow from the command line, as in issue #4's "done when": an administrator
bootstraps an organisation and a token on the store; the editor, against the running server,
registers a vocabulary from Turtle and another from XLSX, reads the quality report, publishes 1.0,
changes three concepts, deprecates one with a replacement, publishes 1.1; a consumer gets the
diff and the resolution."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF, SKOS, Graph

from registry.spreadsheet import write_spreadsheet
from tests.conftest import PROJECT_ROOT, VOCABULARIES_DIR
from tests.integration.conftest import running_server

pytestmark = pytest.mark.integration
WERKVORMEN = VOCABULARIES_DIR / "werkvormen.ttl"


def eduvoc(*arguments: str, environment: dict[str, str] | None = None, expect: int = 0) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", *arguments], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, **(environment or {})}, check=False,
    )
    assert done.returncode == expect, f"eduvoc {' '.join(arguments)} -> {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_editor_flow_from_the_cli(tmp_path: Path):
    store = tmp_path / "store"
    eduvoc("load", str(VOCABULARIES_DIR / "adms-status.ttl"), "--store", str(store))  # not the bundle: werkvormen stays free
    eduvoc("org", "create", "kennisnet", "--name", "Kennisnet", "--store", str(store))
    token = eduvoc("token", "create", "--org", "kennisnet", "--store", str(store)).strip().splitlines()[-1]
    assert token.startswith("eduvoc_")
    source = VOCABULARIES_DIR / "slo-niveaus.ttl"
    triples = list(pyoxigraph.parse(path=source))
    scheme = next(t.subject for t in triples if t.object == pyoxigraph.NamedNode(str(SKOS.ConceptScheme)))
    workbook = tmp_path / "slo-niveaus.xlsx"
    workbook.write_bytes(write_spreadsheet(triples, scheme, "xlsx"))
    concepts = sorted(str(c) for c in Graph().parse(WERKVORMEN).subjects(RDF.type, SKOS.Concept))

    with running_server(store) as (base, _):
        editor = {"EDUVOC_SERVER": base, "EDUVOC_TOKEN": token}
        eduvoc("draft", "upload", "werkvormen", str(WERKVORMEN), environment={"EDUVOC_SERVER": base}, expect=6)  # no token
        assert json.loads(eduvoc("draft", "upload", "werkvormen", str(WERKVORMEN), environment=editor))["concepts"] == len(concepts)
        assert json.loads(eduvoc("draft", "upload", "slo-niveaus", str(workbook), environment=editor))["concepts"] == 105
        report = json.loads(eduvoc("draft", "quality", "werkvormen", environment=editor))
        assert report["blocksPublication"] is False
        eduvoc("publish", "werkvormen", "--version", "1.0", "--note", "Eerste publicatie", environment=editor)
        eduvoc("publish", "slo-niveaus", "--version", "2025.1", "--note", "uit Excel", environment=editor)
        eduvoc("publish", "werkvormen", "--version", "1.0", "--note", "again", environment=editor, expect=4)  # taken, and no draft now: a conflict

        eduvoc("draft", "start", "werkvormen", environment=editor)
        for n, uri in enumerate(concepts[:3]):
            eduvoc("concept", "change", "werkvormen", uri, "--definition", f"nl=Herzien {n}.", "--definition", f"en=Revised {n}.", environment=editor)
        old, replacement = concepts[-1], concepts[-2]
        eduvoc("concept", "deprecate", "werkvormen", old, "--replaced-by", replacement, environment=editor)
        eduvoc("publish", "werkvormen", "--version", "1.1", "--note", "Drie definities, één vervallen", environment=editor)

        diff = json.loads(eduvoc("diff", "werkvormen", "--from", "1.0", "--to", "1.1", environment={"EDUVOC_SERVER": base}))
        assert set(diff["changed"]) >= set(concepts[:3]) | {old}
        assert diff["replaced"] == {old: [replacement]}
        resolved = json.loads(eduvoc("resolve", old, environment={"EDUVOC_SERVER": base}))
        assert resolved["data"][0]["replacements"] == [replacement]
        eduvoc("diff", "no-such-list", "--from", "1", environment={"EDUVOC_SERVER": base}, expect=3)
