"""The domain's errors. The API maps them to HTTP problems and the CLI to exit codes, each in one place."""

from __future__ import annotations


class EduvocError(Exception):
    """Base of every error the registry raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(EduvocError):
    """The vocabulary, concept or graph asked for does not exist."""


class InvalidInput(EduvocError):
    """Input the caller can fix. `location` says where as text (a parameter, `file:line:column`,
    a cell); the same place as data, for whoever shows it (pages, problems): `file`, `line` and
    `column` (1-based; a column may also be a letter or a column name), a spreadsheet `cell`
    (`sheet!D7`) and its `row`."""

    def __init__(self, message: str, location: str | None = None, *, file: str | None = None, line: int | None = None,
                 column: int | str | None = None, cell: str | None = None, row: int | None = None) -> None:
        super().__init__(message)
        self.location = location
        self.file, self.line, self.column, self.cell, self.row = file, line, column, cell, row

    def position(self) -> dict[str, str | int]:
        """The structured location fields that are set."""
        fields = {"file": self.file, "line": self.line, "column": self.column, "cell": self.cell, "row": self.row}
        return {name: value for name, value in fields.items() if value is not None}


class UnsupportedFormat(InvalidInput):
    """A serialization format the registry cannot read or write."""


class RdfSyntaxError(InvalidInput):
    """RDF that does not parse; the location names file, line and column."""


class UnknownReference(InvalidInput):
    """Well-formed input that names something the registry does not have (e.g. a mapping to a
    concept that is not in the vocabulary); `location` says where it was named."""


class EditRefused(InvalidInput):
    """A well-formed edit refused because it would lose data nobody asked to remove (e.g. the Dutch
    preferred label, or a language of a label or definition); `location` names the field."""


class QueryRefused(InvalidInput):
    """A SPARQL query that is valid but not allowed here (updates, SERVICE)."""


class QueryTimeout(EduvocError):
    """A query ran longer than the configured timeout."""


class Conflict(EduvocError):
    """A write that clashes with another write in progress."""


class Overloaded(EduvocError):
    """Too much work in progress (e.g. every query slot taken); try again shortly."""


class Unauthenticated(EduvocError):
    """No valid credentials were given for an operation that needs them."""


class Forbidden(EduvocError):
    """The caller is known but may not do this (e.g. write another organisation's vocabulary)."""


class QualityViolations(EduvocError):
    """A draft that fails quality checks with violations cannot be published; `report` says why."""

    def __init__(self, message: str, report: object) -> None:
        super().__init__(message)
        self.report = report
