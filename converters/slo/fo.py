"""curriculum-fo -> `slo-fo-kerndoelen`: the new (concept) kerndoelen for funderend onderwijs.

Shape, following the source tree: kerndoelenset (top) -> domein -> kernzin -> doelzin, all
concepts with SLO's UUIDs. The kernzin ("Kerndoel 18" + one sentence) is the kerndoel; its
doelzinnen (soort=kerndoel) spell it out. Because the number is only unique inside one set and
one school type (a set holds a po/so and a vo/vso version of most kerndoelen, partly with the
same number), it is not used as skos:notation: the sentence is the prefLabel and the source's
title ("Kerndoel 18", "Doelzin 18A") an altLabel.

Status: everything here is "concept" / "definitief concept", i.e. not yet in force. Every concept
gets `adms:status <http://purl.org/adms/status/UnderDevelopment>` (a concept of the bundled
`adms-status` vocabulary); records that carry a status also get it verbatim as skos:editorialNote.
The 113 examenprogramma sets are left out (a different kind of list; see README).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from rdflib import SKOS, Graph, URIRef

from converters.slo.basis import niveau_ids, vakleergebied_ids
from converters.slo.scheme_builder import EDUCATION_LEVEL, SUBJECT_AREA, SchemeBuilder, slo_iri
from converters.slo.sources import FO, LICENSE, PUBLISHER, Record, label_text, note_text
from converters.vocabulary_file import ADMS, SchemeInfo

UNDER_DEVELOPMENT = URIRef("http://purl.org/adms/status/UnderDevelopment")
#: settype -> (collection key, Dutch label); other settypes (examenprogramma) are left out
KERNDOEL_SETTYPES: dict[str, tuple[str, str]] = {
    "kerndoelenset": ("kerndoelensets", "Kerndoelensets"),
    "functionele kerndoelenset": ("functionele-kerndoelensets", "Functionele kerndoelensets"),
}
CHARACTERISTICS = ("karakteristiek", "karakteristiek2", "karakteristiek3", "karakteristiek4")


class _FoTree:
    """The FO data files indexed by UUID, with the walk from a set down to its doelzinnen."""

    def __init__(self, sources: Path) -> None:
        self.sets = FO.records(sources, "data/sets.json")
        self.domeinen = {r["id"].lower(): r for r in FO.records(sources, "data/domeinen.json")}
        self.kernzinnen = {r["id"].lower(): r for r in FO.records(sources, "data/kernzinnen.json")}
        self.doelzinnen = {r["id"].lower(): r for r in FO.records(sources, "data/doelzinnen.json")}

    def kerndoel_sets(self) -> list[Record]:
        return [record for record in self.sets if record["settype"] in KERNDOEL_SETTYPES]


def build(sources: Path) -> tuple[SchemeInfo, Graph]:
    """The FO kerndoelen scheme; see the module docstring for the shape."""
    tree = _FoTree(sources)
    builder = SchemeBuilder(
        SchemeInfo(
            slug="slo-fo-kerndoelen",
            title_nl="SLO-kerndoelen funderend onderwijs (concept)",
            title_en="SLO core objectives for foundational education (draft)",
            description_nl=(
                "De nieuwe kerndoelen voor het funderend onderwijs (po/so en vo/vso) uit SLO's curriculum-fo: "
                "kerndoelensets en functionele kerndoelensets met domeinen, kerndoelen (kernzinnen) en doelzinnen. "
                "Status concept / definitief concept: nog niet wettelijk vastgesteld."
            ),
            description_en=(
                "The new core objectives for foundational education (primary/special and secondary/special) from "
                "SLO's curriculum-fo: core-objective sets and functional core-objective sets with domains, core "
                "objectives (kernzinnen) and goal sentences (doelzinnen). Draft status: not yet in force."
            ),
            publisher=PUBLISHER,
            license=LICENSE,
            source=FO.tree_url,
            version=FO.version,
        ),
        FO,
    )
    builder.graph.add((builder.scheme, ADMS.status, UNDER_DEVELOPMENT))
    levels, subjects = niveau_ids(sources), vakleergebied_ids(sources)
    by_settype: dict[str, list[URIRef]] = defaultdict(list)
    kernzinnen: list[URIRef] = []
    doelzinnen: list[URIRef] = []
    for record in tree.kerndoel_sets():
        set_iri = _add(builder, record, label_text(record["title"]), top=True)
        by_settype[record["settype"]].append(set_iri)
        for key in CHARACTERISTICS:
            builder.text(set_iri, SKOS.scopeNote, note_text(record.get(key)))
        for uuid in record.get("vakleergebied_id", []):
            builder.link(set_iri, SUBJECT_AREA, uuid, subjects, "set vakleergebied_id not in slo-vakleergebieden")
        for uuid in record.get("niveau_id", []):
            builder.link(set_iri, EDUCATION_LEVEL, uuid, levels, "set niveau_id not in slo-niveaus")
        for domein in _children(builder, record, "fo_domein_id", tree.domeinen):
            domein_iri = _add(builder, domein, label_text(domein["title"]), parent=set_iri)
            for kernzin in _children(builder, domein, "fo_kernzin_id", tree.kernzinnen):
                kernzin_iri = _add(builder, kernzin, label_text(kernzin["description"]), parent=domein_iri)
                kernzinnen.append(kernzin_iri)
                for doelzin in _children(builder, kernzin, "fo_doelzin_id", tree.doelzinnen):
                    doelzinnen.append(_add(builder, doelzin, label_text(doelzin["description"]), parent=kernzin_iri))
            if domein.get("fo_subdomein_id") or domein.get("fo_doelzin_id"):
                raise ValueError(f"{domein['id']}: kerndoel domein with subdomeinen/doelzinnen, shape not supported")
    for settype, members in by_settype.items():
        key, label = KERNDOEL_SETTYPES[settype]
        builder.collection(key, label, members)
    builder.collection("kerndoelen", "Kerndoelen (kernzinnen)", kernzinnen)
    builder.collection("doelzinnen", "Doelzinnen", doelzinnen)
    builder.note(
        "Hierarchy set -> domein -> kernzin (the kerndoel) -> doelzin. Kerndoel numbers are not unique (po/so and "
        "vo/vso versions, per set), so there is no skos:notation: the source title ('Kerndoel 18', 'Doelzin 18A') "
        "is an altLabel. uitwerkingen/illustraties (with the niveau_id that would tell po from vo) are not in the "
        "pinned copy. Status: adms:status UnderDevelopment on every concept, source status as skos:editorialNote."
    )
    return builder.finish()


def _add(
    builder: SchemeBuilder, record: Record, label: str, *, top: bool = False, parent: URIRef | None = None
) -> URIRef:
    """One FO entity as concept: status, title as altLabel when it is not the label, no invented notation.

    An entity that two parents list (none in release 2026.52) is defined once and gets both parents.
    """
    if (existing := slo_iri(record["id"])) in builder.concepts:
        if parent is not None:
            builder.narrower(parent, existing)
        return existing
    title = label_text(record["title"])
    definition = note_text(record.get("description")) if label == title else ""
    iri = builder.concept(record["id"], label or title, top=top, definition=definition if definition != title else None)
    if label and title != label:
        builder.text(iri, SKOS.altLabel, title)
    if parent is not None:
        builder.narrower(parent, iri)
    builder.graph.add((iri, ADMS.status, UNDER_DEVELOPMENT))
    if status := label_text(record.get("status")):
        builder.text(iri, SKOS.editorialNote, f"Status in de bron: {status}")
    builder.drop(
        "'replaces' (predecessors are in curriculum-fo deprecated.json, not bundled)", len(record.get("replaces", []))
    )
    return iri


def _children(builder: SchemeBuilder, record: Record, key: str, index: dict[str, Record]) -> list[Record]:
    """The records a `*_id` list points to; unknown UUIDs are counted and skipped."""
    found = []
    for uuid in record.get(key, []):
        if child := index.get(uuid.lower()):
            found.append(child)
        else:
            builder.drop(f"{key} not in the corresponding data file")
    return found

