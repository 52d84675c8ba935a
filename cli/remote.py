"""Editor commands that talk to a running registry over its API, as an editor would from their
own machine or CI: `--server` ($EDUVOC_SERVER) and `--token` ($EDUVOC_TOKEN)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cli.common import console

if TYPE_CHECKING:
    import httpx

ServerOption = Annotated[str, typer.Option("--server", envvar="EDUVOC_SERVER", help="the registry's base URL")]
TokenOption = Annotated[str | None, typer.Option("--token", envvar="EDUVOC_TOKEN", help="an API token (eduvoc_…)")]

#: HTTP status -> exit code, as in cli.common
STATUS_EXIT = {400: 1, 413: 1, 415: 1, 422: 1, 404: 3, 409: 4, 401: 6, 403: 6}
UPLOAD_TYPES = {
    ".ttl": "text/turtle",
    ".rdf": "application/rdf+xml",
    ".xml": "application/rdf+xml",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

drafts = typer.Typer(help="A vocabulary's draft on a running registry.", no_args_is_help=True)
concepts = typer.Typer(help="Edit concepts of a draft on a running registry.", no_args_is_help=True)


def call(method: str, server: str, path: str, token: str | None, **kwargs: Any) -> httpx.Response:
    """One API call; a problem answer becomes its message and exit code."""
    import httpx  # ~30 ms: only commands that talk to a server pay it

    headers = kwargs.pop("headers", {})
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        response = httpx.request(method, server.rstrip("/") + path, headers=headers, timeout=600, **kwargs)
    except httpx.TransportError as error:
        console.print(f"[bold red]error:[/] cannot reach {server}: {error}", highlight=False)
        raise typer.Exit(5) from None
    if response.status_code >= 400:
        try:
            problem = response.json()
            message = problem.get("detail") or problem.get("title")
            if problem.get("location"):
                message += f" (at {problem['location']})"
            if problem.get("report"):
                message += "\n" + json.dumps(problem["report"], indent=2, ensure_ascii=False)[:4000]
        except ValueError:
            message = response.text[:500]
        console.print(f"[bold red]error {response.status_code}:[/] {message}", highlight=False)
        raise typer.Exit(STATUS_EXIT.get(response.status_code, 5))
    return response


def show(response: httpx.Response) -> None:
    typer.echo(json.dumps(response.json(), indent=2, ensure_ascii=False) if "json" in response.headers.get("content-type", "") else response.text)


def pairs(values: list[str], option: str) -> dict[str, str]:
    """`nl=tekst` options into {language: text}."""
    result = {}
    for value in values:
        language, sep, text = value.partition("=")
        if not sep or not language:
            raise typer.BadParameter(f"use {option} LANG=TEXT, e.g. {option} nl=Voorbeeld")
        if language in result:
            raise typer.BadParameter(f"{option} names {language} twice; give one value per language")
        result[language] = text
    return result


@drafts.command("upload")
def upload(vocabulary: str, file: Path, server: ServerOption = "http://127.0.0.1:8000", token: TokenOption = None,
           base: Annotated[str | None, typer.Option(help="base IRI for relative IRIs or local ids")] = None) -> None:
    """Upload RDF or a spreadsheet (CSV/XLSX) as the draft (registers a new vocabulary)."""
    content_type = UPLOAD_TYPES.get(file.suffix.lower())
    if content_type is None:
        raise typer.BadParameter(f"unknown file type {file.suffix!r}; use one of {', '.join(UPLOAD_TYPES)}")
    if not file.exists():
        console.print(f"[bold red]error:[/] {file}: no such file")
        raise typer.Exit(1)
    params = {"base": base} if base else {}
    show(call("PUT", server, f"/api/vocabularies/{vocabulary}/draft", token, content=file.read_bytes(), params=params, headers={"Content-Type": content_type}))


@drafts.command("start")
def start(vocabulary: str, server: ServerOption = "http://127.0.0.1:8000", token: TokenOption = None) -> None:
    """Start a draft from the latest release."""
    show(call("POST", server, f"/api/vocabularies/{vocabulary}/draft", token))


@drafts.command("show")
def preview(vocabulary: str, server: ServerOption = "http://127.0.0.1:8000", token: TokenOption = None) -> None:
    """What publishing the draft would change."""
    show(call("GET", server, f"/api/vocabularies/{vocabulary}/draft", token))


@drafts.command("quality")
def quality(vocabulary: str, server: ServerOption = "http://127.0.0.1:8000", token: TokenOption = None,
            format: Annotated[str, typer.Option(help="json, turtle or csv")] = "json") -> None:
    """The draft's quality report; exit code 1 when violations would block publication."""
    accept = {"json": "application/json", "turtle": "text/turtle", "csv": "text/csv"}[format]
    response = call("GET", server, f"/api/vocabularies/{vocabulary}/draft/quality", token, headers={"Accept": accept})
    show(response)
    if format == "json" and not response.json().get("conforms", True) and response.json().get("blocks_publication"):
        raise typer.Exit(1)


