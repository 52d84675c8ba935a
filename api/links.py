"""Links to IRIs from the data (licences, sources, mapping targets): only http(s) IRIs become
links. Anything else (`javascript:`, `data:`, `urn:` ...) is shown as text, so a hostile IRI in a
vocabulary can never run script when clicked. Every template renders external IRIs through
`external_link` (registered as a filter in api/pages_templates.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

from markupsafe import Markup, escape

WEB_SCHEMES = frozenset({"http", "https"})


def is_web_iri(value: object) -> bool:
    """Whether `value` is an absolute http(s) IRI with a host."""
    if not isinstance(value, str) or any(ord(c) < 0x21 for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)


def external_link(iri: object, text: object = None, rel: str = "external", class_: str | None = None, hint: str | None = None) -> Markup:
    """`<a href="iri">text</a>` for an http(s) IRI, else the text alone (escaped) in `<span>`.
    `hint` is read by screen readers only (e.g. "external link")."""
    shown = escape(iri if text is None else text)
    if not is_web_iri(iri):
        return Markup('<span class="iri-text">{}</span>').format(shown)
    classes = Markup(' class="{}"').format(class_) if class_ else Markup("")
    extra = Markup('<span class="visually-hidden"> {}</span>').format(hint) if hint else Markup("")
    return Markup('<a href="{}" rel="{}"{}>{}{}</a>').format(iri, rel, classes, shown, extra)
