"""`eduvoc concept change` against a running server (issue #14): `--definition en=…` replaces the
English definition only, `--remove-definition en` removes it, the command prints what changed,
and dropping the Dutch preferred label is refused with exit code 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, URIRef

from tests.conftest import PROJECT_ROOT, VOCABULARIES_DIR
from tests.integration.conftest import running_server

pytestmark = pytest.mark.integration
WERKVORMEN = VOCABULARIES_DIR / "werkvormen.ttl"
AR = "https://w3id.org/eduvoc/vocab/werkvormen/augmented-reality"
DEFINITION = URIRef("http://www.w3.org/2004/02/skos/core#definition")
PREF_LABEL = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")


def eduvoc(*arguments: str, environment: dict[str, str], expect: int = 0) -> subprocess.CompletedProcess:
    import os

    done = subprocess.run([sys.executable, "-m", "cli.main", *arguments], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **environment}, check=False)
    assert done.returncode == expect, f"eduvoc {' '.join(arguments)} -> {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


def languages(base: str, token: str, prop: URIRef) -> dict[str, str]:
    turtle = httpx.get(f"{base}/api/vocabularies/werkvormen/draft/export", params={"format": "turtle"},
                       headers={"Authorization": f"Bearer {token}"}, timeout=60).text
    return {o.language: str(o) for o in Graph().parse(data=turtle, format="turtle").objects(URIRef(AR), prop)}


def test_concept_change_changes_only_the_languages_named(tmp_path: Path):
    store = tmp_path / "store"
    eduvoc("load", str(VOCABULARIES_DIR / "adms-status.ttl"), "--store", str(store), environment={})  # not the bundle: werkvormen stays free
    eduvoc("org", "create", "kennisnet", "--name", "Kennisnet", "--store", str(store), environment={})
    token = eduvoc("token", "create", "--org", "kennisnet", "--store", str(store), environment={}).stdout.strip().splitlines()[-1]
    with running_server(store) as (base, _):
        editor = {"EDUVOC_SERVER": base, "EDUVOC_TOKEN": token}
        eduvoc("draft", "upload", "werkvormen", str(WERKVORMEN), environment=editor)
        dutch = languages(base, token, DEFINITION)["nl"]

        done = eduvoc("concept", "change", "werkvormen", AR, "--definition", "en=Overlaying digital objects.", environment=editor)
        assert languages(base, token, DEFINITION) == {"nl": dutch, "en": "Overlaying digital objects."}
        assert done.stdout.startswith("definitions@en: ") and done.stdout.strip().endswith("-> Overlaying digital objects.")

        done = eduvoc("concept", "change", "werkvormen", AR, "--pref-label", "en=AR", environment=editor)
        assert languages(base, token, PREF_LABEL) == {"nl": "Augmented reality", "en": "AR"}
        assert done.stdout.strip() == "pref_labels@en: Augmented reality (AR) -> AR"

        done = eduvoc("concept", "change", "werkvormen", AR, "--remove-definition", "en", environment=editor)
        assert languages(base, token, DEFINITION) == {"nl": dutch}
        assert done.stdout.strip().endswith("-> (removed)")

        refused = eduvoc("concept", "change", "werkvormen", AR, "--remove-pref-label", "nl", environment=editor, expect=1)
        assert "error 422" in refused.stderr and "Dutch" in refused.stderr
        assert languages(base, token, PREF_LABEL)["nl"] == "Augmented reality"

        assert eduvoc("concept", "change", "werkvormen", AR, "--pref-label", "nl=Augmented reality", environment=editor).stdout.strip() == "nothing changed"
        eduvoc("concept", "change", "werkvormen", AR, "--pref-label", "nl=a", "--pref-label", "nl=b", environment=editor, expect=2)
