"""The vocabularies that ship with eduvoc (`vocabularies/*.ttl`) and its ontology."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from registry.catalogue import Catalogue
from registry.formats import format_of_file
from registry.loading import LoadReport, register_vocabulary
from registry.namespaces import ONTOLOGY_SLUG
from registry.store import Store


def bundled_files(vocabularies_dir: Path, ontology_dir: Path) -> list[tuple[str, Path]]:
    """(slug, file) of everything bundled: the ontology first, then each vocabulary by name."""
    files = [(ONTOLOGY_SLUG, ontology_dir / "eduvoc.ttl")] if (ontology_dir / "eduvoc.ttl").exists() else []
    files += [(path.stem, path) for path in sorted(vocabularies_dir.glob("*.ttl"))]
    return files


def load_files(
    store: Store,
    catalogue: Catalogue,
    files: list[tuple[str, Path]],
    on_loaded: Callable[[Path, LoadReport], None] | None = None,
) -> list[LoadReport]:
    """Register each file as the current version of its vocabulary, one atomic load per file."""
    reports = []
    for slug, path in files:
        report = register_vocabulary(store, catalogue, path, format_of_file(path), slug=slug, source_name=path.name)
        reports.append(report)
        if on_loaded is not None:
            on_loaded(path, report)
    return reports
