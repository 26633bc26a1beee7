"""Command line: the dashboard's frames and images for scripts and terminals.

python -m dashboard export SOURCE|STORE --out DIR
python -m dashboard ingest SOURCE [--store DIR [--scheduler tcp://HOST:8786 | --workers N]
                                             [--progress jsonl]]
python -m dashboard publish STORE|SOURCE --out DIR
python -m dashboard ner-tag IN.conll --out OUT.conll
python -m dashboard wordcloud SOURCE --out cloud.png [--font TTF] [--actor ID ...]
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from dashboard.frames import ACTOR_KINDS
from dashboard.ingest.progress import PROGRESS_FORMATS, PROGRESS_LINES, ProgressEvent

DESCRIPTION = """\
Arabic News Explorer on the command line. SOURCE is a file (.txt in the wire
layout or plain, .jsonl, .json, .csv, .zip) or a folder of them, read
recursively. Files that cannot be read are listed with the reason and the rest
still load; the exit status is 0 unless nothing could be done at all.
"""


class _ProgressBar:
    """A tqdm bar on stderr driven by ``progress(event)`` callbacks: one bar per stage,
    with its counts, rate (files/s while reading, articles/s while analysing) and time
    left. Call it as the callback; ``close()`` when the load ends."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._stage = ""

    def __call__(self, event: ProgressEvent) -> None:
        from tqdm import tqdm

        if event.stage == "done":
            self.close()
            return
        if event.stage != self._stage:
            self.close()
            self._stage = event.stage
            self._bar = tqdm(
                total=event.total,
                desc=event.stage.capitalize(),
                unit=f" {event.unit}",  # tqdm shows "12.3 articles/s"
                file=sys.stderr,
                leave=False,
                dynamic_ncols=True,
            )
        if event.total != self._bar.total:
            self._bar.total = event.total  # a zip's entries are counted when it is opened
        self._bar.update(max(0, event.done - self._bar.n))

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _load(source: str, use_cache: bool = True) -> Any:
    """The corpus of ``source``: a store folder's frames (``load_store``), else
    ``load_corpus(source)`` with a progress bar; then a summary on stderr. A store that
    cannot be opened ends the program with its reason (exit status 2)."""
    from dashboard import load_corpus
    from dashboard.store.manifest import StoreError, is_store
    from dashboard.store.reader import load_store

    if is_store(Path(source)):
        try:
            corpus = load_store(source)
        except StoreError as exc:
            print(f"error: {exc}", file=sys.stderr)
            raise SystemExit(2) from exc
    else:
        bar = _ProgressBar()
        try:
            corpus = load_corpus(source, progress=bar, use_cache=use_cache)
        finally:
            bar.close()
    given = len(corpus.articles) + len(corpus.skipped)
    print(
        f"{source}: {len(corpus.articles):,} articles loaded, {len(corpus.skipped):,} skipped "
        f"(of {given:,} items); {len(corpus.sentences):,} sentences, {len(corpus.actors):,} "
        f"actors, {len(corpus.mentions):,} mentions, {len(corpus.dates):,} dates, "
        f"{len(corpus.quotes):,} quotes",
        file=sys.stderr,
    )
    for item, reason in corpus.skipped[["item", "reason"]].itertuples(index=False):
        print(f"  skipped {item}: {reason}", file=sys.stderr)
    return corpus


def cmd_export(args: argparse.Namespace) -> int:
    """``export SOURCE --out DIR``: every frame as DIR/NAME.csv (a missing value, such as
    an unresolved speaker or its offsets, as an empty field)."""
    corpus = _load(args.source, use_cache=not args.no_cache)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    frames = corpus.all_frames() if args.with_terms else corpus.frames()
    for name, df in frames.items():
        df.to_csv(out / f"{name}.csv", index=False, encoding="utf-8")
    print(f"wrote {', '.join(f'{n}.csv' for n in frames)} to {out}", file=sys.stderr)
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    """``ingest SOURCE``: load once so that the Parquet cache holds the frames;
    ``ingest SOURCE --store DIR``: create or update the store in DIR incrementally."""
    if args.store:
        return _ingest_store(args)
    if args.scheduler or args.workers:
        print("error: --scheduler and --workers need --store DIR", file=sys.stderr)
        return 2
    if args.progress == PROGRESS_LINES:
        print("error: --progress jsonl needs --store DIR", file=sys.stderr)
        return 2
    from dashboard.cache import cache_key
    from dashboard.paths import cache_dir

    corpus = _load(args.source, use_cache=True)
    print(f"cache: {cache_dir() / cache_key(corpus.fingerprint)}", file=sys.stderr)
    print(f"corpus fingerprint: {corpus.fingerprint}")
    return 0


class _ProgressLines:
    """``--progress jsonl``: each event as one JSON line on stdout, flushed at once (what
    ``dashboard.store.child`` reads from the child ingest it runs)."""

    def __call__(self, event: ProgressEvent) -> None:
        from dashboard.store.child import progress_line

        print(progress_line(event), flush=True)

    def close(self) -> None:
        pass


