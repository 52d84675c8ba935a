"""The Jinja2 environment for the HTML pages (autoescaping on: every label is escaped)."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates

from api.links import external_link

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.filters["external_link"] = external_link  # the one way an IRI from the data becomes a link


def _bytecode_cache() -> None:
    """Compiled templates kept between starts (the first page after a start then costs no
    compilation): under $XDG_CACHE_HOME/eduvoc/jinja, never the working directory; keyed by
    Jinja on each template's name and source checksum, so an edited template is compiled anew."""
    import os

    from jinja2 import FileSystemBytecodeCache

    directory = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "eduvoc" / "jinja"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # a read-only home: compile on first use, as without a cache
    templates.env.bytecode_cache = FileSystemBytecodeCache(str(directory))


_bytecode_cache()
