"""Synthetic SKOS vocabularies for the benchmarks: 10k, 100k or 1M concepts, deterministic (seeded).

One `skos:ConceptScheme` per file, carrying the catalogue metadata the registry reads (dct:identifier,
dct:title nl/en, description, publisher, licence, source, owl:versionInfo), and per concept:
rdf:type, skos:inScheme, a Dutch and an English skos:prefLabel, 0-4 skos:altLabels (synonyms,
translations, abbreviations), a hierarchical skos:notation, a Dutch and an English skos:definition,
skos:broader/skos:narrower (a tree of about ten children per concept under ~n^(1/3) top concepts,
with skos:topConceptOf/skos:hasTopConcept), skos:related for 5% of them (both directions) and
owl:deprecated + dct:isReplacedBy for 1%. About 11 triples and 3.9 labels per concept: 1M concepts
are ~11M triples and ~3.9M labels.

Labels are built from a frequency-ranked (Zipf) lexicon of real Dutch/English education words plus
a long tail of pronounceable pseudo-words, with Dutch compounds (`rekenvaardigheid`) and English
multi-word phrases, so that label prefixes are distributed like real ones (many labels share
`lees`, `reken`, `taal`; few share a rare stem).

    python -m bench.generate 10k 100k 1m [--seed 1] [--dir bench/.data] [--format ttl|nt]

Other benchmarks call `generate(n, path, seed)` or, cached, `dataset(n, seed)`.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / ".data"  # git-ignored cache, never the repo tree proper
SCHEME_BASE = "https://w3id.org/eduvoc/vocab/"
PUBLISHER = "https://w3id.org/eduvoc/org/eduvoc"

SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
OWL = "http://www.w3.org/2002/07/owl#"
FOAF = "http://xmlns.com/foaf/0.1/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"

# (Dutch, English) nouns and noun stems, most frequent first. Dutch stems compound ("taal" +
# "vaardigheid" = "taalvaardigheid"); English ones form phrases ("language skills").
NOUNS = [
    ("taal", "language"), ("lezen", "reading"), ("rekenen", "arithmetic"), ("schrijven", "writing"),
    ("vaardigheid", "skill"), ("kennis", "knowledge"), ("leerling", "pupil"), ("onderwijs", "education"),
    ("les", "lesson"), ("doel", "goal"), ("toets", "test"), ("begrip", "understanding"),
    ("wiskunde", "mathematics"), ("spreken", "speaking"), ("luisteren", "listening"), ("woord", "word"),
    ("tekst", "text"), ("getal", "number"), ("meten", "measuring"), ("meetkunde", "geometry"),
    ("verband", "relation"), ("bewerking", "operation"), ("breuk", "fraction"), ("procent", "percentage"),
    ("verhouding", "ratio"), ("natuur", "nature"), ("techniek", "technology"), ("geschiedenis", "history"),
    ("aardrijkskunde", "geography"), ("burgerschap", "citizenship"), ("kunst", "art"), ("muziek", "music"),
    ("beweging", "movement"), ("sport", "sport"), ("gezondheid", "health"), ("samenwerking", "collaboration"),
    ("communicatie", "communication"), ("informatie", "information"), ("media", "media"), ("digitaal", "digital"),
    ("programmeren", "programming"), ("onderzoek", "research"), ("ontwerp", "design"), ("probleem", "problem"),
    ("oplossing", "solution"), ("strategie", "strategy"), ("redeneren", "reasoning"), ("denken", "thinking"),
    ("creativiteit", "creativity"), ("reflectie", "reflection"), ("presentatie", "presentation"), ("verslag", "report"),
    ("brief", "letter"), ("verhaal", "story"), ("gedicht", "poem"), ("grammatica", "grammar"),
    ("spelling", "spelling"), ("zin", "sentence"), ("klank", "sound"), ("letter", "letter"),
    ("boek", "book"), ("bron", "source"), ("kaart", "map"), ("tijd", "time"),
    ("ruimte", "space"), ("vorm", "shape"), ("lengte", "length"), ("gewicht", "weight"),
    ("inhoud", "volume"), ("oppervlakte", "area"), ("geld", "money"), ("tabel", "table"),
    ("grafiek", "graph"), ("diagram", "diagram"), ("model", "model"), ("experiment", "experiment"),
    ("energie", "energy"), ("materiaal", "material"), ("plant", "plant"), ("dier", "animal"),
    ("mens", "human"), ("lichaam", "body"), ("water", "water"), ("lucht", "air"),
    ("aarde", "earth"), ("klimaat", "climate"), ("milieu", "environment"), ("duurzaamheid", "sustainability"),
    ("economie", "economics"), ("arbeid", "labour"), ("beroep", "occupation"), ("loopbaan", "career"),
    ("stage", "internship"), ("praktijk", "practice"), ("opdracht", "assignment"), ("project", "project"),
    ("groep", "group"), ("klas", "class"), ("school", "school"), ("leraar", "teacher"),
    ("docent", "lecturer"), ("ouder", "parent"), ("gesprek", "conversation"), ("debat", "debate"),
    ("mening", "opinion"), ("argument", "argument"), ("bewijs", "proof"), ("formule", "formula"),
    ("vergelijking", "equation"), ("functie", "function"), ("statistiek", "statistics"), ("kans", "probability"),
    ("data", "data"), ("algoritme", "algorithm"), ("computer", "computer"), ("netwerk", "network"),
    ("veiligheid", "safety"), ("privacy", "privacy"), ("identiteit", "identity"), ("cultuur", "culture"),
    ("religie", "religion"), ("filosofie", "philosophy"), ("ethiek", "ethics"), ("democratie", "democracy"),
    ("recht", "law"), ("politiek", "politics"), ("samenleving", "society"), ("gemeenschap", "community"),
    ("familie", "family"), ("vriendschap", "friendship"), ("gevoel", "feeling"), ("emotie", "emotion"),
    ("gedrag", "behaviour"), ("houding", "attitude"), ("motivatie", "motivation"), ("zelfstandigheid", "independence"),
    ("planning", "planning"), ("organisatie", "organisation"), ("beoordeling", "assessment"), ("feedback", "feedback"),
    ("niveau", "level"), ("leerlijn", "learning line"), ("kerndoel", "core objective"), ("eindterm", "attainment target"),
    ("examen", "exam"), ("diploma", "diploma"), ("certificaat", "certificate"), ("opleiding", "programme"),
    ("cursus", "course"), ("module", "module"), ("werkvorm", "teaching method"), ("instructie", "instruction"),
    ("oefening", "exercise"), ("spel", "game"), ("drama", "drama"), ("dans", "dance"),
    ("tekening", "drawing"), ("beeld", "image"), ("kleur", "colour"), ("film", "film"),
    ("fotografie", "photography"), ("erfgoed", "heritage"), ("museum", "museum"), ("bibliotheek", "library"),
    ("wereld", "world"), ("europa", "europe"), ("nederland", "netherlands"), ("provincie", "province"),
    ("stad", "city"), ("landschap", "landscape"), ("rivier", "river"), ("zee", "sea"),
    ("voeding", "nutrition"), ("zorg", "care"), ("welzijn", "wellbeing"), ("hygiene", "hygiene"),
    ("verkeer", "traffic"), ("vervoer", "transport"), ("handel", "trade"), ("ondernemen", "entrepreneurship"),
    ("marketing", "marketing"), ("administratie", "administration"), ("boekhouding", "bookkeeping"), ("logistiek", "logistics"),
    ("bouw", "construction"), ("installatie", "installation"), ("elektriciteit", "electricity"), ("mechanica", "mechanics"),
    ("scheikunde", "chemistry"), ("natuurkunde", "physics"), ("biologie", "biology"), ("sterrenkunde", "astronomy"),
    ("frans", "french"), ("duits", "german"), ("engels", "english"), ("fries", "frisian"),
    ("woordenschat", "vocabulary"), ("uitspraak", "pronunciation"), ("betekenis", "meaning"), ("context", "context"),
]
# (Dutch inflected as before a de-word, English)
ADJECTIVES = [
    ("mondelinge", "oral"), ("schriftelijke", "written"), ("digitale", "digital"), ("praktische", "practical"),
    ("basale", "basic"), ("gevorderde", "advanced"), ("kritische", "critical"), ("creatieve", "creative"),
    ("sociale", "social"), ("persoonlijke", "personal"), ("wetenschappelijke", "scientific"), ("technische", "technical"),
    ("ruimtelijke", "spatial"), ("historische", "historical"), ("economische", "economic"), ("maatschappelijke", "societal"),
    ("culturele", "cultural"), ("lichamelijke", "physical"), ("gezonde", "healthy"), ("veilige", "safe"),
    ("duurzame", "sustainable"), ("begrijpende", "comprehensive"), ("functionele", "functional"), ("formele", "formal"),
    ("informele", "informal"), ("zelfstandige", "independent"), ("coöperatieve", "cooperative"), ("onderzoekende", "inquiry-based"),
    ("ontwerpende", "design-based"), ("reflectieve", "reflective"), ("strategische", "strategic"), ("eenvoudige", "simple"),
    ("complexe", "complex"), ("abstracte", "abstract"), ("concrete", "concrete"), ("internationale", "international"),
    ("regionale", "regional"), ("nationale", "national"), ("europese", "european"), ("nieuwe", "new"),
]
CONNECTIVES = [("van", "of"), ("en", "and"), ("in", "in"), ("met", "with"), ("voor", "for"), ("over", "about")]
QUALIFIERS = [("niveau", "level"), ("groep", "grade"), ("fase", "phase"), ("deel", "part"), ("leerjaar", "year")]
VERBS = [("herkennen", "recognise"), ("toepassen", "apply"), ("beschrijven", "describe"), ("uitleggen", "explain"),
         ("gebruiken", "use"), ("vergelijken", "compare"), ("beoordelen", "assess"), ("ontwerpen", "design"),
         ("onderzoeken", "investigate"), ("presenteren", "present"), ("benoemen", "name"), ("ordenen", "order")]

# The long tail: pronounceable pseudo-words (Dutch-looking syllables) and real stems with Dutch
# derivational suffixes, the rare and specialised words of a large vocabulary.
ONSETS = ["b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "dr", "gr", "kr",
          "pr", "tr", "bl", "fl", "gl", "kl", "pl", "sl", "sch", "st", "sp", "j", "kn", "sn", "zw"]
VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "aa", "ee", "oo", "ie", "oe", "ui", "ij", "ei", "eu", "ou"]
CODAS = ["", "", "", "", "n", "r", "l", "s", "t", "k", "m", "ng", "nd", "rt", "st", "ld", "rk"]
SUFFIXES = [("heid", "ness"), ("ing", "ing"), ("kunde", "studies"), ("leer", "theory"), ("schap", "ship"),
            ("wijzer", "guide"), ("plan", "plan"), ("proces", "process"), ("systeem", "system"), ("werk", "work")]
TAIL_WORDS = 4000


def slug_for(n_concepts: int) -> str:
    """`synthetic-10k`, `synthetic-1m`: the vocabulary id (and scheme IRI tail) of a size."""
    if n_concepts % 1_000_000 == 0:
        return f"synthetic-{n_concepts // 1_000_000}m"
    if n_concepts % 1_000 == 0:
        return f"synthetic-{n_concepts // 1_000}k"
    return f"synthetic-{n_concepts}"


def parse_size(text: str) -> int:
    """'10k' -> 10_000, '1m' -> 1_000_000, '2500' -> 2500."""
    text = text.strip().lower().replace("_", "")
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if factor > 1 else text) * factor)


class _Lexicon:
    """Zipf-weighted word choice over real words first, then pseudo-words."""

    def __init__(self, rng: random.Random) -> None:
        tail: dict[str, str] = {}
        while len(tail) < TAIL_WORDS:
            if rng.random() < 0.3:
                (stem_nl, stem_en), (suffix_nl, suffix_en) = rng.choice(NOUNS[:120]), rng.choice(SUFFIXES)
                tail.setdefault(stem_nl + suffix_nl, f"{stem_en} {suffix_en}")
            else:  # a pseudo-word, the same in both languages
                syllables = rng.choice((2, 2, 2, 3))
                word = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(syllables)) + rng.choice(CODAS)
                tail.setdefault(word, word)
        pseudo = sorted(tail.items())
        rng.shuffle(pseudo)
        self.nouns = NOUNS + pseudo
        # Zipf with exponent 1.2: about a quarter of the words drawn come from the long tail
        self._noun_cum = list(itertools.accumulate(1.0 / (rank + 3) ** 1.2 for rank in range(len(self.nouns))))
        self._adj_cum = list(itertools.accumulate(1.0 / (rank + 2) for rank in range(len(ADJECTIVES))))
        self._rng = rng

    def noun(self) -> tuple[str, str]:
        r = self._rng.random() * self._noun_cum[-1]
        return self.nouns[bisect.bisect_left(self._noun_cum, r)]

    def adjective(self) -> tuple[str, str]:
        r = self._rng.random() * self._adj_cum[-1]
        return ADJECTIVES[bisect.bisect_left(self._adj_cum, r)]

    def phrase(self) -> tuple[str, str]:
        """A (Dutch, English) label: a compound, adjective + noun, or noun + connective + noun."""
        rng = self._rng
        shape = rng.random()
        (nl1, en1), (nl2, en2) = self.noun(), self.noun()
        if shape < 0.35:  # compound: rekenvaardigheid / arithmetic skill
            nl, en = nl1 + nl2, f"{en1} {en2}"
        elif shape < 0.65:
            adj_nl, adj_en = self.adjective()
            nl, en = f"{adj_nl} {nl1}", f"{adj_en} {en1}"
        elif shape < 0.85:
            con_nl, con_en = CONNECTIVES[rng.randrange(len(CONNECTIVES))]
            nl, en = f"{nl1} {con_nl} {nl2}", f"{en1} {con_en} {en2}"
        else:
            nl, en = nl1, en1
        if rng.random() < 0.12:
            q_nl, q_en = QUALIFIERS[rng.randrange(len(QUALIFIERS))]
            k = rng.randint(1, 8)
            nl, en = f"{nl} {q_nl} {k}", f"{en} {q_en} {k}"
        return nl[:1].upper() + nl[1:], en[:1].upper() + en[1:]


def _literal(text: str, language: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"@{language}' if language else f'"{escaped}"'


def _tree(n: int, rng: random.Random) -> tuple[list[int], int]:
    """Parent index of every concept (-1 for top concepts), breadth-first; and the number of tops."""
    tops = min(n, max(5, round(n ** (1 / 3))))
    parent = [-1] * tops
    next_parent = 0
    while len(parent) < n:
        children = min(rng.randint(2, 18), n - len(parent))  # about ten on average
        parent.extend([next_parent] * children)
        next_parent += 1
    return parent, tops


def _triples(n: int, seed: int) -> Iterator[tuple[str, str, str]]:
    """(subject, predicate, object) in N-Triples term syntax, concept by concept."""
    rng = random.Random(seed)
    lexicon = _Lexicon(random.Random(seed * 7919 + 1))
    slug = slug_for(n)
    scheme = f"<{SCHEME_BASE}{slug}>"
    iris = [f"<{SCHEME_BASE}{slug}/{uuid.UUID(int=rng.getrandbits(128), version=4)}>" for _ in range(n)]
    parent, tops = _tree(n, rng)
    children: list[list[int]] = [[] for _ in range(n)]
    for child, up in enumerate(parent):
        if up >= 0:
            children[up].append(child)
    notations = [str(i + 1) for i in range(tops)] + [""] * (n - tops)
    for up in range(n):  # breadth-first: a parent's notation is set before its children's
        for position, child in enumerate(children[up], 1):
            notations[child] = f"{notations[up]}.{position}"
    related: dict[int, list[int]] = {}
    for i in rng.sample(range(n), n // 20):
        j = rng.randrange(n)
        if j != i:
            related.setdefault(i, []).append(j)
            related.setdefault(j, []).append(i)
    deprecated = {i: rng.randrange(n) for i in rng.sample(range(n), n // 100)}

    t = lambda p: f"<{p}>"  # noqa: E731
    a, in_scheme, pref, alt = t(RDF_TYPE), t(SKOS + "inScheme"), t(SKOS + "prefLabel"), t(SKOS + "altLabel")
    notation, definition, broader, narrower = t(SKOS + "notation"), t(SKOS + "definition"), t(SKOS + "broader"), t(SKOS + "narrower")
    top_of, has_top, rel = t(SKOS + "topConceptOf"), t(SKOS + "hasTopConcept"), t(SKOS + "related")
    concept_class = t(SKOS + "Concept")

    title_nl, title_en = f"Synthetisch vocabulaire ({n:,} begrippen)", f"Synthetic vocabulary ({n:,} concepts)"
    yield scheme, a, t(SKOS + "ConceptScheme")
    yield scheme, t(DCT + "identifier"), _literal(slug)
    yield scheme, t(DCT + "title"), _literal(title_nl, "nl")
    yield scheme, t(DCT + "title"), _literal(title_en, "en")
    yield scheme, pref, _literal(title_nl, "nl")
    yield scheme, pref, _literal(title_en, "en")
    yield scheme, t(DCT + "description"), _literal(f"Gegenereerd voor benchmarks (seed {seed}); geen echte data.", "nl")
    yield scheme, t(DCT + "description"), _literal(f"Generated for benchmarks (seed {seed}); not real data.", "en")
    yield scheme, t(DCT + "publisher"), t(PUBLISHER)
    yield scheme, t(DCT + "license"), t("https://creativecommons.org/publicdomain/zero/1.0/")
    yield scheme, t(DCT + "source"), t("https://w3id.org/eduvoc/bench/generate")
    yield scheme, t(OWL + "versionInfo"), _literal(f"seed-{seed}")
    yield t(PUBLISHER), a, t(FOAF + "Organization")
    yield t(PUBLISHER), t(FOAF + "name"), _literal("eduvoc")

    alt_counts = [0, 1, 2, 3, 4]
    alt_cum = list(itertools.accumulate([0.12, 0.25, 0.30, 0.22, 0.11]))
    for i in range(n):
        s = iris[i]
        nl, en = lexicon.phrase()
        yield s, a, concept_class
        yield s, in_scheme, scheme
        yield s, pref, _literal(nl, "nl")
        yield s, pref, _literal(en, "en")
        for _ in range(alt_counts[bisect.bisect_left(alt_cum, rng.random() * alt_cum[-1])]):
            kind = rng.random()
            if kind < 0.5:
                yield s, alt, _literal(lexicon.phrase()[0], "nl")
            elif kind < 0.8:
                yield s, alt, _literal(lexicon.phrase()[1], "en")
            else:  # an abbreviation of the Dutch label
                yield s, alt, _literal("".join(w[0] for w in nl.split()).upper() + str(rng.randint(1, 99)), "nl")
        yield s, notation, _literal(notations[i])
        verb = rng.randrange(len(VERBS))
        yield s, definition, _literal(f"De leerling kan {nl.lower()} {VERBS[verb][0]}.", "nl")
        yield s, definition, _literal(f"The pupil can {VERBS[verb][1]} {en.lower()}.", "en")
        if parent[i] < 0:
            yield s, top_of, scheme
        else:
            yield s, broader, iris[parent[i]]
        for child in children[i]:
            yield s, narrower, iris[child]
        for other in related.get(i, ()):
            yield s, rel, iris[other]
        if i in deprecated:
            yield s, t(OWL + "deprecated"), f'"true"^^<{XSD_BOOLEAN}>'
            yield s, t(DCT + "isReplacedBy"), iris[deprecated[i]]
    for top in range(tops):
        yield scheme, has_top, iris[top]


def generate(n_concepts: int, path: Path, seed: int = 1) -> Path:
    """Write a synthetic vocabulary of `n_concepts` concepts to `path` and return it.

    `.nt` writes N-Triples, anything else Turtle (subjects grouped, prefixed names). A directory
    gets `<slug>-s<seed>.ttl` inside it. The same (n, seed) always gives the same file. Written to
    `<path>.part` first and renamed, so an interrupted run never leaves a truncated file behind.
    """
    if n_concepts < 1:
        raise ValueError("n_concepts must be at least 1")
    path = Path(path)
    if path.is_dir():
        path = path / f"{slug_for(n_concepts)}-s{seed}.ttl"
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    ntriples = path.suffix == ".nt"
    with partial.open("w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        if ntriples:
            out.writelines(f"{s} {p} {o} .\n" for s, p, o in _triples(n_concepts, seed))
        else:
            _write_turtle(out, _triples(n_concepts, seed))
    partial.replace(path)
    return path


_PREFIXES = {"skos": SKOS, "dct": DCT, "owl": OWL, "foaf": FOAF}


def _write_turtle(out, triples: Iterator[tuple[str, str, str]]) -> None:
    for prefix, namespace in _PREFIXES.items():
        out.write(f"@prefix {prefix}: <{namespace}> .\n")
    short: dict[str, str] = {f"<{RDF_TYPE}>": "a"}

    def name(term: str) -> str:
        found = short.get(term)
        if found is None:
            found = term
            for prefix, namespace in _PREFIXES.items():
                local = term[1 + len(namespace):-1]
                if term.startswith("<" + namespace) and local.isalnum():
                    found = f"{prefix}:{local}"
                    break
            if len(short) < 256:
                short[term] = found
        return found

    subject = None
    lines = []
    for s, p, o in triples:
        if s != subject:
            if subject is not None:
                lines.append(" .\n")
            lines.append(f"\n{s} {name(p)} {name(o) if o[0] == '<' else o}")
            subject = s
        else:
            lines.append(f" ;\n    {name(p)} {name(o) if o[0] == '<' else o}")
        if len(lines) >= 65536:
            out.write("".join(lines))
            lines.clear()
    if subject is not None:
        lines.append(" .\n")
    out.write("".join(lines))


def dataset(n_concepts: int, seed: int = 1, directory: Path = DATA_DIR, suffix: str = ".ttl") -> Path:
    """The cached file for (n, seed) under `directory`, generated on first use."""
    path = Path(directory) / f"{slug_for(n_concepts)}-s{seed}{suffix}"
    return path if path.exists() else generate(n_concepts, path, seed)


def registry_store(
    n_concepts: int, seed: int = 1, directory: Path = DATA_DIR / "stores", fresh: bool = False, bundled: bool = False
) -> tuple[Path, float | None]:
    """An on-disk eduvoc store with the synthetic vocabulary registered (`register_vocabulary`,
    as `eduvoc load` does) and, with `bundled`, every bundled vocabulary and the ontology too (a
    realistic registry: ~70 current graphs), cached under `directory`. Returns the store
    directory and the load time in seconds of the synthetic vocabulary when it was loaded now
    (None when reused). Close it before a server process opens the same directory."""
    import shutil

    from registry.bundle import bundled_files, load_files
    from registry.catalogue import Catalogue
    from registry.config import Settings
    from registry.formats import format_of_file
    from registry.loading import register_vocabulary
    from registry.oxigraph_store import OxigraphStore

    target = Path(directory) / (f"{slug_for(n_concepts)}-s{seed}" + ("-bundled" if bundled else ""))
    marker = target.with_name(target.name + ".loaded")
    if marker.exists() and not fresh:
        _public_union_in_step(target)
        return target, None
    source = dataset(n_concepts, seed)
    marker.unlink(missing_ok=True)
    shutil.rmtree(target, ignore_errors=True)
    store = OxigraphStore(target)
    try:
        catalogue = Catalogue(store)
        if bundled:
            settings = Settings()
            load_files(store, catalogue, bundled_files(settings.vocabularies_dir, settings.ontology_dir))
        started = time.perf_counter()
        register_vocabulary(store, catalogue, source, format_of_file(source), slug=slug_for(n_concepts), source_name=source.name)
        elapsed = time.perf_counter() - started
    finally:
        store.close()
    _public_union_in_step(target)
    marker.write_text(f"{elapsed:.1f} s\n")
    return target, elapsed


def _public_union_in_step(target: Path) -> None:
    """Bring the store's public union graph in step here, as `eduvoc serve` does at start, so
    that a server started on it does not write while a benchmark reads the files read-only."""
    from registry.catalogue import Catalogue
    from registry.oxigraph_store import OxigraphStore

    store = OxigraphStore(target)
    try:
        started = time.perf_counter()
        added, removed = Catalogue(store).sync_union()
        if added or removed:
            print(f"  ({target.name}: public union graph brought in step, {added} graphs in, {removed} out, {time.perf_counter() - started:.1f} s)")
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", default=["10k", "100k", "1m"], help="e.g. 10k 100k 1m")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=DATA_DIR, help=f"output directory (default {DATA_DIR})")
    parser.add_argument("--format", choices=("ttl", "nt"), default="ttl")
    parser.add_argument("--force", action="store_true", help="regenerate even when the file exists")
    arguments = parser.parse_args()
    for size in map(parse_size, arguments.sizes):
        path = arguments.dir / f"{slug_for(size)}-s{arguments.seed}.{arguments.format}"
        if path.exists() and not arguments.force:
            print(f"{slug_for(size)}: {path} exists ({path.stat().st_size / 1e6:,.0f} MB); --force to regenerate")
            continue
        started = time.perf_counter()
        generate(size, path, arguments.seed)
        elapsed = time.perf_counter() - started
        print(f"{slug_for(size)}: {size:,} concepts in {elapsed:.1f} s -> {path} ({path.stat().st_size / 1e6:,.0f} MB)")


if __name__ == "__main__":
    main()
