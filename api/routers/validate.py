"""Validate-only service: `POST /validate` checks metadata against a profile and stores nothing.

The body is Turtle, JSON-LD, RDF/XML, N-Triples, plain JSON (with the profile's published JSON-LD
context) or NL-LOM XML, by Content-Type; the report is JSON, SHACL Turtle, CSV or an HTML page, by
Accept; messages are Dutch or English by `?lang=` / Accept-Language. `GET /validate` is the page
to paste or upload; `GET /api/profiles` lists the profiles; `/contexts/{name}` serves the contexts.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.datastructures import UploadFile

from api.deps import CatalogueDep, SettingsDep, StoreDep
from api.negotiation import negotiate
from api.problems import STATUS_TABLE
from api.routers.pages import render, request_language
from api.uploads import read_body
from registry.errors import EduvocError, InvalidInput, NotFound
from registry.metadata import report as metadata_report
from registry.metadata.examples import EXAMPLES, example_file
from registry.metadata.parsing import (
    ACCEPTED_MEDIA_TYPES,
    media_type_of,
    media_type_of_file,
    sniff_media_type,
)
from registry.metadata.profiles import CONTEXTS_DIR, Profile
from registry.metadata.service import MetadataValidation, profiles, validate_metadata
from registry.validation import to_turtle

router = APIRouter(tags=["validation"])

REPORT_TYPES = ["application/json", "text/turtle", "text/csv", "text/html"]
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
ProfileParam = Annotated[str, Query(description="metadata profile: dataset, dcat-ap-nl, dcat-ap, learning-activity, learning-resource")]
VersionParam = Annotated[str | None, Query(description="profile version (default: the newest)")]


def profile_json(profile: Profile, language: str = "en") -> dict[str, Any]:
    return {
        "name": profile.name,
        "version": profile.version,
        "title": profile.title,
        "description": profile.description,
        "shapes": [str(path.name) for path in profile.shape_files],
        "context": profile.context_url_path,
        "credits": list(profile.credits),
        "acceptedMediaTypes": list(ACCEPTED_MEDIA_TYPES),
    }


@router.get("/api/profiles", summary="The metadata profiles and their versions")
def list_profiles() -> list[dict[str, Any]]:
    return [profile_json(p) for p in profiles()]


@router.get("/contexts/{name}", summary="A published JSON-LD context (for plain JSON records)", response_class=FileResponse)
def context(name: str) -> FileResponse:
    allowed = {p.context.name: p.context for p in profiles() if p.context is not None}
    if name not in allowed:
        raise NotFound(f"no JSON-LD context {name!r}; available: {', '.join(sorted(allowed))}")
    return FileResponse(CONTEXTS_DIR / name, media_type="application/ld+json", headers={"Access-Control-Allow-Origin": "*"})


@router.get("/validate/examples/{file_name}", summary="A valid example description (see docs/validation.md)", response_class=FileResponse)
def example(file_name: str) -> FileResponse:
    found = example_file(file_name)
    return FileResponse(found.path, media_type=found.media_type, filename=found.file_name)


@router.get("/validate", response_class=HTMLResponse, summary="The page to paste or upload metadata for validation")
def validate_page(request: Request, profile: str = "dataset") -> HTMLResponse:
    return _page(request, {"chosen_profile": profile})


@router.post(
    "/validate",
    summary="Validate metadata against a profile (stores nothing)",
    responses={200: {"content": {t: {} for t in REPORT_TYPES}}, 400: {}, 404: {}, 413: {}, 415: {}, 503: {}},
)
async def validate_document(request: Request, store: StoreDep, catalogue: CatalogueDep, settings: SettingsDep,
                            profile: ProfileParam = "dataset", version: VersionParam = None) -> Response:
    content_type = media_type_of(request.headers.get("content-type") or "")
    if content_type in FORM_TYPES:
        return await _validate_form(request, store, catalogue, settings.upload_max_bytes)
    accept = negotiate(request.headers.get("accept"), REPORT_TYPES)
    data = await _read_body(request, settings.upload_max_bytes)
    validation = await run_in_threadpool(validate_metadata, store, catalogue, data, content_type, profile, version)
    return _report(request, validation, accept)


def _report(request: Request, validation: MetadataValidation, media_type: str) -> Response:
    language = request_language(request)
    headers = {"Vary": "Accept, Accept-Language", "Content-Language": language}
    if media_type == "text/turtle":
        return Response(to_turtle(validation.report), media_type="text/turtle; charset=utf-8", headers=headers)
    if media_type == "text/csv":
        return Response(metadata_report.to_csv(validation, language), media_type="text/csv; charset=utf-8", headers=headers)
    if media_type == "text/html":
        return _page(request, _result_context(validation, language))
    return JSONResponse(metadata_report.to_json(validation, language), headers=headers)


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, refusing more than `limit` bytes (413) and an empty body (400)."""
    data = await read_body(request, limit, "the document")
    if not data:
        raise InvalidInput("the request body is empty; send the metadata document", location="body")
    return data


