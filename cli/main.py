"""`eduvoc load | serve | export | stats`, plus the `org`, `token` (local administration) and
editor commands that talk to a running registry (`cli.remote`). Exit codes: see `cli.common`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cli import admin, remote
from cli.common import StoreOption, console, open_registry, settings_for
from cli.datasets import datasets as dataset_commands
from cli.mappings import mappings as mapping_commands
from cli.validate import validate as validate_command

if TYPE_CHECKING:  # the registry is imported by the command that runs, so `eduvoc --help` stays fast
    from registry.catalogue import Catalogue
    from registry.config import Settings
    from registry.oxigraph_store import OxigraphStore

app = typer.Typer(
    help="eduvoc: the registry of the shared vocabularies of Dutch education.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)


def _load_with_progress(store: OxigraphStore, catalogue: Catalogue, files: list[tuple[str, Path]], total: int | None = None,
                        load=None) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from registry.bundle import load_files

    load = load or load_files
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("loading", total=len(files) if total is None else total)

        def loaded(path: Path, report) -> None:
            progress.console.print(f"  {report.slug}: {report.concepts} concepts, {report.triples} triples", highlight=False)
            progress.advance(task)

        load(store, catalogue, files, on_loaded=loaded)


def _load_bundled_mappings(store: OxigraphStore, catalogue: Catalogue, vocabularies_dir: Path) -> None:
    """The bundled mapping sets (vocabularies/mappings/*.sssom.tsv), after the vocabularies they map."""
    from registry.bundled_mappings import bundled_mapping_files, load_mapping_sets

    def loaded(path: Path, report) -> None:
        console.print(f"  mapping set {report.set_id}: {report.mappings} mappings {report.by_status}", highlight=False)

    load_mapping_sets(store, catalogue, bundled_mapping_files(vocabularies_dir), on_loaded=loaded)


def _sync_search_index(settings: Settings, store: OxigraphStore, catalogue: Catalogue) -> None:
    """Bring the search index in step with the store, naming each vocabulary (re)indexed."""
    from registry.search import SearchIndex, sync_search_index

    console.print(f"search index at {settings.search_index}", highlight=False)
    index = SearchIndex.open(settings.search_index)
    report = sync_search_index(
        store, catalogue, index, on_indexed=lambda slug, labels: console.print(f"  indexed {slug}: {labels} labels", highlight=False)
    )
    console.print(f"  {len(report.indexed)} (re)indexed, {report.unchanged} unchanged, {len(report.removed)} removed", highlight=False)


@app.command()
def load(
    files: Annotated[list[Path] | None, typer.Argument(help="RDF files, one vocabulary each (default: the bundled set)")] = None,
    slug: Annotated[str | None, typer.Option(help="vocabulary id for a single file (default: the file name)")] = None,
    store: StoreOption = None,
) -> None:
    """Load vocabularies; each file replaces the current version of its vocabulary atomically."""
    from registry.bundle import bundled_files
    from registry.loading import check_slug, collect_orphan_graphs

    settings = settings_for(store)
    if files and slug and len(files) > 1:
        raise typer.BadParameter("--slug needs exactly one file")
    with open_registry(settings) as (oxigraph, catalogue):
        if files:
            targets = [(check_slug(slug or path.stem), path) for path in files]
        else:
            targets = bundled_files(settings.vocabularies_dir, settings.ontology_dir)
        _load_with_progress(oxigraph, catalogue, targets)
        collect_orphan_graphs(oxigraph, catalogue)
        _sync_search_index(settings, oxigraph, catalogue)


@app.command()
def serve(
    store: StoreOption = None,
    host: Annotated[str | None, typer.Option(help="default: $EDUVOC_HOST or 127.0.0.1")] = None,
    port: Annotated[int | None, typer.Option(help="default: $EDUVOC_PORT or 8000")] = None,
) -> None:
    """Serve the API and pages; loads the bundled vocabularies into an empty store first."""
    import uvicorn

    from api.app import create_app
    from registry.bundle import bundled_files, complete_first_load, first_load_pending
    from registry.config import MEMORY
    from registry.loading import collect_orphan_graphs

    settings = settings_for(store)
    with open_registry(settings) as (oxigraph, catalogue):
        orphans = collect_orphan_graphs(oxigraph, catalogue, background=True)  # a large one must not delay the start
        if orphans:
            console.print(f"dropping {len(orphans)} unreferenced graph(s) left by an interrupted write, in the background")
        files = bundled_files(settings.vocabularies_dir, settings.ontology_dir)
        pending = first_load_pending(oxigraph, catalogue, files)
        if pending:
            what = "loading the bundled vocabularies" if len(pending) == len(files) else (
                f"completing an interrupted first load: {len(pending)} of {len(files)} bundled files still to load")
            console.print(f"store at {settings.store}: {what}")

            def first_load(store, catalogue, files, on_loaded):  # the mapping sets too, before the load counts as complete
                return complete_first_load(store, catalogue, files, on_loaded,
                                           then=lambda: _load_bundled_mappings(store, catalogue, settings.vocabularies_dir))

            _load_with_progress(oxigraph, catalogue, files, total=len(pending), load=first_load)
        else:
            console.print(f"store at {settings.store}: {len(catalogue.vocabularies())} vocabularies")
        if settings.search_index != MEMORY:  # an in-memory index is built by the app itself
            _sync_search_index(settings, oxigraph, catalogue)
        uvicorn.run(create_app(settings, store=oxigraph), host=host or settings.host, port=port or settings.port, log_level="info")


@app.command()
def export(
    vocabulary: Annotated[str | None, typer.Argument(help="vocabulary id (default: all)")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="turtle, ntriples, jsonld, rdfxml, trig, nquads")] = "turtle",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="file to write (default: standard output)")] = None,
    store: StoreOption = None,
) -> None:
    """Export one vocabulary, or all of them, in any RDF format."""
    from registry.formats import format_named
    from registry.vocabularies import export as export_vocabularies

    with open_registry(settings_for(store)) as (oxigraph, catalogue):
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
    from rich.console import Console
    from rich.table import Table

    from registry.vocabularies import stats as registry_stats

    with open_registry(settings_for(store)) as (_, catalogue):
        table = Table("vocabulary", "concepts", "deprecated", "collections", "triples", "languages", title="eduvoc")
        for record in catalogue.vocabularies():
            table.add_row(record.slug, str(record.concept_count), str(record.deprecated_concept_count),
                          str(record.collection_count), str(record.triple_count), " ".join(record.languages))
        total = registry_stats(catalogue)
        table.add_row("total", str(total.concepts), str(total.deprecated_concepts), str(total.collections), str(total.triples), "", style="bold")
        Console().print(table)


app.add_typer(admin.organisations, name="org")
app.add_typer(admin.tokens, name="token")
app.add_typer(remote.drafts, name="draft")
app.add_typer(remote.concepts, name="concept")
app.add_typer(mapping_commands, name="mappings")
app.add_typer(dataset_commands, name="dataset")
app.command()(remote.publish)
app.command()(remote.diff)
app.command()(remote.resolve)
app.command(name="validate")(validate_command)


if __name__ == "__main__":
    app()
