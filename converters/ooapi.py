"""Open Education API (OOAPI) v6 enumerations as SKOS value lists: one concept scheme per file.

Source: `sources/ooapi-v6/source/enumerations/*.yaml` — OpenAPI schema fragments whose value list
is `x-ooapi-extensible-enum` (extensible: own values allowed with an `x-` prefix) or, for
filterPresence, a closed `enum`. The codes carry no IRIs, so each becomes
`https://w3id.org/eduvoc/vocab/ooapi-<kebab-name>/<code>` with `skos:notation` = the code, which is
what an OOAPI payload actually contains.

Per-value descriptions live only in the Markdown `description` (bullets `- code: text` or tables
`| code | [label |] text |` with wrapped continuation rows); they are parsed into skos:definition.
English labels are derived from the code (the source's own label column where it has one); Dutch
labels only where a value's description ends in `(Dutch: ...)` — nothing is translated here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import yaml
from rdflib import RDF, SKOS, Graph, Literal, URIRef

from converters.vocabulary_file import Publisher, SchemeInfo, new_scheme_graph

SOURCE_SUBDIR = "ooapi-v6"
ENUMERATIONS = "source/enumerations"
REPOSITORY = "https://github.com/open-education-api/specification"
LICENSE = "http://spdx.org/licenses/EUPL-1.2"
PUBLISHER = Publisher("surf", "SURF / Open Education API (OOAPI)")
EXTENSIBLE_KEY = "x-ooapi-extensible-enum"

#: code tokens written as the source writes them in prose (acronyms, names); others are lower case
TOKEN_SPELLING: dict[str, str] = {
    "bag": "BAG", "coil": "COIL", "de": "DE", "eckid": "ECK iD", "ects": "ECTS", "eqf": "EQF",
    "esi": "ESI", "europass": "Europass", "http": "HTTP", "id": "ID", "isbn": "ISBN", "issn": "ISSN", "kvk": "KvK",
    "md": "Markdown", "nlqf": "NLQF", "nt2": "NT2", "orcid": "ORCID", "sbu": "SBU", "schac": "SCHAC",
    "sp": "SP", "stap": "STAP", "uk": "UK", "uri": "URI", "us": "US", "uuid": "UUID", "4plus": "4+",
}
#: code tokens that form a hyphenated compound with the next token (pre_vocational -> Pre-vocational)
HYPHEN_PREFIXES = frozenset({"pre", "post", "self", "micro"})

_EXTENSIBLE_SENTENCES = re.compile(
    r"This is an \*?extensible enumeration\*?\.|Use the prefix `x-` for custom values\.", re.IGNORECASE
)
_DUTCH_LABEL = re.compile(r"\(Dutch:\s*([^()]+)\)\s*$")
_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


@dataclass(frozen=True)
class ValueText:
    """What the description says about one code: an optional label column and a description."""

    label: str | None
    definition: str | None


@dataclass(frozen=True)
class Enumeration:
    """One enumeration file, parsed."""

    name: str  # file stem, e.g. modeOfDelivery
    file: str  # path inside the upstream repository
    codes: list[str]
    extensible: bool
    intro: str  # the description without its value list
    values: dict[str, ValueText]


def kebab_case(name: str) -> str:
    """modeOfDelivery -> mode-of-delivery, ICERelationType -> ice-relation-type."""
    words = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1-\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", words).lower()


def spaced_words(name: str) -> str:
    """modeOfDelivery -> mode of delivery, ICERelationType -> ICE relation type (for titles)."""
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", name))
    return " ".join(word if word.isupper() else word.lower() for word in words.split())


def plain_text(markdown: str) -> str:
    """Markdown fragment -> one line of plain text (links, emphasis and code marks removed)."""
    def link(match: re.Match[str]) -> str:
        text, url = match.group(1), match.group(2)
        return url if text == url else f"{text} ({url})"

    text = _MARKDOWN_LINK.sub(link, markdown)
    text = re.sub(r"\*\*?|`", "", text)
    return re.sub(r"\s+", " ", text).strip()


def join_wrapped(head: str, tail: str) -> str:
    """Join a wrapped table cell; a word broken after a hyphen ('cross-' + 'institutional') is rejoined."""
    if not head:
        return tail
    if not tail:
        return head
    return head + tail if re.search(r"\w-$", head) else f"{head} {tail}"


def table_cells(line: str) -> list[str]:
    """The cells of one Markdown table row."""
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def parse_description(description: str, codes: list[str]) -> tuple[str, dict[str, ValueText]]:
    """Split the Markdown description into intro text and per-code (label, definition)."""
    known = set(codes)
    intro: list[str] = []
    cells: dict[str, list[str]] = {}  # code -> [label, definition] as collected
    header: list[str] = []
    current: str | None = None
    for line in description.splitlines():
        stripped = line.strip()
        if stripped.startswith("|"):
            row = table_cells(stripped)
            if all(re.fullmatch(r":?-+:?", cell) for cell in row):
                continue  # separator row
            code = row[0].strip("`")
            if code in known:
                current = code
                cells[code] = ["", ""]
            elif row[0] == "" and current is not None:
                pass  # continuation row of the current code
            else:
                header, current = [cell.lower() for cell in row], None
                continue
            label_at = header.index("label") if "label" in header else None
            text_at = header.index("description") if "description" in header else len(row) - 1
            if label_at is not None and label_at < len(row):
                cells[current][0] = join_wrapped(cells[current][0], row[label_at])
            cells[current][1] = join_wrapped(cells[current][1], row[text_at] if text_at < len(row) else "")
            continue
        current = None
        bullet = re.fullmatch(r"-\s+`?([^`:\s]+)`?\s*(?::\s*(.*))?", stripped)
        if bullet and bullet.group(1) in known:
            cells[bullet.group(1)] = ["", bullet.group(2) or ""]
        elif stripped:
            intro.append(stripped)
    values = {
        code: ValueText(plain_text(label) or None, plain_text(text) or None) for code, (label, text) in cells.items()
    }
    return plain_text(_EXTENSIBLE_SENTENCES.sub("", " ".join(intro))), values


def read_enumeration(path: Path) -> Enumeration:
    """Parse one enumeration YAML file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    extensible = EXTENSIBLE_KEY in data
    raw = data[EXTENSIBLE_KEY] if extensible else data["enum"]
    codes = [str(code).strip() for code in raw]
    if len(set(codes)) != len(codes):
        raise ValueError(f"{path.name}: duplicate codes")
    intro, values = parse_description(data.get("description", ""), codes)
    return Enumeration(path.stem, f"{ENUMERATIONS}/{path.name}", codes, extensible, intro, values)