def texts_by_language(values: list[str], option: str) -> dict[str, list[str]]:
    """Repeated `nl=tekst` options into {language: [texts]} (for fields that allow several per language)."""
    result: dict[str, list[str]] = {}
    for value in values:
        language, sep, text = value.partition("=")
        if not sep or not language:
            raise typer.BadParameter(f"use {option} LANG=TEXT, e.g. {option} nl=Voorbeeld")
        result.setdefault(language, []).append(text)
    return result


def describe_changes(changes: list[dict[str, Any]]) -> str:
    """What a concept change did, one line per field and language."""
    if not changes:
        return "nothing changed"
    lines = []
    for c in changes:
        where = c["field"] + (f"@{c['language']}" if c.get("language") else "")
        old = " | ".join(c["old"]) or "(none)"
        new = " | ".join(c["new"]) or "(removed)"
        lines.append(f"{where}: {old} -> {new}")
    return "\n".join(lines)


@concepts.command("change")
def change(vocabulary: str, uri: str, server: ServerOption = "http://127.0.0.1:8000", token: TokenOption = None,
           pref_label: Annotated[list[str], typer.Option("--pref-label", help="LANG=TEXT, repeatable; replaces that language only")] = [],
           alt_label: Annotated[list[str], typer.Option("--alt-label", help="LANG=TEXT, repeatable; replaces that language's alternative labels")] = [],
           definition: Annotated[list[str], typer.Option("--definition", help="LANG=TEXT, repeatable; replaces that language only")] = [],
           notation: Annotated[str | None, typer.Option()] = None,
           remove_pref_label: Annotated[list[str], typer.Option("--remove-pref-label", metavar="LANG", help="remove the preferred label in LANG, repeatable")] = [],
           remove_alt_label: Annotated[list[str], typer.Option("--remove-alt-label", metavar="LANG", help="remove the alternative labels in LANG, repeatable")] = [],
           remove_definition: Annotated[list[str], typer.Option("--remove-definition", metavar="LANG", help="remove the definition in LANG, repeatable")] = []) -> None:
    """Change labels, definitions or notation of a concept in the draft: only the languages named
    change; prints what changed. Dropping the Dutch preferred label is refused (exit 1)."""
    body: dict[str, Any] = {}
    if pref_label:
        body["pref_labels"] = pairs(pref_label, "--pref-label")
    if alt_label:
        body["alt_labels"] = texts_by_language(alt_label, "--alt-label")
    if definition:
        body["definitions"] = pairs(definition, "--definition")
    if notation is not None:
        body["notation"] = notation
    remove = {name: languages for name, languages in
              (("pref_labels", remove_pref_label), ("alt_labels", remove_alt_label), ("definitions", remove_definition)) if languages}
    if remove:
        body["remove"] = remove
    if not body:
        raise typer.BadParameter("give at least one of --pref-label, --alt-label, --definition, --notation, --remove-…")
    response = call("PATCH", server, f"/api/vocabularies/{vocabulary}/draft/concepts", token, params={"uri": uri}, json=body)
    typer.echo(describe_changes(response.json().get("changed", [])))


@concepts.command("deprecate")
def deprecate(vocabulary: str, uri: str, server: ServerOption = "http://127.0.0.1:8000", token: TokenOption = None,
              replaced_by: Annotated[list[str], typer.Option("--replaced-by", help="replacement IRI, repeatable")] = []) -> None:
    """Deprecate a concept in the draft, naming its replacements."""
    show(call("POST", server, f"/api/vocabularies/{vocabulary}/draft/concepts/deprecate", token, params={"uri": uri}, json={"replaced_by": replaced_by}))


@concepts.command("move")
def move(vocabulary: str, uri: str, server: ServerOption = "http://127.0.0.1:8000", token: TokenOption = None,
         broader: Annotated[list[str], typer.Option("--broader", help="new broader IRI, repeatable; none = top concept")] = []) -> None:
    """Move a concept in the draft."""
    show(call("POST", server, f"/api/vocabularies/{vocabulary}/draft/concepts/move", token, params={"uri": uri}, json={"broader": broader}))


def publish(vocabulary: str, version: Annotated[str, typer.Option()], note: Annotated[str, typer.Option(help="change note")],
            server: ServerOption = "http://127.0.0.1:8000", token: TokenOption = None) -> None:
    """Publish the draft as a release (blocked by quality violations)."""
    show(call("POST", server, f"/api/vocabularies/{vocabulary}/releases", token, json={"version": version, "change_note": note}))


def diff(vocabulary: str, from_: Annotated[str, typer.Option("--from")], to: Annotated[str, typer.Option("--to")] = "latest",
         server: ServerOption = "http://127.0.0.1:8000") -> None:
    """What changed between two releases."""
    show(call("GET", server, f"/api/vocabularies/{vocabulary}/diff", None, params={"from": from_, "to": to}))


def resolve(uris: list[str], server: ServerOption = "http://127.0.0.1:8000") -> None:
    """Resolve concept IRIs, following replacements of deprecated ones."""
    show(call("POST", server, "/api/resolve", None, json={"uris": uris}))
