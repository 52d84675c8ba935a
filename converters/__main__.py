"""Rebuild the bundled vocabularies: `python -m converters [name ...]`."""

from __future__ import annotations

import sys

from converters import CONVERTER_MODULES, converter, readme
from converters.vocabulary_file import SOURCES_DIR, write_vocabulary


def main(names: list[str]) -> int:
    unknown = [name for name in names if name not in CONVERTER_MODULES]
    if unknown:
        print(f"unknown converter(s): {', '.join(unknown)}; known: {', '.join(CONVERTER_MODULES)}")
        return 2
    for name in names or list(CONVERTER_MODULES):
        for info, graph in converter(name)(SOURCES_DIR):
            path = write_vocabulary(graph, info.slug)
            print(f"{name}: {info.slug}: {len(graph)} triples -> {path.name}")
    if not names:  # the bundled mapping sets are built from the vocabularies just written
        from converters import mapping_sets

        for path in mapping_sets.write_all():
            print(f"wrote {path}")
    print(f"wrote {readme.write()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
