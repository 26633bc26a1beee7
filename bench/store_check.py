"""Acceptance 1 of issue 11 on real data: a store's frames equal ``load_corpus``'s however
the inputs arrived.

    .venv/bin/python bench/store_check.py [--n 1000] [--wires DIR] [--corpus FILE]

* the 30 wires (``shared/data/corpora/seed_format``): in one run, then file by file (in
  reverse order, so that every new file sorts before the stored ones);
* the first ``--n`` articles of ``dated_news.jsonl`` as four JSONL files arriving one by
  one, then records appended to the last one in two steps.

After each step the store's frames (sorted by their keys, as ``bench/frames_check.py``
sorts them) and fingerprint are compared with ``load_corpus`` of the same folder.
Needs the shared corpora (``bench/shared_corpora.py``); not part of the tests.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from frames_check import normalised
from shared_corpora import corpora_dir


def same(store: Path, source: Path) -> str:
    from dashboard import load_corpus
    from dashboard.store.reader import load_store

    got, want = load_store(store), load_corpus(source, use_cache=False, workers=1)
    for name, df in want.all_frames().items():
        try:
            pd.testing.assert_frame_equal(
                normalised(name, getattr(got, name)), normalised(name, df), check_exact=True
            )
        except AssertionError as exc:
            return f"DIFFERENT {name}: {str(exc)[:300]}"
    if got.fingerprint != want.fingerprint:
        return "DIFFERENT fingerprint"
    return f"same ({len(want.articles):,} articles, {len(want.mentions):,} mentions)"


def step(what: str, source: Path, store: Path) -> bool:
    from dashboard.store.writer import ingest

    t0 = time.perf_counter()
    result = ingest(source, store, workers=1)
    seconds = time.perf_counter() - t0
    verdict = same(store, source)
    print(
        f"{what}: generation {result.generation}, {result.analysed:,} analysed in "
        f"{seconds:.1f} s; {verdict}",
        flush=True,
    )
    return verdict.startswith("same")


def wires(folder: Path, work: Path) -> bool:
    files = sorted(folder.glob("*.txt"))
    ok = step(f"{len(files)} wires, one run", folder, work / "wires_once")
    source = work / "wires_src"
    source.mkdir()
    for path in reversed(files):
        shutil.copy(path, source / path.name)
        ok &= step(f"  + {path.name}", source, work / "wires_by_file")
    return ok


def jsonl(corpus: Path, n: int, work: Path) -> bool:
    with corpus.open(encoding="utf-8") as fh:
        lines = list(itertools.islice(fh, n))
    quarter = len(lines) // 4
    parts = [lines[i * quarter : (i + 1) * quarter] for i in range(4)]
    source, store = work / "jsonl_src", work / "jsonl_store"
    source.mkdir()
    ok = True
    for i, part in reversed(list(enumerate(parts))):
        keep = part if i < 3 else part[: len(part) // 2]
        (source / f"part_{i}.jsonl").write_text("".join(keep), encoding="utf-8")
        ok &= step(f"part_{i}.jsonl ({len(keep)} records)", source, store)
    rest = parts[3][len(parts[3]) // 2 :]
    for chunk in (rest[: len(rest) // 2], rest[len(rest) // 2 :]):
        with (source / "part_3.jsonl").open("a", encoding="utf-8") as fh:
            fh.write("".join(chunk))
        ok &= step(f"{len(chunk)} records appended to part_3.jsonl", source, store)
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--wires", type=Path, default=corpora_dir() / "seed_format")
    parser.add_argument("--corpus", type=Path, default=corpora_dir() / "dated_news.jsonl")
    args = parser.parse_args()
    if not args.wires.is_dir() or not args.corpus.exists():
        print("missing the shared corpora (see bench/shared_corpora.py)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="ane-store-check-"))
    ok = wires(args.wires, work)
    ok &= jsonl(args.corpus, args.n, work)
    print("all same" if ok else "SOME DIFFERENT")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