async def _validate_form(request: Request, store, catalogue, limit: int) -> HTMLResponse:
    """The page's form: pasted text or an uploaded file; the answer is the page with the report."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit + 64_000:
        raise HTTPException(413, f"the document is larger than the limit of {limit} bytes")
    form = await request.form(max_part_size=limit)
    profile = str(form.get("profile") or "dataset")
    version = str(form.get("version") or "") or None
    chosen_format = str(form.get("format") or "")
    text = str(form.get("text") or "")
    upload = form.get("file")
    context: dict[str, Any] = {"chosen_profile": profile, "chosen_version": version or "", "chosen_format": chosen_format, "text": text}
    try:
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload.read()
            media_type = chosen_format or media_type_of_file(PurePath(upload.filename))
        else:
            data = text.encode("utf-8")
            media_type = chosen_format or sniff_media_type(data)
            context["sniffed_format"] = None if chosen_format else media_type
        if len(data) > limit:
            raise HTTPException(413, f"the document is larger than the limit of {limit} bytes")
        validation = await run_in_threadpool(validate_metadata, store, catalogue, data, media_type, profile, version)
    except EduvocError as error:
        status = next(code for error_class, code, _, _ in STATUS_TABLE if isinstance(error, error_class))
        location = getattr(error, "location", None)
        context["error"] = error.message + (f" ({location})" if location else "")
        return _page(request, context, status)
    context.update(_result_context(validation, request_language(request)))
    return _page(request, context)


def _result_context(validation: MetadataValidation, language: str) -> dict[str, Any]:
    return {
        "chosen_profile": validation.profile.name,
        "chosen_version": validation.profile.version,
        "result": metadata_report.to_json(validation, language),
    }


def _page(request: Request, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    language = request_language(request)
    known = profiles()
    context = {
        "profiles": known,
        "profile_titles": {p.name: p.label(language) for p in known},
        "formats": [
            ("text/turtle", "Turtle"), ("application/ld+json", "JSON-LD"), ("application/json", "JSON"),
            ("application/rdf+xml", "RDF/XML"), ("application/n-triples", "N-Triples"), ("application/xml", "NL-LOM XML"),
        ],
        "examples": EXAMPLES,
        "format_names": {"text/turtle": "Turtle", "application/ld+json": "JSON-LD", "application/json": "JSON",
                         "application/rdf+xml": "RDF/XML", "application/xml": "NL-LOM XML"},
        "curl_example": next(e for e in EXAMPLES if e.profile == "dataset" and e.language == language),
        "validate_url": str(request.base_url) + "validate?" + urlencode({"profile": "dataset", "lang": language}),
        "chosen_profile": "dataset",
        "chosen_version": "",
        "chosen_format": "",
        "text": "",
        **context,
    }
    return render(request, "validate.html", context, status_code)
