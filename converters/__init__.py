"""Converters that build the bundled vocabularies (`vocabularies/*.ttl`) from `sources/`.

Each converter module exposes `build(sources: Path) -> list[tuple[SchemeInfo, Graph]]`.
`python -m converters` runs them all (or the ones named) and rewrites `vocabularies/`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from converters.vocabulary_file import SchemeInfo

#: converter name -> module (imported on use, so one broken converter does not stop the others)
CONVERTER_MODULES: dict[str, str] = {
    "slo": "converters.slo",
    "esco": "converters.esco",
    "learning-outcomes": "converters.learning_outcomes",
    "xapi": "converters.xapi",
    "ooapi": "converters.ooapi",
    "eu-nal": "converters.eu_nal",
    "werkvormen": "converters.werkvormen",
    "supporting": "converters.supporting_lists",
    "mbo-kwalificaties": "converters.mbo_kwalificaties",
    "edurep": "converters.edurep",
    "lrmi": "converters.lrmi",
}

Built = list[tuple[SchemeInfo, Graph]]


def converter(name: str) -> Callable[[Path], Built]:
    """The `build` function of the named converter."""
    return importlib.import_module(CONVERTER_MODULES[name]).build
