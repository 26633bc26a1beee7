"""What the browser tests (and bench/sessions.py) share: a Streamlit server, Chromium, waits.

``streamlit_server(corpus, cache_dir, log_path, extra_args)`` runs
``streamlit run dashboard/app.py`` on a free port and yields its URL and process;
``launch_chromium(playwright)`` starts the Debian Chromium (never a downloaded
one); ``settle(page, selector, n)`` waits until a script run finished and the page
shows ``n`` nodes matching ``selector``. ``guard(page)`` arms a page against script
injection: it counts JavaScript dialogs and exposes the ``window.__xss`` canary
that hostile payloads try to set.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1400, "height": 1000}
# Defined before any page script runs: payloads that execute set it to a number.
CANARY_SCRIPT = "window.__xss = undefined;"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(
    corpus: str | Path,
    cache_dir: str | Path,
    log_path: str | Path,
    extra_args: Sequence[str] = (),
    startup_timeout: float = 60,
    app: str | Path = "dashboard/app.py",
    extra_env: Mapping[str, str] | None = None,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run the dashboard (or another Streamlit ``app``) on ``corpus``
    (``DASHBOARD_CORPUS``); yields (url, process). ``extra_env`` adds to the server's
    environment (e.g. ``DASHBOARD_STORE``)."""
    port = free_port()
    env = {**os.environ, "DASHBOARD_CORPUS": str(corpus), "DASHBOARD_CACHE": str(cache_dir)}
    env.update(extra_env or {})
    log = Path(log_path)
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(app),
                "--server.headless", "true", "--server.port", str(port),
                "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
                # Other work in the checkout must not trigger "file changed" reruns.
                "--server.fileWatcherType", "none", "--server.runOnSave", "false",
                *extra_args,
            ],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            try:
                health = url + "/_stcore/health"  # http://127.0.0.1 only
                with urllib.request.urlopen(health, timeout=2) as reply:  # noqa: S310
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("streamlit did not start:\n" + log.read_text())
            time.sleep(0.3)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def launch_chromium(playwright):
    """Debian's Chromium through Playwright (``playwright install`` is never needed)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def settle(page, selector: str, minimum: int, timeout: float = 60) -> None:
    """Wait until the script finished and ``selector`` matches at least ``minimum`` nodes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = page.locator('[data-testid="stStatusWidget"]')
        running = status.filter(has_text=re.compile("Stop|Running|Connecting")).count()
        skeletons = page.locator('[data-testid="stSkeleton"]').count()
        if not running and not skeletons and page.locator(selector).count() >= minimum:
            page.wait_for_timeout(800)  # Plotly finishes laying out its SVG
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"{selector} x{minimum} not shown on {page.url}")


def metrics(page) -> dict[str, str]:
    """The overview's headline numbers: label -> value as shown."""
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    return dict(zip(labels, values, strict=True))


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


