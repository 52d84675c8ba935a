"""A registry with every bundled vocabulary, and a helper to validate against a profile."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from registry.metadata.service import MetadataValidation, validate_metadata


@pytest.fixture(scope="session")
def check(bundled_registry) -> Callable[..., MetadataValidation]:
    """validate(data, media_type, profile, version=None) against the session's bundled registry."""
    store, catalogue = bundled_registry

    def run(data: bytes | str, media_type: str, profile: str, version: str | None = None) -> MetadataValidation:
        payload = data.encode("utf-8") if isinstance(data, str) else data
        return validate_metadata(store, catalogue, payload, media_type, profile, version)

    return run