def _ingest_store(args: argparse.Namespace) -> int:
    from dashboard.ingest.cluster import ClusterError
    from dashboard.store.child import error_line, result_line
    from dashboard.store.manifest import StoreError
    from dashboard.store.writer import ingest

    lines = args.progress == PROGRESS_LINES
    bar = _ProgressLines() if lines else _ProgressBar()
    try:
        with _cluster(args) as cluster:
            result = ingest(args.source, args.store, progress=bar, cluster=cluster)
    except (StoreError, ClusterError) as exc:
        bar.close()
        if lines:
            print(error_line(str(exc)), flush=True)
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        bar.close()
    if lines:
        print(result_line(result), flush=True)
        return 0
    print(
        f"{args.store}: generation {result.generation}, {result.articles:,} articles from "
        f"{result.inputs:,} inputs; {result.read:,} inputs read, {result.removed:,} removed, "
        f"{result.analysed:,} articles analysed in {result.seconds:.1f} s",
        file=sys.stderr,
    )
    steps = ", ".join(f"{k} {v:.1f} s" for k, v in result.timings.items())
    print(f"  steps: {steps}", file=sys.stderr)
    print(f"store {result.store_id} generation {result.generation}")
    return 0


# --- ingest on a Dask cluster (--scheduler / --workers) --------------------------------


def _cluster(args: argparse.Namespace) -> Any:
    """The Dask cluster ``--scheduler``/``--workers`` ask for, opened (its dashboard's
    link printed), as a context manager; a null context without either flag (stage 1
    runs in the local process pool)."""
    from contextlib import nullcontext

    if args.scheduler is None and args.workers is None:
        return nullcontext()
    from dashboard.ingest.cluster import Cluster

    cluster = Cluster(scheduler=args.scheduler, workers=args.workers)
    where = args.scheduler or f"a local cluster of {args.workers} worker processes"
    print(f"connecting to {where}", file=sys.stderr)
    cluster.open()
    print(
        f"Dask: {cluster.n_workers()} workers at {cluster.address}; "
        f"dashboard {cluster.dashboard_link}",
        file=sys.stderr,
    )
    return cluster


