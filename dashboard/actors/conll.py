"""CoNLL files: read and write them, and map ANERcorp's tags to the recogniser's.

A CoNLL file holds one token per line (first column = the token, later columns,
if any, = tags), blank lines between sentences. Tagging a file with the model is
:func:`dashboard.actors.tag_file.tag_conll`; scoring is :mod:`dashboard.actors.evaluate`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

# ANERcorp spells persons PERS; the product and the model use PER. MISC is not modelled.
TYPE_MAP = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG"}


def read_conll(path: str | Path) -> list[list[list[str]]]:
    """Sentences of a CoNLL file: each a list of token rows, each row its columns."""
    sentences: list[list[list[str]]] = []
    current: list[list[str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            cols = line.split()
            if not cols:
                if current:
                    sentences.append(current)
                    current = []
                continue
            current.append(cols)
    if current:
        sentences.append(current)
    return sentences


def read_tagged(path: str | Path, column: int = -1) -> tuple[list[list[str]], list[list[str]]]:
    """(tokens, tags) per sentence of a CoNLL file; tags from ``column`` (default: last)."""
    sentences = read_conll(path)
    tokens = [[row[0] for row in sent] for sent in sentences]
    tags = [[row[column] if len(row) > 1 else "O" for row in sent] for sent in sentences]
    return tokens, tags


def map_tags(tags: Sequence[str]) -> list[str]:
    """ANERcorp tags → model tags: PERS→PER, GPE→LOC, MISC and unknown types → O."""
    out = []
    for tag in tags:
        if tag == "O" or "-" not in tag:
            out.append("O")
            continue
        prefix, typ = tag.split("-", 1)
        mapped = TYPE_MAP.get(typ)
        out.append(f"{prefix}-{mapped}" if mapped and prefix in ("B", "I") else "O")
    return out


def write_tagged(path: str | Path, tokens: list[list[str]], tags: list[list[str]]) -> None:
    """Write ``token TAG`` lines with a blank line after each sentence."""
    with open(path, "w", encoding="utf-8") as fh:
        for sent_tokens, sent_tags in zip(tokens, tags, strict=True):
            for token, tag in zip(sent_tokens, sent_tags, strict=True):
                fh.write(f"{token} {tag}\n")
            fh.write("\n")
