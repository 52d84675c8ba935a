"""`eduvoc load | serve | export | stats`.

Exit codes: 0 done; 1 invalid input (malformed RDF, unknown format, missing file); 2 usage error
(unknown option); 3 not found (unknown vocabulary); 4 conflict; 5 other registry error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from registry.bundle import bundled_files, load_files
from registry.catalogue import Catalogue
from registry.config import Settings
from registry.errors import Conflict, EduvocError, InvalidInput, NotFound
from registry.formats import format_named
from registry.loading import check_slug, collect_orphan_graphs
from registry.oxigraph_store import OxigraphStore, open_store
from registry.vocabularies import export as export_vocabularies
from registry.vocabularies import stats as registry_stats

EXIT_CODES: tuple[tuple[type[EduvocError], int], ...] = ((InvalidInput, 1), (NotFound, 3), (Conflict, 4), (EduvocError, 5))

app = typer.Typer(
    help="eduvoc: the registry of the shared vocabularies of Dutch education.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
console = Console(stderr=True, soft_wrap=True)

StoreOption = Annotated[str | None, typer.Option("--store", help="store directory or ':memory:' (default: $EDUVOC_STORE or ./var/store)")]


def _settings(store: str | None) -> Settings:
    return Settings(store=store) if store else Settings()


@contextmanager
def _registry(settings: Settings) -> Iterator[tuple[OxigraphStore, Catalogue]]:
    """Open the store; turn domain errors into a message and the exit code of the table."""
    store = open_store(settings.store)
    try:
        yield store, Catalogue(store)
    except EduvocError as error:
        console.print(f"[bold red]error:[/] {error.message}", highlight=False)
        raise typer.Exit(next(code for error_class, code in EXIT_CODES if isinstance(error, error_class))) from None
    finally:
        store.close()


def _load_with_progress(store: OxigraphStore, catalogue: Catalogue, files: list[tuple[str, Path]]) -> None:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("loading", total=len(files))

        def loaded(path: Path, report) -> None:
            progress.console.print(f"  {report.slug}: {report.concepts} concepts, {report.triples} triples", highlight=False)
            progress.advance(task)

        load_files(store, catalogue, files, on_loaded=loaded)


@app.command()
def load(
    files: Annotated[list[Path] | None, typer.Argument(help="RDF files, one vocabulary each (default: the bundled set)")] = None,
    slug: Annotated[str | None, typer.Option(help="vocabulary id for a single file (default: the file name)")] = None,
    store: StoreOption = None,
) -> None:
    """Load vocabularies; each file replaces the current version of its vocabulary atomically."""
    settings = _settings(store)
    if files and slug and len(files) > 1:
        raise typer.BadParameter("--slug needs exactly one file")
    with _registry(settings) as (oxigraph, catalogue):
        if files:
            targets = [(check_slug(slug or path.stem), path) for path in files]
        else:
            targets = bundled_files(settings.vocabularies_dir, settings.ontology_dir)
        _load_with_progress(oxigraph, catalogue, targets)
        collect_orphan_graphs(oxigraph, catalogue)


@app.command()
def serve(
    store: StoreOption = None,
    host: Annotated[str | None, typer.Option(help="default: $EDUVOC_HOST or 127.0.0.1")] = None,
    port: Annotated[int | None, typer.Option(help="default: $EDUVOC_PORT or 8000")] = None,
) -> None:
    """Serve the API and pages; loads the bundled vocabularies into an empty store first."""
    import uvicorn

    from api.app import create_app

    settings = _settings(store)
    with _registry(settings) as (oxigraph, catalogue):
        collect_orphan_graphs(oxigraph, catalogue)
        if catalogue.is_empty():
            console.print(f"empty store at {settings.store}: loading the bundled vocabularies")
            _load_with_progress(oxigraph, catalogue, bundled_files(settings.vocabularies_dir, settings.ontology_dir))
        else:
            console.print(f"store at {settings.store}: {len(catalogue.vocabularies())} vocabularies")
        uvicorn.run(create_app(settings, store=oxigraph), host=host or settings.host, port=port or settings.port, log_level="info")


@app.command()
def export(
    vocabulary: Annotated[str | None, typer.Argument(help="vocabulary id (default: all)")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="turtle, ntriples, jsonld, rdfxml, trig, nquads")] = "turtle",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="file to write (default: standard output)")] = None,
    store: StoreOption = None,
) -> None:
    """Export one vocabulary, or all of them, in any RDF format."""
    with _registry(_settings(store)) as (oxigraph, catalogue):
        rdf_format = format_named(format)
        if output is None:
            export_vocabularies(oxigraph, catalogue, sys.stdout.buffer, rdf_format, vocabulary)
            return
        temporary = output.with_name(output.name + ".part")
        with temporary.open("wb") as stream:
            export_vocabularies(oxigraph, catalogue, stream, rdf_format, vocabulary)
        temporary.replace(output)
        console.print(f"wrote {output}")


@app.command()
def stats(store: StoreOption = None) -> None:
    """Counts per vocabulary and in total."""
    with _registry(_settings(store)) as (_, catalogue):
        table = Table("vocabulary", "concepts", "deprecated", "collections", "triples", "languages", title="eduvoc")
        for record in catalogue.vocabularies():
            table.add_row(record.slug, str(record.concept_count), str(record.deprecated_concept_count),
                          str(record.collection_count), str(record.triple_count), " ".join(record.languages))
        total = registry_stats(catalogue)
        table.add_row("total", str(total.concepts), str(total.deprecated_concepts), str(total.collections), str(total.triples), "", style="bold")
        Console().print(table)


if __name__ == "__main__":
    app()
