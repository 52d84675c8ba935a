"""Supporting value lists for dataset descriptions, curated by eduvoc, as SKOS.

Source: `sources/eduvoc/supporting-lists.yaml`, authored by eduvoc. It holds four lists that a
dataset description needs and for which no authoritative Dutch list exists:

- `aggregation-level` — the level at which data is combined (eduvoc:aggregationLevel);
- `data-sharing-role` — bronhouder, verwerker, ... (dcat:hadRole in a prov:qualifiedAttribution;
  every concept is also a dcat:Role);
- `purpose-of-use` — doelbinding (eduvoc:purposeOfUse);
- `education-sector` — po, vo, mbo, ... (eduvoc:educationSector), mapped to SLO niveaus and OOAPI
  `level` codes.

The YAML format and the conversion are shared with the werkvormen list
(`converters.werkvormen.build_curated_scheme`), so all eduvoc-authored lists behave alike.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from converters.curated import SOURCE_SUBDIR, build_curated_scheme, read_yaml
from converters.vocabulary_file import SchemeInfo

SOURCE_FILE = "supporting-lists.yaml"
SLUGS = ("aggregation-level", "data-sharing-role", "purpose-of-use", "education-sector")


def build(sources: Path) -> list[tuple[SchemeInfo, Graph]]:
    """Build one vocabulary per list in the YAML, checking that exactly the expected lists are there."""
    spec = read_yaml(sources / SOURCE_SUBDIR / SOURCE_FILE)
    lists = spec.get("lists") or []
    slugs = tuple(str(item["scheme"]["slug"]) for item in lists)
    if sorted(slugs) != sorted(SLUGS):
        raise ValueError(f"{SOURCE_FILE}: expected lists {SLUGS}, found {slugs}")
    return [build_curated_scheme(item, SOURCE_FILE) for item in lists]
