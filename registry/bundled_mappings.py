"""The mapping sets that ship with eduvoc (`vocabularies/mappings/<set-id>.sssom.tsv`), loaded once into
an empty registry after the bundled vocabularies, through the ordinary SSSOM import: each set keeps
the review status, reviewer and provenance its rows carry (see vocabularies/README.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from registry.catalogue import Catalogue
from registry.errors import InvalidInput
from registry.mappings.service import SYSTEM_PRINCIPAL, create_mapping_set, list_mapping_sets
from registry.mappings.transfer import ImportReport, import_sssom
from registry.store import Store

SUFFIX = ".sssom.tsv"
OWNER = "eduvoc"


def bundled_mapping_files(vocabularies_dir: Path) -> list[Path]:
    """The bundled SSSOM tables, by name."""
    return sorted((vocabularies_dir / "mappings").glob(f"*{SUFFIX}"))


def _header(data: bytes, name: str) -> dict:
    """The YAML metadata block at the top of an SSSOM table."""
    block = []
    for line in data.decode("utf-8").splitlines():
        if not line.startswith("#"):
            break
        block.append(line[1:])
    metadata = yaml.safe_load("\n".join(block)) or {}
    for slot in ("subject_source", "object_source", "mapping_set_title"):
        if not metadata.get(slot):
            raise InvalidInput(f"{name}: the metadata block needs {slot}", location=f"{name}:{slot}")
    return metadata


def load_mapping_sets(store: Store, catalogue: Catalogue, files: list[Path],
                      on_loaded: Callable[[Path, ImportReport], None] | None = None) -> list[ImportReport]:
    """Create each set (source and target from its subject_source/object_source) and import its rows.
    Sets that exist already are left as they are, so an interrupted first load is completed; a set
    whose source or target vocabulary is not loaded is left out."""
    reports = []
    existing = {mapping_set.id for mapping_set in list_mapping_sets(store, catalogue)}
    for path in files:
        set_id = path.name.removesuffix(SUFFIX)
        if set_id in existing:
            continue
        data = path.read_bytes()
        metadata = _header(data, path.name)
        if any(catalogue.vocabulary_of_scheme(metadata[slot]) is None for slot in ("subject_source", "object_source")):
            continue  # a registry started on part of the bundle (EDUVOC_VOCABULARIES_DIR) gets the sets it can hold
        create_mapping_set(store, catalogue, SYSTEM_PRINCIPAL, set_id=set_id, source=metadata["subject_source"],
                           target=metadata["object_source"], title=metadata["mapping_set_title"],
                           description=metadata.get("mapping_set_description"), license=metadata.get("license"), owner=OWNER)
        report = import_sssom(store, catalogue, set_id, data, SYSTEM_PRINCIPAL, name=path.name)
        reports.append(report)
        if on_loaded is not None:
            on_loaded(path, report)
    return reports
