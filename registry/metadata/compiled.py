"""A profile's shape files compiled once: the SHACL shapes, its value-list rules and field labels.

Cached per profile version and per file version (mtime and size), like `load_shapes`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from registry.metadata.labels import FieldLabels, read_labels
from registry.metadata.profiles import Profile
from registry.metadata.value_lists import ValueListRule, read_rules
from registry.validation import Shapes
from registry.validation.graph import TripleIndex


@dataclass(frozen=True)
class CompiledProfile:
    profile: Profile
    shapes: Shapes
    value_rules: list[ValueListRule]
    labels: FieldLabels
    with_messages: frozenset  # shapes that give their own sh:message (the others get a generic one)


_CACHE: dict[tuple[str, str], tuple[tuple, CompiledProfile]] = {}
_LOCK = threading.Lock()


def compiled_profile(profile: Profile) -> CompiledProfile:
    """The compiled form of `profile`, built on first use and when a shape file changes."""
    key = (profile.name, profile.version)
    stamp = _stamp((*profile.shape_files, *profile.label_files))
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
    triples = [t for path in profile.shape_files for t in TripleIndex.parse(path).triples]
    shapes = Shapes.from_index(TripleIndex(triples))
    compiled = CompiledProfile(
        profile=profile,
        shapes=shapes,
        value_rules=read_rules(profile.shape_files),
        labels=read_labels((*profile.label_files, *profile.shape_files)),
        with_messages=frozenset(node for node, shape in shapes.graph.shapes.items() if shape.info.messages),
    )
    with _LOCK:
        _CACHE[key] = (stamp, compiled)
    return compiled


def _stamp(paths: tuple[Path, ...]) -> tuple:
    stamps = []
    for path in paths:
        stat = path.stat() if path.exists() else None
        stamps.append((str(path), stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0))
    return tuple(stamps)