def english_label(code: str, text: ValueText | None) -> str:
    """A readable label: the source's label column if any, else the code spelled out.

    Single-letter codes (gender m/f/x/...) cannot be spelled out, so their label is the
    description's first clause, which is the source's own wording ("male", "female").
    """
    if text and text.label:
        return text.label
    if len(code) == 1 and text and text.definition:
        first = re.split(r"[,;(]", text.definition)[0].strip()
        return first[:1].upper() + first[1:]
    words: list[str] = []
    for token in code.split("_"):
        if words and token.isdigit() and words[-1].isdigit():
            words[-1] = f"{words[-1]}\u2013{token}"  # grade_0_100 -> grade 0–100
        elif words and words[-1] in HYPHEN_PREFIXES:
            words[-1] = f"{words[-1]}-{TOKEN_SPELLING.get(token, token)}"
        else:
            words.append(TOKEN_SPELLING.get(token, token))
    label = " ".join(words)
    return label[:1].upper() + label[1:]


def dutch_label(text: ValueText | None) -> str | None:
    """The Dutch term the source itself gives, as a trailing '(Dutch: mbo 1)' in the description."""
    if text and text.definition:
        match = _DUTCH_LABEL.search(text.definition)
        if match:
            return match.group(1).strip()
    return None


def concept_iri(scheme: URIRef, code: str) -> URIRef:
    """The concept IRI: the code verbatim when IRI-safe, percent-encoded otherwise."""
    return URIRef(f"{scheme}/{quote(code, safe='-._~')}")


