"""A changelog feed per vocabulary (JSON Feed 1.1, https://www.jsonfeed.org/version/1.1/): one
item per release, with its change note and what changed since the release before."""

from __future__ import annotations

from urllib.parse import quote

from pyoxigraph import NamedNode

from registry.catalogue import Catalogue
from registry.diff import diff_graphs
from registry.store import Store


def changelog_feed(store: Store, catalogue: Catalogue, slug: str, site: str) -> dict:
    """`site` is the public base URL of this registry (for links)."""
    record = catalogue.vocabulary(slug)
    items = []
    previous = None
    for release in record.releases:
        summary = None
        if previous is not None:
            summary = diff_graphs(store, NamedNode(previous.graph), NamedNode(release.graph), previous.version, release.version).summary()
        text = release.change_note or ""
        if summary:
            counts = ", ".join(f"{n} {kind}" for kind, n in summary.items() if n)
            text = f"{text}\n\nSince {previous.version}: {counts or 'no concept changes'}.".strip()
        items.append({
            "id": release.iri,
            "url": f"{site}/vocabularies/{quote(slug)}/releases/{quote(release.version, safe='')}",  # the release's own page
            "title": f"{record.label('en')} {release.version}",
            "content_text": text or f"Release {release.version}",
            "date_published": release.issued.isoformat(),
            "_eduvoc": {"version": release.version, "concepts": release.concept_count, "changes": summary},
        })
        previous = release
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{record.label('en')} — releases",
        "home_page_url": f"{site}/vocabularies/{quote(slug)}",
        "feed_url": f"{site}/api/vocabularies/{quote(slug)}/feed",
        "items": list(reversed(items)),
    }
