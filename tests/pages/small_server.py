"""A real `eduvoc serve` on a store holding only the vocabularies a browser test needs: it starts in
seconds where the whole bundle takes minutes on a loaded machine."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import VOCABULARIES_DIR
from tests.integration.conftest import running_server
from tests.pages.test_editor_browser import eduvoc


@contextmanager
def server_with(store: Path, slugs: tuple[str, ...]) -> Iterator[str]:
    """Load the bundled vocabularies `slugs` into `store`, then serve it."""
    eduvoc("load", *(str(VOCABULARIES_DIR / f"{slug}.ttl") for slug in slugs), "--store", str(store))
    with running_server(store) as (base, _):
        yield base
