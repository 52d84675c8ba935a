"""`eduvoc mappings list | create | import | export`: mapping sets in the local store, or on a
running registry with `--server` ($EDUVOC_SERVER) and `--token` ($EDUVOC_TOKEN). Exit codes as
in `cli.common` (1 bad input — with row and column —, 3 not found, 4 conflict, 6 not allowed)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cli.common import StoreOption, console, open_registry, settings_for
from cli.remote import TokenOption, call, show
from registry.mappings.model import Status

mappings = typer.Typer(help="Mapping sets: list, create, import and export SSSOM.", no_args_is_help=True)

RemoteOption = Annotated[str | None, typer.Option("--server", envvar="EDUVOC_SERVER", help="a running registry's base URL (default: the local store)")]
SetOption = Annotated[str, typer.Option("--set", help="the mapping set's id")]
FORMAT_TYPES = {"sssom": "text/tab-separated-values", "csv": "text/csv", "json": "application/json"}


@mappings.command("list")
def list_sets(store: StoreOption = None, server: RemoteOption = None) -> None:
    """Every mapping set with its vocabularies, owner and counts by status."""
    from registry.mappings import service, transfer

    if server:
        rows = call("GET", server, "/api/mapping-sets", None).json()["data"]
    else:
        with open_registry(settings_for(store)) as (oxigraph, catalogue):
            rows = [transfer.mapping_set_json(s) for s in service.list_mapping_sets(oxigraph, catalogue)]
    header = ["set", "source", "target", "owner", *(s.value for s in Status)]
    lines = [[row["id"], row["source"], row["target"], row["owner"], *(str(row["counts"].get(s.value, 0)) for s in Status)] for row in rows]
    output = Console()
    if not output.is_terminal:  # for scripts: tab-separated, nothing cut short
        typer.echo("\n".join("\t".join(line) for line in [header, *lines]))
        return
    table = Table(*header, title="mapping sets")
    for line in lines:
        table.add_row(*line)
    output.print(table)


@mappings.command("create")
def create(
    set_id: Annotated[str, typer.Argument(help="the new set's id")],
    source: Annotated[str, typer.Option(help="source vocabulary id or scheme IRI")],
    target: Annotated[str, typer.Option(help="target vocabulary id or scheme IRI")],
    title: Annotated[str, typer.Option()],
    description: Annotated[str | None, typer.Option()] = None,
    license: Annotated[str | None, typer.Option(help="licence IRI")] = None,
    owner: Annotated[str | None, typer.Option(help="owning organisation (local store: required; remote: default yours)")] = None,
    store: StoreOption = None, server: RemoteOption = None, token: TokenOption = None,
) -> None:
    """Create an empty mapping set between two registered vocabularies."""
    from registry.mappings import service

    body = {"id": set_id, "source": source, "target": target, "title": title, "description": description, "license": license, "owner": owner}
    if server:
        show(call("POST", server, "/api/mapping-sets", token, json=body))
        return
    if not owner:
        raise typer.BadParameter("--owner is required for the local store")
    with open_registry(settings_for(store)) as (oxigraph, catalogue):
        created = service.create_mapping_set(oxigraph, catalogue, service.SYSTEM_PRINCIPAL, set_id=set_id, source=source, target=target,
                                             title=title, description=description, license=license, owner=owner)
        console.print(f"created mapping set {created.id}: {created.source} → {created.target}, owned by {created.owner}", highlight=False)


@mappings.command("import")
def import_file(
    file: Annotated[Path, typer.Argument(help="an SSSOM TSV file (with its metadata block), or CSV (.csv)")],
    set_id: SetOption,
    status: Annotated[Status, typer.Option("--status", help="status of rows without one")] = Status.PROPOSED,
    store: StoreOption = None, server: RemoteOption = None, token: TokenOption = None,
) -> None:
    """Replace the set's mappings with the file's; a bad row or an unknown concept changes nothing."""
    from registry.mappings import service, transfer

    if not file.is_file():
        console.print(f"[bold red]error:[/] {file}: no such file", highlight=False)
        raise typer.Exit(1)
    data = file.read_bytes()
    format_name = "csv" if file.suffix.lower() == ".csv" else "sssom"
    if server:
        response = call("PUT", server, f"/api/mapping-sets/{set_id}/import", token, content=data, params={"default_status": status.value},
                        headers={"Content-Type": FORMAT_TYPES[format_name]})
        report = response.json()
        mappings_count, by_status, ignored = report["mappings"], report["by_status"], report["ignored_columns"]
    else:
        with open_registry(settings_for(store)) as (oxigraph, catalogue):
            result = transfer.import_sssom(oxigraph, catalogue, set_id, data, service.SYSTEM_PRINCIPAL,
                                           format_name=format_name, default_status=status, name=file.name)
        mappings_count, by_status, ignored = result.mappings, result.by_status, result.ignored_columns
    summary = ", ".join(f"{n} {s}" for s, n in sorted(by_status.items())) or "none"
    console.print(f"imported {mappings_count} mappings into {set_id} ({summary})", highlight=False)
    if ignored:
        console.print(f"ignored columns: {', '.join(ignored)}", highlight=False)


@mappings.command("export")
def export(
    set_id: SetOption,
    format: Annotated[str, typer.Option("--format", "-f", help="sssom (TSV with metadata), csv or json")] = "sssom",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="file to write (default: standard output)")] = None,
    store: StoreOption = None, server: RemoteOption = None,
) -> None:
    """Write a mapping set as SSSOM TSV, CSV or JSON."""
    from registry.mappings import transfer

    if format not in FORMAT_TYPES:
        raise typer.BadParameter(f"unknown format {format!r}; use sssom, csv or json")
    if server:
        data = call("GET", server, f"/api/mapping-sets/{set_id}", None, params={"format": format}).content
    else:
        with open_registry(settings_for(store)) as (oxigraph, catalogue):
            data = transfer.export_set(oxigraph, catalogue, set_id, format)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    temporary = output.with_name(output.name + ".part")
    temporary.write_bytes(data)
    temporary.replace(output)
    console.print(f"wrote {output}", highlight=False)
