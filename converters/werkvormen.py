"""Werkvormen (teaching and learning activity types): eduvoc's curated proposal, from
`sources/eduvoc/werkvormen.yaml` (format: `converters.curated`)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from converters.curated import SOURCE_SUBDIR, build_curated_scheme, read_yaml
from converters.vocabulary_file import SchemeInfo

SOURCE_FILE = "werkvormen.yaml"


def build(sources: Path) -> list[tuple[SchemeInfo, Graph]]:
    """Build the `werkvormen` vocabulary from the curated YAML."""
    spec = read_yaml(sources / SOURCE_SUBDIR / SOURCE_FILE)
    return [build_curated_scheme(spec, SOURCE_FILE)]
