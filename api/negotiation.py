"""Content negotiation: one function over a list of offered media types (RFC 9110 §12.5.1)."""

from __future__ import annotations

from fastapi import HTTPException


def parse_accept(header: str) -> list[tuple[str, float]]:
    """(range, quality) pairs of an Accept or Accept-Language header, lower-cased, in order."""
    ranges = []
    for part in header.split(","):
        pieces = [p.strip() for p in part.split(";")]
        media_range = pieces[0].lower()
        if not media_range:
            continue
        quality = 1.0
        for parameter in pieces[1:]:
            if parameter.startswith("q="):
                try:
                    quality = float(parameter[2:])
                except ValueError:
                    quality = 0.0
        ranges.append((media_range, quality))
    return ranges


def _quality(offer: str, ranges: list[tuple[str, float]]) -> float:
    best, best_specificity = 0.0, -1
    kind = offer.split("/")[0]
    for media_range, quality in ranges:
        if media_range == offer:
            specificity = 2
        elif media_range == f"{kind}/*":
            specificity = 1
        elif media_range == "*/*":
            specificity = 0
        else:
            continue
        if specificity > best_specificity:
            best, best_specificity = quality, specificity
    return best


def negotiate(accept: str | None, offers: list[str]) -> str:
    """The offer the client prefers (ties: the first offer); 406 when none is acceptable."""
    if not accept:
        return offers[0]
    ranges = parse_accept(accept)
    scored = [(_quality(offer, ranges), -index, offer) for index, offer in enumerate(offers)]
    quality, _, offer = max(scored)
    if quality <= 0:
        raise HTTPException(406, f"cannot answer in any of the accepted types ({accept}); available: {', '.join(offers)}")
    return offer
