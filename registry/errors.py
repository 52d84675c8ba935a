"""The domain's errors. The API maps them to HTTP problems and the CLI to exit codes, each in one place."""

from __future__ import annotations

import errno


class EduvocError(Exception):
    """Base of every error the registry raises on purpose."""

    def __init__(self, message: str, *, code: str | None = None, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.code = code  # a message id pages render in the reader's language (api/i18n), with `params`
        self.params = params


class NotFound(EduvocError):
    """The vocabulary, concept or graph asked for does not exist."""


class InvalidInput(EduvocError):
    """Input the caller can fix; `location` says where (a parameter, or file:line:column)."""

    def __init__(self, message: str, location: str | None = None, *, code: str | None = None, **params: object) -> None:
        super().__init__(message, code=code, **params)
        self.location = location


class InputLimitExceeded(InvalidInput):
    """Input beyond a bound the registry sets (size, nesting depth, expansion); the message names the limit."""


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


class StoreInUse(EduvocError):
    """The embedded store directory is held by another process (e.g. a running `eduvoc serve`)."""


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


class ForeignStatements(EduvocError):
    """A vocabulary version states triples about terms it does not own (another vocabulary's
    concepts, collections or scheme); `subjects` names them (capped), `total` counts them."""

    def __init__(self, message: str, subjects: list[str], total: int) -> None:
        super().__init__(message)
        self.subjects = subjects
        self.total = total


class StorageFull(EduvocError):
    """The store's disk is full: the write was not made; reads go on."""


class StorageReadOnly(EduvocError):
    """The store is read-only (a read-only file system or mount): writes are refused; reads go on."""


def storage_error(error: OSError) -> EduvocError | None:
    """The domain error for an OSError from the store, when it is a full or read-only disk (by
    errno, or by the message the engine passes on), else None (a bug, shown as one)."""
    text = str(error)
    if error.errno in (errno.ENOSPC, errno.EDQUOT) or "No space left on device" in text or "Disk quota exceeded" in text:
        return StorageFull("the registry's storage is full; the change was not made (reading still works)")
    if error.errno == errno.EROFS or "Read-only file system" in text:
        return StorageReadOnly("the registry's storage is read-only; the change was not made (reading still works)")
    return None
