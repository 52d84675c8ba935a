"""Bounds on untrusted input, checked before a parser sees it.

Parsers of nested or expandable formats can be made to spend memory, time or stack far out of
proportion to the bytes they are given: XML entity expansion (a 1.4 kB "billion laughs" RDF/XML
document expands to gigabytes in pyoxigraph's parser, which expands internal entities), deeply
nested JSON (RecursionError in `json.loads`, a stack overflow in pyoxigraph's JSON-LD parser) and
zip bombs (an XLSX is a zip file). Each check here is linear in the input, needs no recursion,
refuses with `InputLimitExceeded` (or `InvalidInput` for forbidden constructs) naming the limit,
and never echoes more than a short excerpt of the input back.
"""

from __future__ import annotations

import zipfile
from typing import IO, NoReturn
from xml.parsers import expat

from registry.errors import InputLimitExceeded, InvalidInput, RdfSyntaxError

#: deepest nesting of JSON objects and arrays accepted (JSON bodies, JSON-LD documents)
MAX_JSON_DEPTH = 64
#: longest literal accepted in an upload, in characters
MAX_LITERAL_CHARS = 1_000_000
#: an XLSX (zip) file: most entries, largest total expanded size, largest expansion ratio per entry
MAX_ZIP_ENTRIES = 1_000
MAX_ZIP_EXPANDED_BYTES = 200_000_000
MAX_ZIP_RATIO = 100
#: largest `offset` a paged listing accepts (a page beyond it is empty anyway; an unbounded
#: integer must not reach a query)
MAX_OFFSET = 10_000_000
#: how much of a refused value an error message repeats
ECHO_CHARS = 200

# opening brackets -> "(", closing -> ")", everything else dropped
_BRACKETS = bytes.maketrans(b"[{]}", b"(())")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_NOT_QUOTES_OR_BRACKETS = bytes(b for b in range(256) if b not in b'[]{}"')


def excerpt(value: str | bytes, limit: int = ECHO_CHARS) -> str:
    """`value` for an error message: at most `limit` characters, marked when cut."""
    text = value.decode("utf-8", errors="replace") if isinstance(value, bytes) else value
    return text if len(text) <= limit else text[:limit] + f"… ({len(text)} characters)"


def json_nests_deeper(data: bytes | str, limit: int) -> bool:
    """Whether a JSON text nests arrays and objects more than `limit` deep, without parsing it
    and in C-speed steps: escaped backslashes and quotes dropped, the text outside strings kept
    (every other piece between quotes), brackets kept as "(" and ")"; then each round of
    `replace("()", "")` removes the innermost level, so a pair left after `limit` rounds nests
    deeper. Unclosed brackets count as nesting (a recursive parser descends into them)."""
    raw = data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else data
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False
    unescaped = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    # Fast path: the quotes and brackets only; when every string is `""` there (no bracket in any
    # string), dropping the pairs leaves exactly the structural brackets.
    skeleton = unescaped.translate(None, _NOT_QUOTES_OR_BRACKETS).replace(b'""', b"")
    if b'"' in skeleton:  # a string holds a bracket: keep the text outside strings (every other piece)
        skeleton = b"".join(unescaped.split(b'"')[::2])
    brackets = skeleton.translate(_BRACKETS, _NOT_BRACKETS)
    too_deep = b"(" * (limit + 1)  # a run of openers: the usual shape of an attack, found in one search
    rounds = 0
    while rounds <= limit and b"()" in brackets:
        if too_deep in brackets:
            return True
        brackets = brackets.replace(b"()", b"")
        rounds += 1
    return rounds > limit or rounds + brackets.count(b"(") > limit


def check_json_depth(data: bytes | str, what: str = "the JSON document", limit: int = MAX_JSON_DEPTH) -> None:
    """Refuse JSON (or JSON-LD) nested deeper than `limit`, before any recursive parser sees it."""
    if json_nests_deeper(data, limit):
        raise InputLimitExceeded(f"{what} nests objects and arrays more than {limit} deep; the limit is {limit}", location="body")


class _Doctype(Exception):
    pass


def _refuse(*_: object) -> NoReturn:
    raise _Doctype


def check_xml_without_dtd(data: bytes | IO[bytes], what: str = "the XML document") -> None:
    """Refuse XML with a document type declaration (so with entity declarations, internal or
    external), before a parser that would expand them sees it. Expat reads the whole document
    with every DTD and entity handler refusing, whatever the document's encoding; XML that does
    not parse is refused here too, with its line and column."""
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    try:
        if isinstance(data, bytes):
            parser.Parse(data, True)
        else:
            parser.ParseFile(data)  # in chunks: a large zip entry is never held whole
    except _Doctype:
        raise InvalidInput(
            f"{what} has a document type declaration (<!DOCTYPE>); DTDs and entity declarations are not accepted",
            location=f"line {parser.CurrentLineNumber}, column {parser.CurrentColumnNumber + 1}",
        ) from None
    except expat.ExpatError as error:
        raise RdfSyntaxError(f"{what} is not well-formed XML: {expat.ErrorString(error.code)}",
                           location=f"line {error.lineno}, column {error.offset + 1}") from None


def check_rdf_input(data: bytes, format_name: str, what: str = "the document") -> None:
    """The checks an RDF document needs before pyoxigraph parses it: no DTD in RDF/XML (its
    parser expands entities), bounded nesting in JSON-LD (its parser recurses)."""
    if format_name == "rdfxml":
        check_xml_without_dtd(data, what)
    elif format_name == "jsonld":
        check_json_depth(data, what)


def check_zip_container(data: bytes, what: str = "the XLSX file") -> None:
    """Refuse a zip file (XLSX) with too many entries, too much expanded data or an entry that
    expands too much, from its central directory, before any entry is decompressed. The sizes
    the directory declares are what `zipfile` enforces while reading (it stops at the declared
    size and checks the CRC), so a lying directory cannot get more through."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        return  # not a zip: the spreadsheet reader says so in its own words
    if len(entries) > MAX_ZIP_ENTRIES:
        raise InputLimitExceeded(f"{what} holds {len(entries)} files; the limit is {MAX_ZIP_ENTRIES}", location="file")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_ZIP_EXPANDED_BYTES:
        raise InputLimitExceeded(f"{what} expands to {total} bytes; the limit is {MAX_ZIP_EXPANDED_BYTES}", location="file")
    for entry in entries:
        if entry.file_size > 1_000_000 and entry.file_size > MAX_ZIP_RATIO * max(entry.compress_size, 1):
            raise InputLimitExceeded(
                f"{what}: {excerpt(entry.filename, 80)} expands {entry.file_size // max(entry.compress_size, 1)} times; "
                f"the limit is {MAX_ZIP_RATIO}", location=excerpt(entry.filename, 80))


def check_zip_xml_members(data: bytes, what: str = "the XLSX file") -> None:
    """Refuse an XLSX whose XML parts declare a DTD (openpyxl's reader would expand entities)."""
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        return
    with archive:
        for entry in archive.infolist():
            if entry.filename.endswith((".xml", ".rels", ".vml")):
                with archive.open(entry) as member:
                    check_xml_without_dtd(member, f"{what}: {excerpt(entry.filename, 80)}")


def check_literal_lengths(lengths: int, what: str = "the upload", limit: int = MAX_LITERAL_CHARS) -> None:
    """Refuse an upload whose longest literal exceeds `limit` characters."""
    if lengths > limit:
        raise InputLimitExceeded(f"{what} has a literal of {lengths} characters; the limit is {limit}", location="body")
