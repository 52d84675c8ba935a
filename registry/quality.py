"""Quality checks before publication (issue #4): a vocabulary graph against eduvoc's vocabulary profile.

The profile is `shapes/vocabulary-profile.ttl` (NL-SBB plus the qSKOS issues that matter for value
lists); every check has a stable id, a severity, and a message and fix hint in Dutch and English.
Only sh:Violation findings block publication (`ValidationReport.blocks_publication`); warnings
and info are shown to the editor.
"""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import NamedNode

from registry.config import PROJECT_ROOT
from registry.store import Store
from registry.validation import Shapes, ValidationReport, load_shapes, validate

VOCABULARY_PROFILE = PROJECT_ROOT / "shapes" / "vocabulary-profile.ttl"


def vocabulary_profile(path: Path = VOCABULARY_PROFILE) -> Shapes:
    """The compiled vocabulary profile (parsed and compiled once per file version)."""
    return load_shapes(path)


def check_vocabulary(store: Store, graph: NamedNode, profile: Shapes | None = None) -> ValidationReport:
    """Check the vocabulary held in named graph `graph` against the vocabulary profile."""
    return validate(store, [graph], profile or vocabulary_profile())
