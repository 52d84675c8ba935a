"""Clients for the page tests: the session's bundled registry, and a registry holding one real
vocabulary file with a hostile label and title."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from registry.bundle import load_files
from registry.catalogue import Catalogue
from registry.config import Settings
from registry.oxigraph_store import OxigraphStore
from tests.conftest import VOCABULARIES_DIR

HOSTILE = '<script>alert("x")</script> & <b>bold</b>'
HOSTILE_CONCEPT = "https://w3id.org/eduvoc/vocab/werkvormen/begeleidingsgesprek"


@pytest.fixture(scope="session")
def client(bundled_registry, test_settings: Settings) -> Iterator[TestClient]:
    """An in-process client over every bundled vocabulary (read-only tests)."""
    store, _ = bundled_registry
    with TestClient(create_app(test_settings, store=store)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def hostile_client(tmp_path_factory: pytest.TempPathFactory, test_settings: Settings) -> Iterator[TestClient]:
    """The real werkvormen file with markup in one concept's Dutch label and in the list's title."""
    text = (VOCABULARIES_DIR / "werkvormen.ttl").read_text(encoding="utf-8")
    escaped = HOSTILE.replace('"', '\\"')
    assert '"Begeleidingsgesprek"@nl' in text
    text = text.replace('"Begeleidingsgesprek"@nl', f'"{escaped} Begeleidingsgesprek"@nl')
    title = '(werkvormen)"@en,\n        "Werkvormen"@nl'
    assert title in text
    text = text.replace(title, title.replace('"Werkvormen"', f'"{escaped} Werkvormen"'))
    path: Path = tmp_path_factory.mktemp("hostile") / "werkvormen.ttl"
    path.write_text(text, encoding="utf-8")
    store = OxigraphStore()
    load_files(store, Catalogue(store), [("werkvormen", path)])
    with TestClient(create_app(test_settings, store=store)) as test_client:
        yield test_client


# --- accessibility: axe-core in the browser tests ------------------------------------------------

#: the widths every page is checked at: a desktop and a phone (iPhone 12-15: 390 x 844)
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SERIOUS = ("serious", "critical")


@pytest.fixture(scope="session")
def axe_check():
    """Check the page a Playwright `page` shows with axe-core; fail on any serious or critical
    violation, naming each rule, its help text and the first offending elements.

    axe-core comes with the `axe-playwright-python` package (the test extra); nothing is fetched.
    Use it in any browser test after the page has loaded::

        def test_my_page(page, base_url, axe_check):
            page.goto(base_url + "/my-page")
            axe_check(page, "my page nl 390")  # the label names the case in the failure message

    Also fails when the page scrolls sideways (content wider than the viewport): at 390 px wide
    tables belong in a `.table-scroll` container. Pass `allow_scroll=True` to skip that check.
    Script evaluation by Playwright is not subject to the page's Content-Security-Policy.
    """
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        pytest.fail("axe-playwright-python is missing: `.venv/bin/pip install -e '.[test]'`", pytrace=False)
    axe = Axe()

    def check(page, label: str = "", allow_scroll: bool = False) -> None:
        results = axe.run(page)
        serious = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
        report = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in serious
        )
        assert not serious, f"{label or page.url}: serious accessibility violations\n{report}"
        if not allow_scroll:
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 1, f"{label or page.url}: the page scrolls sideways by {overflow} px"

    return check
