"""The metadata profiles: which shape files make up each profile, per version.

DCAT-AP 3.0.1 and DCAT-AP-NL 3.0 are used as published (the pinned copies in `sources/`, CC BY);
eduvoc's own extensions live in `shapes/`. A profile is identified by name and version; the
newest version is the default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from registry.config import PROJECT_ROOT
from registry.errors import NotFound
from registry.namespaces import DCAT, EDUVOC_DEF

SCHEMA = "https://schema.org/"

SHAPES_DIR = PROJECT_ROOT / "shapes"
CONTEXTS_DIR = PROJECT_ROOT / "contexts"
DCAT_AP = PROJECT_ROOT / "sources" / "dcat-ap-3.0.1" / "releases" / "3.0.1" / "shacl" / "dcat-ap-SHACL.ttl"
DCAT_AP_NL_DIR = PROJECT_ROOT / "sources" / "dcat-ap-nl-3.0" / "shapes"
DCAT_AP_NL = (DCAT_AP_NL_DIR / "dcat-ap-nl-SHACL.ttl", DCAT_AP_NL_DIR / "dcat-ap-nl-SHACL-aanbevolen.ttl")
DCAT_AP_NL_LABELS = DCAT_AP_NL_DIR / "dcat-ap-nl-LBL.ttl"


@dataclass(frozen=True)
class Profile:
    """One version of a metadata profile: its shapes, and the JSON-LD context for plain JSON input."""

    name: str
    version: str
    title: dict[str, str]
    description: dict[str, str]
    shape_files: tuple[Path, ...]
    context: Path | None = None
    record_class: str | None = None  # what one record is; plain JSON records get this type
    label_files: tuple[Path, ...] = field(default=())
    credits: tuple[str, ...] = ()

    def label(self, language: str = "nl") -> str:
        return self.title.get(language) or self.title["en"]

    @property
    def context_url_path(self) -> str | None:
        """Where the API publishes the context (`/contexts/<file>`)."""
        return f"/contexts/{self.context.name}" if self.context is not None else None


_DCAT_AP_CREDIT = "DCAT-AP 3.0.1 SHACL shapes © European Union, SEMIC (CC BY 4.0), https://github.com/SEMICeu/DCAT-AP"
_DCAT_AP_NL_CREDIT = "DCAT-AP-NL 3.0 SHACL shapes © Geonovum (CC BY), https://github.com/Geonovum/DCAT-AP-NL30"

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="dcat-ap",
        version="3.0.1",
        title={"nl": "DCAT-AP 3.0.1 (zoals gepubliceerd)", "en": "DCAT-AP 3.0.1 (as published)"},
        description={
            "nl": "De SHACL-shapes van DCAT-AP 3.0.1 van SEMIC, ongewijzigd.",
            "en": "SEMIC's DCAT-AP 3.0.1 SHACL shapes, unchanged.",
        },
        shape_files=(DCAT_AP,),
        credits=(_DCAT_AP_CREDIT,),
    ),
    Profile(
        name="dcat-ap-nl",
        version="3.0",
        title={"nl": "DCAT-AP-NL 3.0 (zoals gepubliceerd)", "en": "DCAT-AP-NL 3.0 (as published)"},
        description={
            "nl": "DCAT-AP 3.0.1 plus de aanscherpingen en aanbevelingen van DCAT-AP-NL 3.0 (Geonovum), ongewijzigd.",
            "en": "DCAT-AP 3.0.1 plus the tightenings and recommendations of DCAT-AP-NL 3.0 (Geonovum), unchanged.",
        },
        shape_files=(DCAT_AP, *DCAT_AP_NL),
        label_files=(DCAT_AP_NL_LABELS,),
        credits=(_DCAT_AP_CREDIT, _DCAT_AP_NL_CREDIT),
    ),
    Profile(
        name="dataset",
        version="1.0",
        title={"nl": "Onderwijsdataset (DCAT-AP-NL + onderwijs)", "en": "Education dataset (DCAT-AP-NL + education)"},
        description={
            "nl": "DCAT-AP-NL 3.0 plus eduvoc's onderwijsuitbreiding: bronhouder, dataleverancier, doelbinding, "
                  "aggregatieniveau, persoonsgegevens en grondslag, gebruiksvoorwaarden, gebruikte waardenlijsten, "
                  "populatie en eenheid; waarden uit de waardenlijsten van de registry.",
            "en": "DCAT-AP-NL 3.0 plus eduvoc's education extension: source holder, data provider, purposes of use, "
                  "aggregation level, personal data and legal basis, conditions of use, value lists used, population "
                  "and unit of measure; values from the registry's vocabularies.",
        },
        shape_files=(DCAT_AP, *DCAT_AP_NL, SHAPES_DIR / "dataset-education.ttl"),
        record_class=DCAT + "Dataset",
        label_files=(DCAT_AP_NL_LABELS,),
        credits=(_DCAT_AP_CREDIT, _DCAT_AP_NL_CREDIT),
    ),
    Profile(
        name="learning-activity",
        version="1.0",
        title={"nl": "Leeractiviteit (voortgangsgegevens)", "en": "Learning activity (progress data)"},
        description={
            "nl": "Wat leveranciers uitwisselen over oefeningen en resultaten: pseudoniem, leerdoel, werkvorm, "
                  "activiteitstype, status, tijdstip, score, beoordeling, bestede tijd en bronplatform. "
                  "RDF of gewone JSON via de gepubliceerde JSON-LD-context.",
            "en": "What vendors exchange about exercises and results: pseudonym, learning goal, teaching form, "
                  "activity type, completion, timestamp, score, assessment, time spent and source platform. "
                  "RDF, or plain JSON through the published JSON-LD context.",
        },
        shape_files=(SHAPES_DIR / "learning-activity.ttl",),
        context=CONTEXTS_DIR / "learning-activity.jsonld",
        record_class=EDUVOC_DEF + "LearningActivityRecord",
    ),
    Profile(
        name="learning-resource",
        version="1.0",
        title={"nl": "Leermiddel (NL-LOM-classificatie)", "en": "Learning resource (NL-LOM classification)"},
        description={
            "nl": "Metadata van een leermiddel, zoals NL-LOM: titel, en de leerdoelen (SLO-kerndoelen) waaraan het "
                  "bijdraagt; NL-LOM-XML wordt eerst naar RDF omgezet.",
            "en": "Learning-resource metadata as in NL-LOM: title, and the learning goals (SLO kerndoelen) it "
                  "serves; NL-LOM XML is converted to RDF first.",
        },
        shape_files=(SHAPES_DIR / "learning-resource.ttl",),
        record_class=SCHEMA + "LearningResource",
    ),
)


def all_profiles() -> list[Profile]:
    return sorted(PROFILES, key=lambda p: (p.name, _version_key(p.version)))


def profile_named(name: str, version: str | None = None) -> Profile:
    """The profile `name` at `version` (the newest when None); NotFound lists what exists."""
    versions = [p for p in all_profiles() if p.name == name]
    if not versions:
        known = ", ".join(sorted({p.name for p in PROFILES}))
        raise NotFound(f"no metadata profile {name!r}; available profiles: {known}")
    if version is None or version == "latest":
        return versions[-1]
    for profile in versions:
        if profile.version == version:
            return profile
    known = ", ".join(p.version for p in versions)
    raise NotFound(f"profile {name!r} has no version {version!r}; available versions: {known}")


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))
