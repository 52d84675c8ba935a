"""curriculum-basis -> `slo-niveaus`, `slo-vakleergebieden` and `slo-doelen`.

All three are flat lists in the source (the links between them live in doelniveaus.json, which is
not in the pinned copy), so every concept is a top concept; groupings become skos:Collections.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from rdflib import SKOS, Graph, Literal

from converters.slo.scheme_builder import EDUCATION_LEVEL, SchemeBuilder, known_ids
from converters.slo.sources import BASIS, LICENSE, PUBLISHER, Record, label_text, note_text
from converters.vocabulary_file import SchemeInfo

NIVEAUS_FILE = "data/niveaus.json"
VAKLEERGEBIEDEN_FILE = "data/vakleergebieden.json"
DOELEN_FILE = "data/doelen.json"
ALIAS_FILE = "data/alias.json"

#: niveau `type` -> (collection key, Dutch label); niveaus without a type are in no collection
NIVEAU_TYPES: dict[str, tuple[str, str]] = {
    "Sector": ("sector", "Sectoren"),
    "Opleiding": ("opleiding", "Opleidingen"),
    "Fase": ("fase", "Fasen"),
    "Leerjaar": ("leerjaar", "Leerjaren"),
    "Referentieniveau": ("referentieniveau", "Referentieniveaus taal en rekenen"),
    "Beheersingsniveau": ("beheersingsniveau", "Beheersingsniveaus moderne vreemde talen (ERK)"),
}

#: normalised doel `bron` -> (collection key, Dutch label); the source mixes casing ("einddoel")
DOEL_BRONNEN: dict[str, tuple[str, str]] = {
    "einddoel": ("einddoel", "Einddoelen"),
    "tussendoel": ("tussendoel", "Tussendoelen"),
    "aanbodsdoel": ("aanbodsdoel", "Aanbodsdoelen"),
    "algemeen doel": ("algemeen-doel", "Algemene doelen"),
}


def niveau_ids(sources: Path) -> frozenset[str]:
    """The UUIDs that `slo-niveaus` defines (targets of eduvoc:educationLevel)."""
    return known_ids(BASIS.records(sources, NIVEAUS_FILE))


def vakleergebied_ids(sources: Path) -> frozenset[str]:
    """The UUIDs that `slo-vakleergebieden` defines (targets of eduvoc:subjectArea)."""
    return known_ids(BASIS.records(sources, VAKLEERGEBIEDEN_FILE))


def build_niveaus(sources: Path) -> tuple[SchemeInfo, Graph]:
    """105 niveaus; notation = the short title, since the numeric `prefix` is not unique."""
    records = BASIS.records(sources, NIVEAUS_FILE)
    builder = SchemeBuilder(
        SchemeInfo(
            slug="slo-niveaus",
            title_nl="SLO-niveaus",
            title_en="SLO education levels",
            description_nl=(
                "Onderwijsniveaus uit de SLO-curriculumdatabase (curriculum-basis): sectoren, opleidingen, "
                "fasen, leerjaren, referentieniveaus taal/rekenen en ERK-niveaus. Dezelfde UUID's als het "
                "Edustandaard-begrippenkader (OBK)."
            ),
            description_en=(
                "Education levels from the SLO curriculum database (curriculum-basis): sectors, programmes, "
                "phases, school years, Dutch reference levels for language/arithmetic and CEFR levels. Same "
                "UUIDs as the Edustandaard concept framework (OBK)."
            ),
            publisher=PUBLISHER,
            license=LICENSE,
            source=BASIS.file_url(NIVEAUS_FILE),
            version=BASIS.version,
        ),
        BASIS,
    )
    by_type: dict[str, list] = defaultdict(list)
    for record in records:
        short = label_text(record["title"])
        iri = builder.concept(record["id"], label_text(record.get("description")) or short, top=True, notation=short)
        builder.text(iri, SKOS.altLabel, short)
        if prefix := label_text(record.get("prefix")):
            builder.graph.add((iri, SKOS.note, Literal(f"SLO-prefix {prefix}")))
        if kind := label_text(record.get("type")):
            by_type[kind].append(iri)
    for kind, members in by_type.items():
        key, label = NIVEAU_TYPES[kind]
        builder.collection(key, label, members)
    builder.note(
        "skos:notation is SLO's short title (unique); SLO's numeric 'prefix' is not unique (1001 = groep 1 "
        "and 1F) and is kept only as a skos:note 'SLO-prefix <code>'. Niveaus without a 'type' are in no collection."
    )
    return builder.finish()


def build_vakleergebieden(sources: Path) -> tuple[SchemeInfo, Graph]:
    """95 vakleergebieden with their `prefix` as notation (where unique) and links to niveaus."""
    records = BASIS.records(sources, VAKLEERGEBIEDEN_FILE)
    levels = niveau_ids(sources)
    builder = SchemeBuilder(
        SchemeInfo(
            slug="slo-vakleergebieden",
            title_nl="SLO-vakleergebieden",
            title_en="SLO subject areas",
            description_nl=(
                "Vakken en leergebieden uit de SLO-curriculumdatabase (curriculum-basis), met hun afkorting "
                "als notatie en de niveaus waarvoor ze gelden."
            ),
            description_en=(
                "Subjects and learning areas from the SLO curriculum database (curriculum-basis), with their "
                "abbreviation as notation and the levels they apply to."
            ),
            publisher=PUBLISHER,
            license=LICENSE,
            source=BASIS.file_url(VAKLEERGEBIEDEN_FILE),
            version=BASIS.version,
        ),
        BASIS,
    )
    prefix_use = Counter(label_text(record.get("prefix")) for record in records)
    for record in records:
        title = label_text(record["title"])
        prefix = label_text(record.get("prefix"))
        unique = bool(prefix) and prefix_use[prefix] == 1
        description = note_text(record.get("description"))
        iri = builder.concept(
            record["id"],
            title,
            top=True,
            notation=prefix if unique else None,
            definition=description if description and label_text(description) != title else None,
        )
        if prefix and not unique:
            builder.text(iri, SKOS.editorialNote, f"SLO-prefix '{prefix}' is niet uniek; daarom geen skos:notation.")
        for niveau in record.get("niveau_id", []):
            builder.link(iri, EDUCATION_LEVEL, niveau, levels, "vakleergebied niveau_id not in slo-niveaus")
        builder.drop(
            "vakleergebied 'replaces' (the predecessors are in curriculum-basis deprecated.json, not bundled)",
            len(record.get("replaces", [])),
        )
        if record.get("dirty"):
            builder.text(iri, SKOS.editorialNote, "In de bron gemarkeerd als 'dirty'.")
    return builder.finish()


def bron_key(bron: object) -> str | None:
    """'Einddoel', 'einddoel ' -> 'einddoel'; None when the doel has no bron."""
    text = label_text(bron).lower()
    return text or None


def build_doelen(sources: Path) -> tuple[SchemeInfo, Graph]:
    """17,113 fine-grained doelen, one collection per normalised `bron`."""
    records = BASIS.records(sources, DOELEN_FILE)
    builder = SchemeBuilder(
        SchemeInfo(
            slug="slo-doelen",
            title_nl="SLO-doelen",
            title_en="SLO learning goals",
            description_nl=(
                "Fijnmazige leerdoelen (eind-, tussen- en aanbodsdoelen) uit de SLO-curriculumdatabase "
                "(curriculum-basis), één begrip per doel, gegroepeerd naar bron."
            ),
            description_en=(
                "Fine-grained learning goals (end, intermediate and offer goals) from the SLO curriculum database "
                "(curriculum-basis), one concept per goal, grouped by 'bron'."
            ),
            publisher=PUBLISHER,
            license=LICENSE,
            source=BASIS.file_url(DOELEN_FILE),
            version=BASIS.version,
        ),
        BASIS,
    )
    aliases = BASIS.records(sources, ALIAS_FILE)
    alternatives = alias_labels(aliases, known_ids(records))
    by_bron: dict[str, list] = defaultdict(list)
    for record in records:
        title = label_text(record["title"])
        iri = builder.concept(record["id"], title, top=True, notation=label_text(record.get("aanbodid")) or None)
        builder.text(iri, SKOS.scopeNote, note_text(record.get("description")))
        for alternative in sorted(alternatives.get(record["id"].lower(), set()) - {title}):
            builder.text(iri, SKOS.altLabel, alternative)
        if key := bron_key(record.get("bron")):
            by_bron[key].append(iri)
    for key, members in by_bron.items():
        collection_key, label = DOEL_BRONNEN[key]
        builder.collection(collection_key, label, members)
    builder.drop(
        "alias.json records whose doel_id is not a doel in doelen.json (no altLabel possible)",
        unresolved_aliases(aliases, known_ids(records)),
    )
    codes = Counter(code for record in records if (code := label_text(record.get("aanbodid"))))
    shared = sum(1 for count in codes.values() if count > 1)
    builder.note(
        f"skos:notation is the 'aanbodid' where the source has one; {shared} codes occur on more than one doel "
        "(duplicate doelen with identical text in the source). The 'bron' casing is normalised into collections; "
        "doelen without a bron are in none."
    )
    return builder.finish()


def unresolved_aliases(aliases: list[Record], doelen: frozenset[str]) -> int:
    """Aliases are alternative titles of a doel; count those whose doel is not in this dataset."""
    return sum(1 for alias in aliases if str(alias["doel_id"]).lower() not in doelen)


def alias_labels(aliases: list[Record], doelen: frozenset[str]) -> dict[str, set[str]]:
    """doel UUID -> alternative titles, for the aliases that do resolve (none in basis 2025.1)."""
    labels: dict[str, set[str]] = defaultdict(set)
    for alias in aliases:
        uuid = str(alias["doel_id"]).lower()
        if uuid in doelen:
            labels[uuid].add(label_text(alias["title"]))
    return labels

