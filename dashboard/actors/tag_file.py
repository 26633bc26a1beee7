"""Tag a CoNLL file with the recogniser (what ``python -m dashboard ner-tag`` runs)."""

from __future__ import annotations

from pathlib import Path

from dashboard.actors.conll import read_conll, write_tagged
from dashboard.actors.recognizer import Recognizer


def tag_conll(
    in_path: str | Path, out_path: str | Path, window: int = 20, model: Recognizer | None = None
) -> int:
    """Tag the first column of the CoNLL file ``in_path``; write ``token TAG`` to ``out_path``.

    ``window``: sentences on each side that count as the same document for name
    propagation (a CoNLL file has no document breaks). ``model``: a loaded
    ``Recognizer`` (default: the committed model). Returns the number of tokens.
    """
    tokens = [[row[0] for row in sent] for sent in read_conll(in_path)]
    rec = model or Recognizer.load()
    tags = rec.tag_stream(tokens, window=window)
    write_tagged(out_path, tokens, tags)
    return sum(len(s) for s in tokens)
