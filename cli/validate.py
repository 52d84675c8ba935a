"""`eduvoc validate FILE --profile dataset`: metadata validation for people and CI.

Local by default (against the store in $EDUVOC_STORE, or the bundled vocabularies when that store
is empty), remote with --server / $EDUVOC_SERVER (POST /validate on a running registry).

Exit codes (the issue's, for CI; they differ from cli.common's table on purpose):
  0  the document conforms (warnings and info allowed)
  1  the document has violations
  2  it could not be validated (unreadable file, unparseable document, unknown profile or
     version, unreachable server, any other error) — also typer's code for a usage error
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated

import httpx
import pyoxigraph
import typer

from cli.common import StoreOption, console, settings_for
from registry.bundle import bundled_files, load_files
from registry.catalogue import Catalogue
from registry.errors import EduvocError
from registry.metadata import report as metadata_report
from registry.metadata.parsing import JSON_MEDIA_TYPE, media_type_of_file
from registry.metadata.service import MetadataValidation, validate_metadata
from registry.oxigraph_store import OxigraphStore, open_store
from registry.validation import to_turtle

CONFORMS, VIOLATIONS, COULD_NOT_VALIDATE = 0, 1, 2
FORMAT_NAMES = {"turtle": "text/turtle", "ntriples": "application/n-triples", "jsonld": "application/ld+json",
                "rdfxml": "application/rdf+xml", "json": JSON_MEDIA_TYPE, "xml": "application/xml", "nl-lom": "application/xml"}
SH_VIOLATION = "http://www.w3.org/ns/shacl#Violation"


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"
    turtle = "turtle"


ACCEPT = {ReportFormat.text: "application/json", ReportFormat.json: "application/json", ReportFormat.csv: "text/csv",
          ReportFormat.turtle: "text/turtle"}


def validate(
    file: Annotated[str, typer.Argument(help="the metadata document ('-' reads standard input)")],
    profile: Annotated[str, typer.Option("--profile", "-p", help="dataset, dcat-ap-nl, dcat-ap, learning-activity or learning-resource")] = "dataset",
    version: Annotated[str | None, typer.Option("--version", help="profile version (default: the newest)")] = None,
    format: Annotated[str | None, typer.Option("--format", "-f", help=f"input format: {', '.join(FORMAT_NAMES)} or a media type (default: from the file name)")] = None,
    report: Annotated[ReportFormat, typer.Option("--report", "-r", help="report format")] = ReportFormat.text,
    lang: Annotated[str, typer.Option("--lang", help="language of messages and fix hints: nl or en")] = "nl",
    server: Annotated[str | None, typer.Option("--server", envvar="EDUVOC_SERVER", help="validate on this running registry instead of locally")] = None,
    store: StoreOption = None,
) -> None:
    """Validate a metadata document against a profile; exit 0 conforms, 1 violations, 2 could not validate."""
    if lang not in ("nl", "en"):
        _give_up(f"--lang must be nl or en, not {lang!r}")
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        media_type = _media_type(format, file)
    except OSError as error:
        _give_up(f"cannot read {file}: {error.strerror or error}")
    except EduvocError as error:
        _give_up(error.message)
    if server:
        raise typer.Exit(_remote(server, data, media_type, profile, version, report, lang))
    try:
        with _registry(store) as (registry, catalogue):
            validation = validate_metadata(registry, catalogue, data, media_type, profile, version)
    except EduvocError as error:
        location = getattr(error, "location", None)
        _give_up(error.message + (f" (at {location})" if location else ""))
    typer.echo(_render(validation, report, lang), nl=False)
    raise typer.Exit(CONFORMS if validation.conforms else VIOLATIONS)


def _media_type(format: str | None, file: str) -> str:
    if format:
        return FORMAT_NAMES.get(format.lower(), format.lower())
    if file == "-":
        return "text/turtle"
    return media_type_of_file(Path(file))


@contextmanager
def _registry(store: str | None) -> Iterator[tuple[OxigraphStore, Catalogue]]:
    """The configured store; when it holds no vocabularies (a fresh clone), the bundled ones in memory."""
    settings = settings_for(store)
    opened = open_store(settings.store)
    try:
        catalogue = Catalogue(opened)
        if not catalogue.is_empty():
            yield opened, catalogue
            return
    finally:
        opened.close()
    console.print("[dim]the store holds no vocabularies; validating against the bundled ones[/]", highlight=False)
    memory = OxigraphStore()
    catalogue = Catalogue(memory)
    load_files(memory, catalogue, bundled_files(settings.vocabularies_dir, settings.ontology_dir))
    yield memory, catalogue


def _render(validation: MetadataValidation, report: ReportFormat, lang: str) -> str:
    if report is ReportFormat.json:
        return json.dumps(metadata_report.to_json(validation, lang), indent=2, ensure_ascii=False) + "\n"
    if report is ReportFormat.csv:
        return metadata_report.to_csv(validation, lang)
    if report is ReportFormat.turtle:
        return to_turtle(validation.report)
    return metadata_report.to_text(validation, lang)


def _remote(server: str, data: bytes, media_type: str, profile: str, version: str | None, report: ReportFormat, lang: str) -> int:
    """POST /validate on `server`; the exit code from the report's violations."""
    params = {"profile": profile, **({"version": version} if version else {})}
    headers = {"Content-Type": media_type, "Accept": ACCEPT[report], "Accept-Language": lang}
    try:
        response = httpx.post(server.rstrip("/") + "/validate", params=params, content=data, headers=headers, timeout=600)
    except httpx.TransportError as error:
        _give_up(f"cannot reach {server}: {error}")
    if response.status_code >= 400:
        try:
            problem = response.json()
            message = (problem.get("detail") or problem.get("title") or "") + (f" (at {problem['location']})" if problem.get("location") else "")
        except ValueError:
            message = response.text[:500]
        _give_up(f"{response.status_code}: {message}")
    if report is ReportFormat.text:
        answer = response.json()
        typer.echo(metadata_report.text_of(answer), nl=False)
        return CONFORMS if answer["conforms"] else VIOLATIONS
    typer.echo(response.text, nl=False)
    return VIOLATIONS if _has_violations(response.text, report) else CONFORMS


def _has_violations(body: str, report: ReportFormat) -> bool:
    if report is ReportFormat.json:
        return not json.loads(body)["conforms"]
    if report is ReportFormat.csv:
        return any(row["severity"] == "Violation" for row in csv.DictReader(io.StringIO(body)))
    triples = pyoxigraph.parse(body.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)
    return any(t.object.value == SH_VIOLATION for t in triples if t.predicate.value.endswith("#resultSeverity"))


def _give_up(message: str) -> None:
    console.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(COULD_NOT_VALIDATE)

