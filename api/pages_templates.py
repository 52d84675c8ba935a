"""The Jinja2 environment for the HTML pages (autoescaping on: every label is escaped)."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates

from api.links import external_link

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.filters["external_link"] = external_link  # the one way an IRI from the data becomes a link
