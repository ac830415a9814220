"""Builders for tests that state a document's text inline: its text in, the parsed part out."""

from __future__ import annotations

from yusuan.blocks import RawDocument, TextLine
from yusuan.model import Document
from yusuan.parse.claim_details import read_details
from yusuan.parse.claims import extract_claims
from yusuan.parse.narrative import parse_narrative
from yusuan.parse.segment import segment


def inline_raw(text: str) -> RawDocument:
    """``text`` as a reader would give it: one text block a non-empty line, numbered from 1."""
    r = RawDocument(path="inline.txt", format="text")
    for n, ln in enumerate(text.strip("\n").splitlines(), start=1):
        if ln.strip():
            r.blocks.append(TextLine(ln.strip(), line=n))
    return r


def parse_text(text: str, *, details: bool = False) -> Document:
    """The narrative of ``text`` (one block a non-empty line); ``details``: also the claims' details."""
    r = inline_raw(text)
    doc = Document(paths=["inline.txt"], format="text")
    parse_narrative(r, segment(r), doc)
    if details:
        read_details(doc)
    return doc


def claims_of(claims: list) -> list[tuple]:  # type: ignore[type-arg]
    """(subject, amount text, change text) of each claim."""
    return [(c.subject, c.amount.text if c.amount else None, c.change.text if c.change else None) for c in claims]


def one_sentence(sentence: str, kind: str | None) -> list[tuple]:  # type: ignore[type-arg]
    return claims_of(extract_claims(sentence, kind)[0])
