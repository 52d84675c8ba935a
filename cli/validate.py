"""`eduvoc validate FILE… --profile dataset`: metadata validation for people and CI.

Takes files, directories (every file with a known extension in them, recursively) and `-` for
standard input, and reports on each. Local by default: the value lists come from the store in
$EDUVOC_STORE when it exists and holds vocabularies (opened read only), else from a read-only
snapshot of the bundled vocabularies (registry/metadata/snapshot.py, built once and cached under
$XDG_CACHE_HOME/eduvoc). Nothing is written to the working directory. Remote with --server /
$EDUVOC_SERVER (POST /validate on a running registry).

Exit codes (the issue's, for CI; they differ from cli.common's table on purpose), the worst of
all files:
  0  every document conforms (warnings and info allowed)
  1  a document has violations
  2  a document could not be validated (unreadable file, unparseable document, unknown profile or
     version, unreachable server, any other error) — also typer's code for a usage error
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cli.common import StoreOption, console, settings_for
from registry.errors import EduvocError

if TYPE_CHECKING:  # the validation stack is imported when a command runs: `eduvoc --help` stays fast
    from registry.metadata.service import MetadataValidation
    from registry.metadata.value_sources import ValueLists

CONFORMS, VIOLATIONS, COULD_NOT_VALIDATE = 0, 1, 2
FORMAT_NAMES = {"turtle": "text/turtle", "ntriples": "application/n-triples", "jsonld": "application/ld+json",
                "rdfxml": "application/rdf+xml", "json": "application/json", "xml": "application/xml", "nl-lom": "application/xml"}
SH_VIOLATION = "http://www.w3.org/ns/shacl#Violation"
STDIN = "-"
#: extensions picked up in a directory (registry.metadata.parsing.media_type_of_file knows them)
DOCUMENT_SUFFIXES = (".ttl", ".nt", ".jsonld", ".json", ".rdf", ".owl", ".xml")


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"
    turtle = "turtle"


ACCEPT = {ReportFormat.text: "application/json", ReportFormat.json: "application/json", ReportFormat.csv: "text/csv",
          ReportFormat.turtle: "text/turtle"}


class CouldNotValidate(Exception):
    """This document could not be validated (the message says why); the others still are."""


@dataclass
class Outcome:
    """One document's result: its exit code and rendered report (or error)."""

    name: str
    code: int
    body: str = ""
    error: str = ""


def validate(
    files: Annotated[list[str], typer.Argument(help="metadata documents or directories of them ('-' reads standard input)")],
    profile: Annotated[str, typer.Option("--profile", "-p", help="dataset, dcat-ap-nl, dcat-ap, learning-activity or learning-resource")] = "dataset",
    version: Annotated[str | None, typer.Option("--version", help="profile version (default: the newest)")] = None,
    format: Annotated[str | None, typer.Option("--format", "-f", help=f"input format: {', '.join(FORMAT_NAMES)} or a media type (default: from the file name)")] = None,
    report: Annotated[ReportFormat, typer.Option("--report", "-r", help="report format")] = ReportFormat.text,
    lang: Annotated[str, typer.Option("--lang", help="language of messages and fix hints: nl or en")] = "nl",
    server: Annotated[str | None, typer.Option("--server", envvar="EDUVOC_SERVER", help="validate on this running registry instead of locally")] = None,
    store: StoreOption = None,
) -> None:
    """Validate metadata documents against a profile; exit 0 all conform, 1 violations, 2 could not validate (the worst of all files)."""
    if lang not in ("nl", "en"):
        _give_up(f"--lang must be nl or en, not {lang!r}")
    documents = list(_documents(files))
    if not documents:
        _give_up("no documents to validate (a directory holds none with a known extension)")
    outcomes: list[Outcome] = []
    if server:
        for name in documents:
            outcomes.append(_guarded(name, lambda name=name: _remote(server, *_read(name, format), profile, version, report, lang)))
    else:
        with _value_lists(store) as lists:
            for name in documents:
                outcomes.append(_guarded(name, lambda name=name: _local(lists, *_read(name, format), profile, version, report, lang)))
    _print(outcomes, report)
    raise typer.Exit(max(outcome.code for outcome in outcomes))