class Guard:
    """JavaScript dialogs a page opened (alert/confirm/prompt), and the canary's value."""

    def __init__(self, page) -> None:
        self.page = page
        self.dialogs: list[str] = []
        page.add_init_script(CANARY_SCRIPT)
        page.on("dialog", self._dismiss)

    def _dismiss(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def canary(self):
        """``window.__xss`` in the page and every frame (None while no payload ran)."""
        for frame in self.page.frames:
            with contextlib.suppress(Exception):  # a frame may be gone already
                value = frame.evaluate("() => window.__xss ?? null")
                if value is not None:
                    return value
        return None

    def assert_clean(self) -> None:
        assert self.dialogs == [], self.dialogs
        assert self.canary() is None, f"an injected script ran on {self.page.url}"


def guard(page) -> Guard:
    return Guard(page)


async def settle_async(page, selector: str, minimum: int, timeout: float = 60) -> None:
    """``settle`` for Playwright's async API (concurrent sessions in one event loop)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = page.locator('[data-testid="stStatusWidget"]')
        running = await status.filter(has_text=re.compile("Stop|Running|Connecting")).count()
        skeletons = await page.locator('[data-testid="stSkeleton"]').count()
        if not running and not skeletons and await page.locator(selector).count() >= minimum:
            await page.wait_for_timeout(800)
            return
        await page.wait_for_timeout(250)
    raise AssertionError(f"{selector} x{minimum} not shown on {page.url}")


async def metrics_async(page) -> dict[str, str]:
    labels = await page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    values = await page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    return dict(zip(labels, values, strict=True))


# ---------------------------------------------------------------------------
# Concurrent sessions (tests/test_sessions.py, bench/sessions.py): each opens its own
# filter link and must see its own view, whatever the others do at the same time.


@dataclass
class SessionPlan:
    """One visitor: the page and filter it opens, and what it must then see."""

    name: str
    path: str  # "" (overview), "actors", "sentences", ...
    params: dict[str, list[str]]
    sentences: int  # sentences of the filter (overview metric / sentences caption)
    chips: list[str]  # actor labels the sidebar's actor filter shows
    lang: str = "ar"

    @property
    def url_query(self) -> str:
        return urlencode([(k, v) for k, vs in self.params.items() for v in vs])


def session_plans(corpus, n: int) -> list[SessionPlan]:
    """``n`` different views of ``corpus``: by actor, actor + kind, kind, on the
    overview, actors and sentences pages, alternately in Arabic and English.

    The expected numbers come from the analysis layer (what the page must show).
    """
    from dashboard.analysis.counts import summary
    from dashboard.analysis.filters import Filter, apply_filter
    from dashboard.query.counts import option_label

    actors = corpus.actors.sort_values(["mentions", "actor_id"], ascending=[False, True])
    labels = {
        str(i): option_label(ar, en, str(i))
        for i, ar, en in zip(actors["actor_id"], actors["name_ar"], actors["name_en"], strict=True)
    }
    ranked = actors["actor_id"].astype(str).tolist()
    kind_of = dict(zip(ranked, actors["kind"].astype(str), strict=True))
    kinds = [k for k in ("GPE", "PER", "ORG", "LOC") if k in set(kind_of.values())]
    plans: list[SessionPlan] = []
    for i in range(n):
        actor = ranked[i % len(ranked)]
        shape = i % 5
        lang = "en" if i % 2 else "ar"
        if shape == 0:
            path, flt = "", Filter(actors=[actor])
        elif shape == 1:
            path, flt = "", Filter(actors=[actor], kinds=[kind_of[actor]])
        elif shape == 2:
            path, flt = "", Filter(kinds=[kinds[(i // 5) % len(kinds)]])
        elif shape == 3:
            path, flt = "actors", Filter(actors=[actor])
        else:
            path, flt = "sentences", Filter(actors=[actor])
        params: dict[str, list[str]] = {}
        if flt.actors:
            params["actor"] = list(flt.actors)
        if flt.kinds:
            params["kind"] = list(flt.kinds)
        if lang == "en":
            params["lang"] = ["en"]
        count = summary(apply_filter(corpus, flt))["sentences"]
        chips = [labels[a] for a in flt.actors]
        plans.append(SessionPlan(f"s{i}", path, params, count, chips, lang))
    return plans


SELECTORS = {"": ".js-plotly-plot", "actors": ".js-plotly-plot", "sentences": ".sentence-card"}


@dataclass
class SessionSeen:
    """What one session's page showed."""

    plan: SessionPlan
    seconds: float  # from opening the link to the settled page
    query: dict[str, list[str]]
    sentences: int | None  # the overview's metric or the sentences page's count
    chips: str  # text of the sidebar's actor filter
    direction: str


async def run_session(browser, base_url: str, plan: SessionPlan, timeout: float = 120):
    """Open ``plan``'s link in a fresh browser context (a new Streamlit session)."""
    context = await browser.new_context(viewport=VIEWPORT)
    try:
        page = await context.new_page()
        start = time.monotonic()
        await page.goto(f"{base_url}/{plan.path}?{plan.url_query}")
        await settle_async(page, SELECTORS.get(plan.path, ".js-plotly-plot"), 1, timeout)
        seconds = time.monotonic() - start
        count = None
        if plan.path == "":
            shown = await metrics_async(page)
            label = "Sentences" if plan.lang == "en" else "الجمل"
            count = int(shown[label].replace(",", "").replace("٬", ""))
        elif plan.path == "sentences":
            caption = await page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
            numbers = [c for c in caption if re.fullmatch(r"[\d,]+ (جملة|sentences)", c.strip())]
            count = int(numbers[0].split()[0].replace(",", "")) if numbers else None
        picker = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
        main = page.locator('[data-testid="stMainBlockContainer"]')
        return SessionSeen(
            plan=plan,
            seconds=seconds,
            query=parse_qs(urlparse(page.url).query),
            sentences=count,
            chips=await picker.inner_text(),
            direction=await main.evaluate("e => getComputedStyle(e).direction"),
        )
    finally:
        await context.close()


def check_session(seen: SessionSeen, others: Sequence[SessionPlan]) -> list[str]:
    """What is wrong with what ``seen`` showed (empty when it saw exactly its own view)."""
    plan, problems = seen.plan, []
    for key, values in plan.params.items():
        if seen.query.get(key) != values:
            problems.append(f"URL {key}={seen.query.get(key)} instead of {values}")
    for key in ("actor", "kind", "lang"):
        if key in seen.query and key not in plan.params:
            problems.append(f"URL has {key}={seen.query[key]} it never asked for")
    if seen.sentences is not None and seen.sentences != plan.sentences:
        problems.append(f"{seen.sentences} sentences shown, {plan.sentences} expected")
    for chip in plan.chips:
        if chip not in seen.chips:
            problems.append(f"actor chip {chip!r} missing")
    for other in others:
        for chip in other.chips:
            if chip not in plan.chips and chip in seen.chips:
                problems.append(f"shows {other.name}'s actor {chip!r}")
    expected_dir = "ltr" if plan.lang == "en" else "rtl"
    if seen.direction != expected_dir:
        problems.append(f"direction {seen.direction}, expected {expected_dir}")
    return problems
