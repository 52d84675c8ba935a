"""`eduvoc dataset register FILE` and `eduvoc dataset list`: against a running registry when
`--server` / $EDUVOC_SERVER is given (with `--token` / $EDUVOC_TOKEN), else on the local store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cli.common import StoreOption, console, fail, open_registry, settings_for
from cli.remote import TokenOption, call
from registry.auth import Principal, Role
from registry.errors import QualityViolations

datasets = typer.Typer(help="The dataset catalogue: register and list dataset descriptions.", no_args_is_help=True)

ServerOption = Annotated[str | None, typer.Option("--server", envvar="EDUVOC_SERVER", help="a running registry (default: the local store)")]
#: file extension -> media type of a dataset description
MEDIA_TYPES = {".ttl": "text/turtle", ".jsonld": "application/ld+json", ".rdf": "application/rdf+xml",
               ".xml": "application/rdf+xml", ".nt": "application/n-triples"}


def _media_type(file: Path) -> str:
    media_type = MEDIA_TYPES.get(file.suffix.lower())
    if media_type is None:
        raise typer.BadParameter(f"unknown file type {file.suffix!r}; use one of {', '.join(MEDIA_TYPES)}")
    if not file.is_file():
        console.print(f"[bold red]error:[/] {file}: no such file", highlight=False)
        raise typer.Exit(1)
    return media_type


@datasets.command("register")
def register(
    file: Path,
    server: ServerOption = None,
    token: TokenOption = None,
    org: Annotated[str | None, typer.Option("--org", help="local store only: the organisation that owns it")] = None,
    store: StoreOption = None,
) -> None:
    """Register a dataset description; it must conform to the 'dataset' profile (exit 1 with the
    findings when it does not). Registering the same dataset again makes a new version."""
    media_type = _media_type(file)
    if server:
        response = call("POST", server, "/api/datasets", token, content=file.read_bytes(), headers={"Content-Type": media_type})
        registered = response.json()["dataset"]
        typer.echo(json.dumps({"id": registered["id"], "uri": registered["uri"], "created": response.json()["created"]}, ensure_ascii=False))
        return
    if not org:
        raise typer.BadParameter("on the local store, say which organisation owns the dataset: --org ID")
    from registry.audit import SYSTEM_AGENT
    from registry.datasets import register_dataset
    from registry.organisations import get_organisation
    from registry.validation import Severity

    with open_registry(settings_for(store)) as (oxigraph, catalogue):
        get_organisation(oxigraph, org)  # NotFound (exit 3) for an unknown organisation
        principal = Principal(SYSTEM_AGENT, org, Role.ADMIN)
        try:
            registration = register_dataset(oxigraph, catalogue, file.read_bytes(), media_type, principal)
        except QualityViolations as error:
            for finding in error.report.findings:
                if finding.severity is Severity.VIOLATION:
                    console.print(f"  {finding.check_id or ''} {finding.focus_node} {finding.path or ''}: {finding.message()}", highlight=False)
            raise fail(error) from None
        record = registration.record
        typer.echo(json.dumps({"id": record.id, "uri": record.iri, "created": registration.created}, ensure_ascii=False))


@datasets.command("list")
def list_datasets(
    q: Annotated[str, typer.Option("--q", help="words that must occur in title, description or keywords")] = "",
    server: ServerOption = None,
    store: StoreOption = None,
) -> None:
    """The registered datasets (newest first): id, title, owner, last update."""
    table = Table("id", "title", "owner", "modified", title="datasets")
    if server:
        for item in call("GET", server, "/api/datasets", None, params={"q": q, "limit": 200}).json()["items"]:
            title = item["title"].get("nl") or item["title"].get("en") or item["uri"]
            table.add_row(item["id"], title, item["owner"], item["modified"][:10])
    else:
        from registry.datasets import browse, dataset_index

        with open_registry(settings_for(store)) as (oxigraph, catalogue):
            for summary in browse(dataset_index(oxigraph, catalogue), q, limit=200).items:
                table.add_row(summary.id, summary.title("nl"), summary.owner, summary.modified.date().isoformat())
    Console(width=200).print(table)
