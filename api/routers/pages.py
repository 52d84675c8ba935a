"""HTML pages for people."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import CatalogueDep
from api.pages_templates import templates
from registry.vocabularies import stats

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, catalogue: CatalogueDep) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "home.html", {"vocabularies": catalogue.vocabularies(), "stats": stats(catalogue)}
    )
