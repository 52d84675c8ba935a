"""Reading an uploaded vocabulary: size cap, and which reader its Content-Type (or, for a file
sent from a form, its name) asks for; and storing it as a draft, for the API and the editor pages."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePath

from fastapi import HTTPException, Request

from registry.auth import Principal
from registry.catalogue import Catalogue
from registry.drafts import DraftReport, upload_draft
from registry.errors import InvalidInput, UnsupportedFormat
from registry.formats import FORMATS, Format, format_for_media_type, format_named
from registry.spreadsheet import import_spreadsheet
from registry.store import Store

SPREADSHEET_TYPES = {
    "text/csv": "csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}


@dataclass(frozen=True)
class Upload:
    data: bytes
    rdf_format: Format | None  # None for a spreadsheet
    spreadsheet: str | None  # "csv" or "xlsx"


async def read_upload(request: Request, limit: int) -> Upload:
    """The request body, refusing more than `limit` bytes (413) and unknown types (415)."""
    media_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    spreadsheet = SPREADSHEET_TYPES.get(media_type)
    rdf_format = format_for_media_type(media_type)
    if media_type == "application/json":
        rdf_format = format_named("jsonld")
    if spreadsheet is None and rdf_format is None:
        known = ", ".join([f"{f}" for f in ("text/turtle", "application/rdf+xml", "application/ld+json", "application/n-triples", *SPREADSHEET_TYPES)])
        raise HTTPException(415, f"cannot read {media_type or 'a body without Content-Type'}; send one of: {known}")
    data = await read_body(request, limit)
    if not data:
        raise HTTPException(400, "the upload is empty")
    return Upload(data, rdf_format, spreadsheet)


async def read_body(request: Request, limit: int, what: str = "the upload") -> bytes:
    """The request body (possibly empty), refusing (413) more than `limit` bytes while it is read,
    or at once when Content-Length says so."""
    too_large = HTTPException(413, f"{what} is larger than the limit of {limit} bytes")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


#: file extension -> spreadsheet kind, and the RDF formats a vocabulary file may be in
SPREADSHEET_EXTENSIONS = {".csv": "csv", ".xlsx": "xlsx"}
RDF_UPLOAD_FORMATS = tuple(f for f in FORMATS if not f.graph_aware)
UPLOAD_EXTENSIONS = tuple(ext for f in RDF_UPLOAD_FORMATS for ext in f.extensions) + tuple(SPREADSHEET_EXTENSIONS)


def upload_of_file(filename: str, media_type: str | None, data: bytes) -> Upload:
    """A file sent from a form: its kind from its extension, else from its declared media type."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in SPREADSHEET_EXTENSIONS:
        return Upload(data, None, SPREADSHEET_EXTENSIONS[suffix])
    for rdf_format in RDF_UPLOAD_FORMATS:
        if suffix in rdf_format.extensions:
            return Upload(data, rdf_format, None)
    media_type = (media_type or "").split(";")[0].strip().lower()
    if media_type in SPREADSHEET_TYPES:
        return Upload(data, None, SPREADSHEET_TYPES[media_type])
    rdf_format = format_for_media_type(media_type)
    if rdf_format is not None and not rdf_format.graph_aware:
        return Upload(data, rdf_format, None)
    raise UnsupportedFormat(
        f"{filename}: cannot tell what kind of file this is; use one of {', '.join(UPLOAD_EXTENSIONS)}", location="file"
    )


def draft_from_upload(
    store: Store, catalogue: Catalogue, slug: str, upload: Upload, principal: Principal | None,
    base: str | None = None, source_name: str | None = None,
) -> DraftReport:
    """Store an upload as the draft of `slug`: a spreadsheet is read into triples first (its own id,
    when it names one, must be `slug`); RDF goes to the store as it is."""
    if upload.spreadsheet:
        sheet = import_spreadsheet(upload.data, upload.spreadsheet, base)
        if sheet.slug and sheet.slug != slug:
            raise InvalidInput(f"the sheet is vocabulary {sheet.slug!r}, not {slug!r}", location="vocabulary!id")
        data, rdf_format = sheet.ntriples(), format_named("ntriples")
        name = source_name or f"{slug}.{upload.spreadsheet}"
    else:
        assert upload.rdf_format is not None
        data, rdf_format = upload.data, upload.rdf_format
        name = source_name or f"{slug}.{rdf_format.extensions[0].lstrip('.')}"
    return upload_draft(store, catalogue, slug, io.BytesIO(data), rdf_format, principal, source_name=name, base_iri=base)