def _documents(arguments: list[str]) -> Iterator[str]:
    """The documents named: files as given, `-` once, directories walked (sorted, known extensions)."""
    for argument in arguments:
        path = Path(argument)
        if argument != STDIN and path.is_dir():
            yield from (str(p) for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
        else:
            yield argument


def _read(name: str, format: str | None) -> tuple[bytes, str]:
    from registry.metadata.parsing import media_type_of_file

    try:
        data = sys.stdin.buffer.read() if name == STDIN else Path(name).read_bytes()
        if format:
            media_type = FORMAT_NAMES.get(format.lower(), format.lower())
        else:
            media_type = "text/turtle" if name == STDIN else media_type_of_file(Path(name))
    except OSError as error:
        raise CouldNotValidate(f"cannot read {name}: {error.strerror or error}") from None
    except EduvocError as error:
        raise CouldNotValidate(error.message) from None
    return data, media_type


def _guarded(name: str, work) -> Outcome:
    try:
        code, body = work()
    except CouldNotValidate as error:
        return Outcome(name, COULD_NOT_VALIDATE, error=str(error))
    except EduvocError as error:
        location = getattr(error, "location", None)
        return Outcome(name, COULD_NOT_VALIDATE, error=error.message + (f" (at {location})" if location else ""))
    return Outcome(name, code, body)


def _local(lists: ValueLists, data: bytes, media_type: str, profile: str, version: str | None, report: ReportFormat,
           lang: str) -> tuple[int, str]:
    from registry.metadata.service import validate_with

    validation = validate_with(lists, data, media_type, profile, version)
    return (CONFORMS if validation.conforms else VIOLATIONS), _render(validation, report, lang)


def _print(outcomes: list[Outcome], report: ReportFormat) -> None:
    """One document: its report as before. Several: each report under its file name (text,
    turtle), one JSON array, or one CSV with a leading file column; errors on standard error."""
    several = len(outcomes) > 1
    for outcome in outcomes:
        if outcome.error:
            console.print(f"[bold red]error:[/] {outcome.name + ': ' if several else ''}{outcome.error}", highlight=False)
    reported = [outcome for outcome in outcomes if not outcome.error]
    if not several:
        for outcome in reported:
            typer.echo(outcome.body, nl=False)
        return
    if report is ReportFormat.json:
        typer.echo(json.dumps([{"file": o.name, **json.loads(o.body)} for o in reported], indent=2, ensure_ascii=False))
    elif report is ReportFormat.csv:
        typer.echo(_csv_with_file_column(reported), nl=False)
    else:
        marker = "#" if report is ReportFormat.turtle else "=="
        for outcome in reported:
            typer.echo(f"{marker} {outcome.name}\n{outcome.body}", nl=False)
    worst = max(outcome.code for outcome in outcomes)
    counts = [sum(o.code == code for o in outcomes) for code in (CONFORMS, VIOLATIONS, COULD_NOT_VALIDATE)]
    console.print(f"{len(outcomes)} documents: {counts[0]} conform, {counts[1]} with violations, {counts[2]} not validated "
                  f"(exit {worst})", highlight=False)


def _csv_with_file_column(outcomes: list[Outcome]) -> str:
    output = io.StringIO()
    writer = None
    for outcome in outcomes:
        for row in csv.DictReader(io.StringIO(outcome.body)):
            if writer is None:
                writer = csv.DictWriter(output, fieldnames=["file", *row], lineterminator="\n")
                writer.writeheader()
            writer.writerow({"file": outcome.name, **row})
    return output.getvalue()


@contextmanager
def _value_lists(store: str | None) -> Iterator[ValueLists]:
    """The value lists to check against, read only: the configured store when it exists and holds
    vocabularies, else the snapshot of the bundled ones (built once, cached)."""
    from registry.metadata.snapshot import bundled_snapshot

    settings = settings_for(store)
    location = Path(settings.store)
    if not settings.in_memory and location.is_dir() and any(location.iterdir()):
        from registry.catalogue import Catalogue
        from registry.metadata.value_sources import RegistryValueLists
        from registry.oxigraph_store import OxigraphStore

        try:
            opened = OxigraphStore.read_only(location)
        except OSError as error:
            _give_up(f"cannot open the store at {location}: {error}")
        catalogue = Catalogue(opened)
        if not catalogue.is_empty():
            yield RegistryValueLists(opened, catalogue)
            return
    yield bundled_snapshot(settings.vocabularies_dir, settings.ontology_dir, on_build=lambda path: console.print(
        f"[dim]no vocabularies in the store: building the snapshot of the bundled value lists once ({path})[/]", highlight=False))


def _render(validation: MetadataValidation, report: ReportFormat, lang: str) -> str:
    from registry.metadata import report as metadata_report
    from registry.validation import to_turtle

    if report is ReportFormat.json:
        return json.dumps(metadata_report.to_json(validation, lang), indent=2, ensure_ascii=False) + "\n"
    if report is ReportFormat.csv:
        return metadata_report.to_csv(validation, lang)
    if report is ReportFormat.turtle:
        return to_turtle(validation.report)
    return metadata_report.to_text(validation, lang)


def _remote(server: str, data: bytes, media_type: str, profile: str, version: str | None, report: ReportFormat,
            lang: str) -> tuple[int, str]:
    """POST /validate on `server`; the exit code from the report's violations, and the report."""
    import httpx

    from registry.metadata import report as metadata_report

    params = {"profile": profile, **({"version": version} if version else {})}
    headers = {"Content-Type": media_type, "Accept": ACCEPT[report], "Accept-Language": lang}
    try:
        response = httpx.post(server.rstrip("/") + "/validate", params=params, content=data, headers=headers, timeout=600)
    except httpx.TransportError as error:
        raise CouldNotValidate(f"cannot reach {server}: {error}") from None
    if response.status_code >= 400:
        try:
            problem = response.json()
            message = (problem.get("detail") or problem.get("title") or "") + (f" (at {problem['location']})" if problem.get("location") else "")
        except ValueError:
            message = response.text[:500]
        raise CouldNotValidate(f"{response.status_code}: {message}")
    if report is ReportFormat.text:
        answer = response.json()
        return (CONFORMS if answer["conforms"] else VIOLATIONS), metadata_report.text_of(answer)
    return (VIOLATIONS if _has_violations(response.text, report) else CONFORMS), response.text


def _has_violations(body: str, report: ReportFormat) -> bool:
    if report is ReportFormat.json:
        return not json.loads(body)["conforms"]
    if report is ReportFormat.csv:
        return any(row["severity"] == "Violation" for row in csv.DictReader(io.StringIO(body)))
    import pyoxigraph

    triples = pyoxigraph.parse(body.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)
    return any(t.object.value == SH_VIOLATION for t in triples if t.predicate.value.endswith("#resultSeverity"))


def _give_up(message: str) -> None:
    console.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(COULD_NOT_VALIDATE)

