"""What every `eduvoc` command shares: the console, the store option, and the one table that
turns domain errors into exit codes.

Exit codes: 0 done; 1 invalid input (malformed RDF — with file and line —, unknown format, missing
file, bad values); 2 usage error (unknown option); 3 not found; 4 conflict; 5 other registry error;
6 not allowed (no, an invalid or an insufficient token); 7 the store cannot be opened or written:
in use by another process (a running server holds the embedded store: stop it, or use the
command's --server form), its disk is full, or it is read-only.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from registry.errors import (
    Conflict,
    EduvocError,
    Forbidden,
    ForeignStatements,
    InvalidInput,
    NotFound,
    QualityViolations,
    StorageFull,
    StorageReadOnly,
    StoreInUse,
    Unauthenticated,
    UnknownReference,
    storage_error,
)

if TYPE_CHECKING:  # the store, catalogue and settings are imported when a command runs: `--help` stays fast
    from registry.catalogue import Catalogue
    from registry.config import Settings
    from registry.oxigraph_store import OxigraphStore

EXIT_CODES: tuple[tuple[type[EduvocError], int], ...] = (
    (UnknownReference, 1),
    (InvalidInput, 1),
    (QualityViolations, 1),
    (ForeignStatements, 1),
    (NotFound, 3),
    (Conflict, 4),
    (Unauthenticated, 6),
    (Forbidden, 6),
    (StoreInUse, 7),
    (StorageFull, 7),
    (StorageReadOnly, 7),
    (EduvocError, 5),
)

console = Console(stderr=True, soft_wrap=True)

StoreOption = Annotated[str | None, typer.Option("--store", help="store directory or ':memory:' (default: $EDUVOC_STORE or ./var/store)")]


def settings_for(store: str | None) -> Settings:
    from registry.config import Settings

    return Settings(store=store) if store else Settings()


def fail(error: EduvocError) -> typer.Exit:
    console.print(f"[bold red]error:[/] {error.message}", highlight=False)
    return typer.Exit(next(code for error_class, code in EXIT_CODES if isinstance(error, error_class)))


@contextmanager
def open_registry(settings: Settings) -> Iterator[tuple[OxigraphStore, Catalogue]]:
    """Open the store; turn domain errors into a message and the exit code of the table."""
    from registry.catalogue import Catalogue
    from registry.oxigraph_store import open_store

    try:
        store = open_store(settings.store)
    except EduvocError as error:
        raise fail(error) from None
    try:
        yield store, Catalogue(store)
    except EduvocError as error:
        raise fail(error) from None
    except OSError as error:
        domain = storage_error(error)
        if domain is None:
            raise
        raise fail(domain) from None
    finally:
        store.close()
