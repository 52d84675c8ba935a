"""Valid example descriptions per profile, in Dutch and English, for vendors to start from: each
conforms to its profile against the bundled registry (tests/registry/metadata/test_examples.py),
uses the registry's own values, and is downloadable from /validate (docs/validation.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from registry.errors import NotFound

EXAMPLES_DIR = Path(__file__).parent / "example-files"


@dataclass(frozen=True)
class Example:
    profile: str
    language: str  # the language of its comments and texts ("nl", "en")
    file_name: str
    media_type: str

    @property
    def path(self) -> Path:
        return EXAMPLES_DIR / self.file_name


_DATASET = {"nl": "dataset.nl.ttl", "en": "dataset.en.ttl"}
EXAMPLES: tuple[Example, ...] = (
    *(Example(profile, language, name, "text/turtle")
      for profile in ("dataset", "dcat-ap-nl", "dcat-ap") for language, name in _DATASET.items()),
    # a plain JSON record has no language of its own: the same file for both
    *(Example("learning-activity", language, "learning-activity.json", "application/json") for language in ("nl", "en")),
    *(Example("learning-resource", language, f"learning-resource.{language}.ttl", "text/turtle") for language in ("nl", "en")),
)


def examples_of(profile: str) -> list[Example]:
    return [e for e in EXAMPLES if e.profile == profile]


def example_file(file_name: str) -> Example:
    """The example with this file name (only the listed files are served)."""
    for example in EXAMPLES:
        if example.file_name == file_name:
            return example
    raise NotFound(f"no example {file_name!r}; available: {', '.join(sorted({e.file_name for e in EXAMPLES}))}")
