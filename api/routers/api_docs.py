"""/docs (Swagger UI) and /redoc (ReDoc) from assets that ship with the project (api/static/vendor,
see api/static/THIRD-PARTY.md): no CDN, no web fonts, nothing fetched from another host, and no
inline script (the Content-Security-Policy `script-src 'self'` holds): each page loads its bundle
and a small starter script from /static."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from api.security_headers import CONTENT_SECURITY_POLICY

router = APIRouter(include_in_schema=False)

_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>eduvoc API — {title}</title>
  <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
{head}
</head>
<body>
  <div id="{element}" data-openapi="/openapi.json"></div>
{scripts}
</body>
</html>
"""


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui() -> HTMLResponse:
    """The interactive API documentation (Swagger UI)."""
    return HTMLResponse(_PAGE.format(
        title="Swagger UI", element="swagger-ui",
        head='  <link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">',
        scripts='  <script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>\n'
                '  <script src="/static/api-docs.js"></script>',
    ))


#: ReDoc styles its components with styled-components, which injects <style> elements: this page
#: alone allows inline styles (never inline script: `script-src 'self'` stays)
REDOC_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


@router.get("/redoc", response_class=HTMLResponse)
def redoc() -> HTMLResponse:
    """The API reference (ReDoc)."""
    return HTMLResponse(headers={"Content-Security-Policy": REDOC_CONTENT_SECURITY_POLICY}, content=_PAGE.format(
        title="ReDoc", element="redoc", head="",
        scripts='  <script src="/static/vendor/redoc/redoc.standalone.js"></script>\n'
                '  <script src="/static/api-docs.js"></script>',
    ))
