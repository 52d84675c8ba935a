"""Editor pages for dataset descriptions: register a new one or a new version (pasted or uploaded;
the dataset's own IRI says which), and withdraw one after confirming. Registration validates
against the 'dataset' profile; a description that does not conform comes back with the text kept
and every finding with its fix hint. Calls `registry.datasets` as /api/datasets does."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.i18n import translate
from api.routers.editor_forms import (
    EditorDep,
    EditorRoute,
    Failure,
    FormState,
    PageError,
    Redo,
    _catalogue,
    _location,
    _render,
    _store,
    _text,
    read_form,
)
from api.routers.pages import request_language
from registry.auth import Principal
from registry.datasets import register_dataset, withdraw_dataset
from registry.datasets.records import read_records
from registry.errors import QualityViolations
from registry.metadata.compiled import compiled_profile
from registry.metadata.parsing import media_type_of_file, sniff_media_type
from registry.metadata.profiles import profile_named
from registry.metadata.report import human_finding
from registry.validation import Severity

router = APIRouter(include_in_schema=False, route_class=EditorRoute)

SEVERITY_ORDER = {Severity.VIOLATION: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _page(request: Request, principal: Principal, forms: dict[str, FormState] | None = None, status: int = 200,
          findings: list[dict[str, Any]] | None = None) -> HTMLResponse:
    records = [r for r in read_records(_store(request)) if principal.is_admin or r.owner == principal.organisation]
    context = {"records": sorted(records, key=lambda r: r.id), "forms": forms or {}, "findings": findings or [],
               "done_id": request.query_params.get("id", "")}
    return _render(request, "editor_datasets.html", context, status)


@router.get("/editor/datasets", response_class=HTMLResponse)
def datasets_page(request: Request, principal: EditorDep) -> HTMLResponse:
    """The organisation's registered datasets (administrators: all), the register form, withdraw buttons."""
    return _page(request, principal)


@router.post("/editor/datasets")
async def register(request: Request, principal: EditorDep) -> Response:
    values: dict[str, str] = {}

    def again(failure: Failure) -> Response:
        return _page(request, principal, {"register": FormState("register", values, failure)}, failure.status)

    request.state.redo = Redo(again, "text")
    limit = request.app.state.settings.upload_max_bytes
    form = await read_form(request, limit)
    values["text"] = _text(form, "text")
    upload = form.get("file")
    if upload is not None and not isinstance(upload, str) and upload.filename:
        data = await upload.read()
        media_type = media_type_of_file(PurePath(upload.filename))
    elif values["text"]:
        data = values["text"].encode("utf-8")
        media_type = sniff_media_type(data)
    else:
        raise PageError(400, "ds_ed_missing", "text")
    language = request_language(request)
    try:
        registration = await run_in_threadpool(register_dataset, _store(request), _catalogue(request), data, media_type, principal)
    except QualityViolations as error:
        findings = sorted(getattr(error.report, "findings", []), key=lambda f: SEVERITY_ORDER.get(f.severity, 3))
        compiled = compiled_profile(profile_named("dataset"))
        rows = []
        for finding in findings:  # as the validation report words them: the expected class, the line to add
            human = human_finding(finding, compiled, language)
            rows.append({"severity": finding.severity.value, "path": human["fieldLabel"] or human["field"] or "",
                         "message": human["message"], "hint": human["fixHint"] or ""})
        violations = sum(1 for f in findings if f.severity is Severity.VIOLATION)
        failure = Failure(422, translate(language, "ed_violations_block", n=violations), None, field="text", violations=violations)
        return _page(request, principal, {"register": FormState("register", values, failure)}, 422, rows)
    done = "registered" if registration.created else "updated"
    return RedirectResponse(_location(request, "/editor/datasets", done=f"dataset-{done}", id=registration.record.id), status_code=303)


@router.post("/editor/datasets/{dataset_id}/withdraw")
async def withdraw(request: Request, dataset_id: str, principal: EditorDep) -> Response:
    values: dict[str, str] = {}
    name = f"withdraw-{dataset_id}"

    def again(failure: Failure) -> Response:
        return _page(request, principal, {name: FormState(name, values, failure)}, failure.status)

    request.state.redo = Redo(again, "confirm")
    form = await read_form(request)
    values["confirm"] = _text(form, "confirm")
    if values["confirm"] != "yes":
        raise PageError(400, "ed_confirm_missing", "confirm")
    await run_in_threadpool(withdraw_dataset, _store(request), _catalogue(request), dataset_id, principal)
    return RedirectResponse(_location(request, "/editor/datasets", done="dataset-withdrawn", id=dataset_id), status_code=303)
