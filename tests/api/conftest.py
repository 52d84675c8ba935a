"""An in-process client over the session's bundled registry (read-only tests)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app


@pytest.fixture(scope="session")
def client(bundled_registry, test_settings):
    store, _ = bundled_registry
    with TestClient(create_app(test_settings, store=store)) as test_client:
        yield test_client
