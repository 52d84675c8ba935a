"""SLO curriculum data -> five SKOS vocabularies (all keep SLO's own UUID IRIs).

- `slo-kerndoelen`      the 2006 kerndoelen with their groupings and deprecated versions (curriculum-kerndoelen)
- `slo-doelen`          17,113 fine-grained doelen (curriculum-basis)
- `slo-niveaus`         105 education levels (curriculum-basis)
- `slo-vakleergebieden` 95 subject areas (curriculum-basis)
- `slo-fo-kerndoelen`   the new, not yet enacted FO kerndoelen (curriculum-fo)

Goals link to levels and subject areas with eduvoc:educationLevel / eduvoc:subjectArea; those
targets are concepts of `slo-niveaus` / `slo-vakleergebieden`. Modelling notes per vocabulary are
in the submodules and in vocabularies/README.d/slo.md.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from converters.slo import basis, fo, kerndoelen
from converters.vocabulary_file import SchemeInfo


def build(sources: Path) -> list[tuple[SchemeInfo, Graph]]:
    """All SLO vocabularies, built from `sources/slo-curriculum-*`."""
    return [
        kerndoelen.build(sources),
        basis.build_doelen(sources),
        basis.build_niveaus(sources),
        basis.build_vakleergebieden(sources),
        fo.build(sources),
    ]
