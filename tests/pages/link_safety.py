"""A real vocabulary file with `javascript:` IRIs where the data holds links: the scheme's licence
and a concept's skos:exactMatch target (shared by the in-process and the browser tests)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import VOCABULARIES_DIR

SCRIPT_IRI = "javascript:alert(document.domain)"
LICENCE_IRI = "javascript:alert(1)"
CONCEPT = "https://w3id.org/eduvoc/vocab/werkvormen/bijles"


def write_hostile_werkvormen(directory: Path) -> Path:
    text = (VOCABULARIES_DIR / "werkvormen.ttl").read_text(encoding="utf-8")
    licence = "dct:license <http://spdx.org/licenses/CC-BY-4.0> ;"
    concept = f"<{CONCEPT}> a skos:Concept ;"
    assert licence in text and concept in text
    text = text.replace(licence, f"dct:license <{LICENCE_IRI}> ;")
    text = text.replace(concept, f"{concept}\n    skos:exactMatch <{SCRIPT_IRI}> ;")
    path = directory / "werkvormen.ttl"
    path.write_text(text, encoding="utf-8")
    return path
