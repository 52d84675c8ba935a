"""`eduvoc org …` and `eduvoc token …`: bootstrap administration on the local store (no server
needed): create organisations and issue the tokens editors and administrators use."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cli.common import StoreOption, console, open_registry, settings_for
from registry.auth import Role

organisations = typer.Typer(help="Organisations (bronhouders) that own vocabularies.", no_args_is_help=True)
tokens = typer.Typer(help="API tokens: shown once, stored hashed, revocable, expiring.", no_args_is_help=True)


@organisations.command("create")
def create(organisation: Annotated[str, typer.Argument(help="short id, e.g. slo")], name: Annotated[str, typer.Option(help="full name")], store: StoreOption = None) -> None:
    """Register an organisation."""
    from registry.organisations import create_organisation

    with open_registry(settings_for(store)) as (oxigraph, _):
        created = create_organisation(oxigraph, organisation, name)
        console.print(f"organisation {created.slug} ({created.name}) registered as {created.iri}")


@organisations.command("list")
def list_(store: StoreOption = None) -> None:
    """Every registered organisation."""
    from registry.organisations import list_organisations

    with open_registry(settings_for(store)) as (oxigraph, _):
        table = Table("id", "name", "IRI")
        for organisation in list_organisations(oxigraph):
            table.add_row(organisation.slug, organisation.name, organisation.iri)
        Console().print(table)


@tokens.command("create")
def create_token(
    organisation: Annotated[str, typer.Option("--org", help="the organisation the token acts for")],
    role: Annotated[Role, typer.Option(help="editor: writes its organisation's vocabularies; admin: everything")] = Role.EDITOR,
    days: Annotated[int, typer.Option(help="valid for this many days")] = 90,
    label: Annotated[str | None, typer.Option(help="what the token is for")] = None,
    store: StoreOption = None,
) -> None:
    """Issue a token. It is printed once, on standard output; only its hash is kept."""
    from registry.tokens import issue_token

    with open_registry(settings_for(store)) as (oxigraph, _):
        token, info = issue_token(oxigraph, organisation, role, days, label)
        console.print(f"token {info.id} for {info.organisation} ({info.role.value}), valid until {info.expires:%Y-%m-%d}; store it now, it is not shown again:")
        typer.echo(token)


@tokens.command("list")
def list_tokens_(organisation: Annotated[str | None, typer.Option("--org")] = None, store: StoreOption = None) -> None:
    """Tokens (never their secrets)."""
    from registry.tokens import list_tokens

    with open_registry(settings_for(store)) as (oxigraph, _):
        table = Table("id", "organisation", "role", "created", "expires", "revoked", "label")
        for t in list_tokens(oxigraph, organisation):
            table.add_row(t.id, t.organisation, t.role.value, f"{t.created:%Y-%m-%d}", f"{t.expires:%Y-%m-%d}",
                          f"{t.revoked:%Y-%m-%d}" if t.revoked else "", t.label or "")
        Console().print(table)


@tokens.command("revoke")
def revoke(token_id: Annotated[str, typer.Argument(help="the token's id (the part after eduvoc_)")], store: StoreOption = None) -> None:
    """Revoke a token at once."""
    from registry.tokens import revoke_token

    with open_registry(settings_for(store)) as (oxigraph, _):
        info = revoke_token(oxigraph, token_id)
        console.print(f"token {info.id} revoked at {info.revoked:%Y-%m-%d %H:%M}")