def cmd_publish(args: argparse.Namespace) -> int:
    """``publish STORE|SOURCE --out DIR``: a read-only store for a deployment."""
    from dashboard.query.aggregates import published_aggregates
    from dashboard.store.manifest import StoreError
    from dashboard.store.publish import publish

    bar = _ProgressBar()
    try:
        manifest = publish(
            args.source,
            args.out,
            workers=args.workers,
            progress=bar,
            aggregates=published_aggregates,
        )
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        bar.close()
    out = Path(args.out)
    files = [p for p in out.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    largest = max(p.stat().st_size for p in files)
    print(
        f"{out}: store {manifest.store_id} generation {manifest.generation}, {len(files)} files, "
        f"{total / 1e6:,.1f} MB (largest {largest / 1e6:,.1f} MB)",
        file=sys.stderr,
    )
    return 0


def cmd_ner_tag(args: argparse.Namespace) -> int:
    """``ner-tag IN.conll --out OUT.conll``: IOB2 tags of a CoNLL file's tokens."""
    from dashboard.actors.recognizer import ModelMissingError
    from dashboard.actors.tag_file import tag_conll

    try:
        tag_conll(args.input, args.out)
    except (ModelMissingError, OSError, UnicodeDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def _iso_date(text: str) -> date:
    """argparse type: a YYYY-MM-DD date."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from exc


def cmd_wordcloud(args: argparse.Namespace) -> int:
    """``wordcloud SOURCE --out PNG``: the words page's cloud for a filter, as a PNG."""
    from dashboard.analysis.filters import Filter, apply_filter
    from dashboard.analysis.terms import word_cloud_frequencies
    from dashboard.charts.wordcloud import wordcloud_png

    corpus = _load(args.source, use_cache=not args.no_cache)
    unknown = sorted(set(args.actor) - set(corpus.actors["actor_id"]))
    if unknown:
        print(f"error: unknown actor id(s): {', '.join(unknown)}", file=sys.stderr)
        print(
            "  (python -m dashboard export SOURCE --out DIR lists them in actors.csv)",
            file=sys.stderr,
        )
        return 2
    flt = Filter(
        actors=tuple(args.actor),
        sources=tuple(args.source_name),
        kinds=tuple(args.kind),
        date_from=args.date_from,
        date_to=args.date_to,
    )
    frequencies = word_cloud_frequencies(apply_filter(corpus, flt), max_words=args.max_words)
    if not frequencies:
        print("error: no words to draw for this selection", file=sys.stderr)
        return 1
    try:
        png = wordcloud_png(
            frequencies,
            width=args.width,
            height=args.height,
            font_path=args.font,
            max_words=args.max_words,
            layout=args.layout,
        )
    except ValueError as exc:  # a font without Arabic glyphs, a canvas too small, no raqm
        print(f"error: {exc}", file=sys.stderr)
        return 1
    Path(args.out).write_bytes(png)
    print(f"wrote {args.out} ({len(frequencies)} words)", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command (each sets ``func``, the ``cmd_*`` that runs it)."""
    from dashboard.charts.shaping import LAYOUTS  # here: it imports Pillow and the reshaper

    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "export",
        help="write every frame as CSV (articles, sentences, actors, mentions, dates, quotes, "
        "skipped)",
        description="Load SOURCE (or a store folder) and write each frame of the data "
        "contract as DIR/NAME.csv (UTF-8). quotes.csv lists the reported statements with "
        "their speakers (an empty speaker: not resolved to an actor). skipped.csv lists every "
        "item that could not be loaded, with the reason.",
    )
    p.add_argument("source", metavar="SOURCE")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write the CSV files to")
    p.add_argument("--with-terms", action="store_true", help="also write terms.csv (large)")
    p.add_argument("--no-cache", action="store_true", help="ignore and do not write the cache")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "ingest",
        help="analyse SOURCE once: into the Parquet cache, or into a store (--store DIR)",
        description="Build the Parquet cache for SOURCE (DASHBOARD_CACHE or data/cache/), "
        "with a progress bar, so that the dashboard opens it instantly. With --store DIR, "
        "create or update the store in DIR instead: only new or changed inputs (records "
        "appended to a JSONL or CSV included) are analysed, vanished ones are removed.",
    )
    p.add_argument("source", metavar="SOURCE")
    p.add_argument("--store", metavar="DIR", help="the store folder to create or update")
    p.add_argument(
        "--progress",
        choices=PROGRESS_FORMATS,
        default="bar",
        help="with --store: a progress bar on stderr (default), or jsonl: each progress "
        "event, then the result or the error, as one JSON object a line on stdout (for a "
        "program running the ingest)",
    )
    cluster = p.add_mutually_exclusive_group()
    cluster.add_argument(
        "--scheduler",
        metavar="tcp://HOST:8786",
        help="with --store: analyse on this Dask cluster (inputs and store on a path every "
        "worker reaches)",
    )
    cluster.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="with --store: analyse on a local Dask cluster of N worker processes "
        "(default: the local process pool)",
    )
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser(
        "publish",
        help="write a read-only store of STORE or SOURCE for a deployment (files under 50 MB)",
        description="Copy the current generation of a store (or ingest SOURCE first) into "
        "DIR as a read-only store whose files are each under 50 MB, to commit next to a "
        "deployed app (DASHBOARD_STORE=DIR).",
    )
    p.add_argument("source", metavar="STORE|SOURCE")
    p.add_argument("--out", required=True, metavar="DIR", help="a new or empty folder")
    p.add_argument(
        "--workers", type=int, default=None, metavar="N", help="analysis processes (default: cores)"
    )
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser(
        "ner-tag",
        help="tag the tokens of a CoNLL file with the named-entity recogniser",
        description="Read the first column of IN (one token a line, blank lines between "
        f"sentences) and write 'token TAG' lines, IOB2 over {'/'.join(ACTOR_KINDS)}.",
    )
    p.add_argument("input", metavar="IN.conll")
    p.add_argument("--out", required=True, metavar="OUT.conll")
    p.set_defaults(func=cmd_ner_tag)

    p = sub.add_parser(
        "wordcloud",
        help="draw the Arabic word cloud of SOURCE (optionally filtered) as a PNG",
        description="The word cloud of the dashboard's words page, for the same filter.",
    )
    p.add_argument("source", metavar="SOURCE")
    p.add_argument("--out", required=True, metavar="PNG")
    p.add_argument("--font", metavar="TTF", help="a TrueType/OpenType font with Arabic glyphs")
    p.add_argument(
        "--actor", action="append", default=[], metavar="ID", help="actor id (repeatable)"
    )
    p.add_argument(
        "--source-name",
        action="append",
        default=[],
        metavar="NAME",
        help="outlet/agency (repeatable)",
    )
    p.add_argument("--kind", action="append", default=[], choices=ACTOR_KINDS)
    p.add_argument("--from", dest="date_from", type=_iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_iso_date, metavar="YYYY-MM-DD")
    p.add_argument(
        "--layout",
        choices=LAYOUTS,
        default="auto",
        help="Pillow text engine: auto (same image on every host), basic, or raqm",
    )
    p.add_argument("--max-words", type=int, default=150)
    p.add_argument("--width", type=int, default=1200)
    p.add_argument("--height", type=int, default=600)
    p.add_argument("--no-cache", action="store_true", help="ignore and do not write the cache")
    p.set_defaults(func=cmd_wordcloud)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command ``argv`` names (default: ``sys.argv[1:]``); the exit status."""
    args = build_parser().parse_args(argv)
    return args.func(args)