def scheme_info(enum: Enumeration, commit: str, version: str) -> SchemeInfo:
    """Catalogue metadata of one OOAPI enumeration vocabulary."""
    if enum.extensible:
        rule_en = ("This is an extensible enumeration: values outside this list are allowed when "
                   "prefixed with 'x-' (e.g. 'x-my-value').")
        rule_nl = ("Dit is een uitbreidbare enumeratie: waarden buiten deze lijst zijn toegestaan "
                   "met het voorvoegsel 'x-' (bijvoorbeeld 'x-eigen-waarde').")
    else:
        rule_en = "This is a closed enumeration (OpenAPI enum): only these values are allowed."
        rule_nl = "Dit is een gesloten enumeratie (OpenAPI enum): alleen deze waarden zijn toegestaan."
    intro = enum.intro.rstrip(" :")
    intro = f"{intro}{'' if intro.endswith(('.', '!', '?')) else '.'} " if intro else ""
    return SchemeInfo(
        slug=f"ooapi-{kebab_case(enum.name)}",
        title_nl=f"OOAPI v6-waardenlijst {enum.name}",
        title_en=f"OOAPI v6 enumeration {enum.name} ({spaced_words(enum.name)})",
        description_nl=(
            f"Waarden van de enumeratie {enum.name} uit de Open Education API (OOAPI) v6; "
            f"skos:notation is de code zoals die in de API staat. {rule_nl} De bron geeft "
            "Engelstalige omschrijvingen; Nederlandse labels staan er alleen bij waar de bron zelf "
            "een Nederlandse term noemt."
        ),
        description_en=(
            f"{intro}Values of the enumeration {enum.name} of the Open Education API (OOAPI) v6; "
            f"skos:notation is the code as it appears in the API. {rule_en}"
        ),
        publisher=PUBLISHER,
        license=LICENSE,
        source=f"{REPOSITORY}/blob/{commit}/{enum.file}",
        version=f"{version} (open-education-api/specification@{commit})",
    )


def build_enumeration(enum: Enumeration, commit: str, version: str) -> tuple[SchemeInfo, Graph]:
    """One flat concept scheme: every code is a top concept."""
    info = scheme_info(enum, commit, version)
    graph = new_scheme_graph(info)
    scheme = info.scheme_iri
    labels: set[str] = set()
    for code in enum.codes:
        text = enum.values.get(code)
        concept = concept_iri(scheme, code)
        label = english_label(code, text)
        if label.lower() in labels:
            raise ValueError(f"{enum.name}: two codes get the English label {label!r}")
        labels.add(label.lower())
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, scheme))
        graph.add((concept, SKOS.topConceptOf, scheme))
        graph.add((scheme, SKOS.hasTopConcept, concept))
        graph.add((concept, SKOS.notation, Literal(code)))
        graph.add((concept, SKOS.prefLabel, Literal(label, lang="en")))
        dutch = dutch_label(text)
        if dutch:
            graph.add((concept, SKOS.prefLabel, Literal(dutch, lang="nl")))
        if text and text.definition:
            graph.add((concept, SKOS.definition, Literal(text.definition, lang="en")))
    return info, graph


def source_pin(source_dir: Path) -> tuple[str, str]:
    """(commit, spec version) from SOURCE.md, so the metadata cannot drift from the files."""
    text = (source_dir / "SOURCE.md").read_text(encoding="utf-8")
    commit = re.search(r"Commit:\s*([0-9a-f]{40})", text)
    version = re.search(r'version:\s*"([^"]+)"', text)
    if not commit:
        raise ValueError(f"no 'Commit: <sha>' line in {source_dir / 'SOURCE.md'}")
    return commit.group(1), f"v{version.group(1)}" if version else "v6"


def build(sources: Path) -> list[tuple[SchemeInfo, Graph]]:
    """Build one `ooapi-<name>` vocabulary per enumeration file."""
    source_dir = sources / SOURCE_SUBDIR
    commit, version = source_pin(source_dir)
    paths = sorted((source_dir / ENUMERATIONS).glob("*.yaml"))
    if not paths:
        raise FileNotFoundError(f"no enumerations in {source_dir / ENUMERATIONS}")
    return [build_enumeration(read_enumeration(path), commit, version) for path in paths]
