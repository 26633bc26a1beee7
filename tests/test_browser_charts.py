"""What an analyst sees in the browser (Playwright, headless Chromium): the charts' data and
axes read from the page, Streamlit's own words in the interface's language, mixed-direction
metadata in order, and nothing fetched from the internet.

Two servers: the seed (one article on one day) and ``ui_corpus`` (forty articles of 2018
naming seventy countries, with two distant dates and a Latin source name).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from browser_support import VIEWPORT, settle, streamlit_server
from ui_corpus import write_corpus

from dashboard.i18n import t

pytestmark = pytest.mark.browser

TALL = {"width": VIEWPORT["width"], "height": 2400}  # every chart of a page in view
ARABIC_MONTHS = [t(f"month_{m}", "ar") for m in range(1, 13)]
ENGLISH_MONTHS = [t(f"month_{m}", "en") for m in range(1, 13)]

# A chart's data and axes as Plotly holds them in the page (``_fullData``/``_fullLayout``),
# and the tick labels it drew.
READ_PLOT = """el => {
  const plot = el.querySelector('.js-plotly-plot');
  const list = v => (v == null ? null : (ArrayBuffer.isView(v) || Array.isArray(v))
      ? Array.from(v, x => (ArrayBuffer.isView(x) || Array.isArray(x)) ? Array.from(x) : x) : v);
  const layout = plot._fullLayout;
  const title = axis => axis && axis.title ? axis.title.text : null;
  const boxes = sel => Array.from(plot.querySelectorAll(sel)).map(e => {
      const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; });
  return {
    data: plot._fullData.map(d => ({name: d.name, type: d.type, x: list(d.x), y: list(d.y),
        z: list(d.z), width: list(d.width), yaxis: d.yaxis, zmax: d.zmax})),
    xrange: layout.xaxis.range, ytitle: title(layout.yaxis), y2title: title(layout.yaxis2),
    xticks: Array.from(plot.querySelectorAll('.xtick text, .x2tick text')).map(e => e.textContent),
    yticks: Array.from(plot.querySelectorAll('.ytick text')).map(e => e.textContent),
    xtickboxes: boxes('.xtick text'), x2tickboxes: boxes('.x2tick text'),
    ytickboxes: boxes('.ytick text'),
    barwidths: Array.from(plot.querySelectorAll('.bars .point path'))
        .map(e => e.getBoundingClientRect().width),
  };
}"""


def read_plot(page, key: str) -> dict:
    """The Plotly chart drawn with Streamlit key ``key``."""
    return page.locator(f".st-key-{key}").evaluate(READ_PLOT)


def open_page(browser, url: str, selector: str = ".js-plotly-plot", n: int = 1):
    page = browser.new_context(viewport=TALL).new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    settle(page, selector, n, timeout=180)
    return page, requests


@pytest.fixture(scope="module")
def seed_url():
    with (
        tempfile.TemporaryDirectory() as tmp,
        streamlit_server("seeds", Path(tmp) / "cache", Path(tmp) / "log") as (url, _),
    ):
        yield url


@pytest.fixture(scope="module")
def ui_url():
    with tempfile.TemporaryDirectory() as tmp:
        source = write_corpus(Path(tmp) / "corpus")
        with streamlit_server(source, Path(tmp) / "cache", Path(tmp) / "log") as (url, _):
            yield url


def blank(value) -> bool:
    """A cell without a value (NaN arrives as NaN, null as None)."""
    return value is None or value != value


def days(values) -> list[pd.Timestamp]:
    return [pd.Timestamp(v) for v in values]


# --- point 2: a chart that draws one article ----------------------------------------------


def test_one_article_on_one_day_draws_a_visible_bar(browser, seed_url):
    page, _ = open_page(browser, seed_url + "/timeline", n=3)
    plot = read_plot(page, "timeline_articles")
    (bar,) = plot["data"]
    assert bar["type"] == "bar" and bar["y"] == [1]
    assert bar["width"][0] == pytest.approx(0.8 * 86_400_000)  # most of a day, not 1 ms
    low, high = days(plot["xrange"])
    centre = pd.Timestamp(bar["x"][0])
    assert low < centre < high and high - low < pd.Timedelta(days=3)
    assert plot["barwidths"] and plot["barwidths"][0] > 20  # pixels: a bar one can see
    assert plot["xticks"] and not any(":" in tick for tick in plot["xticks"])
    page.context.close()


# --- point 1: dates in the text ------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_referenced_dates_zoom_to_the_data_and_name_what_they_count(browser, ui_url, lang):
    page, _ = open_page(browser, f"{ui_url}/timeline?lang={lang}", n=3)
    plot = read_plot(page, "timeline_refs")
    low, high = days(plot["xrange"])
    # The news is from March to June 2018: 1800 and 1948 must not stretch the axis.
    assert pd.Timestamp("2017-09-01") < low < pd.Timestamp("2018-03-02")
    assert pd.Timestamp("2018-06-26") < high < pd.Timestamp("2019-01-01")
    starts = [
        pd.Timestamp(x) for trace in plot["data"] if trace["type"] == "bar" for x in trace["x"]
    ]
    assert starts and all(low <= x <= high for x in starts)
    assert plot["ytitle"] == t("fig_references", lang)
    assert plot["y2title"] == t("fig_articles_published", lang)
    assert plot["ytitle"] != plot["y2title"]
    names = {trace["name"] for trace in plot["data"]}
    assert names == {t("gran_day", lang), t("fig_articles_published", lang)}
    assert not names & {"day", "month"}  # words, not codes
    months = ARABIC_MONTHS if lang == "ar" else ENGLISH_MONTHS
    assert plot["xticks"] and all(any(m in tick for m in months) for tick in plot["xticks"])
    assert not any(":" in tick for tick in plot["xticks"])  # dates, never hours
    # The distant dates are counted and listed under the chart.
    caption = page.get_by_text(t("refs_outlying", lang, values="2", n="4"))
    assert caption.count() == 1
    page.context.close()


# --- point 4: the co-mention heatmap at 60 actors ------------------------------------------


def test_heatmap_of_sixty_actors_keeps_the_diagonal_apart_and_its_labels_readable(browser, ui_url):
    page, _ = open_page(browser, ui_url + "/comentions?top=60")
    plot = read_plot(page, "comention_heatmap")
    heat = next(trace for trace in plot["data"] if trace["type"] == "heatmap")
    z = heat["z"]
    assert len(z) == len(z[0]) == 60
    assert all(blank(z[i][i]) for i in range(60))  # the actor with itself: not coloured
    off = [v for i, row in enumerate(z) for j, v in enumerate(row) if i != j and not blank(v)]
    assert heat["zmax"] == max(off)
    labels = plot["xticks"] + plot["yticks"]
    assert len(plot["xticks"]) == len(plot["yticks"]) == 60  # bottom and top axes together
    assert not any(re.search(r"\b(gpe|per|org|loc)-[a-z]", label) for label in labels)
    assert all(len(label) <= 22 for label in labels)
    for boxes, axis in ((plot["xtickboxes"], 0), (plot["x2tickboxes"], 0), (plot["ytickboxes"], 1)):
        spans = sorted((box[axis], box[axis + 2]) for box in boxes)
        overlaps = [a for a, b in zip(spans, spans[1:], strict=False) if a[1] > b[0] + 1]
        assert overlaps == []  # no label lies on its neighbour
    page.context.close()


# --- point 8: what the filter applies to ----------------------------------------------------


def test_the_overview_says_what_an_actor_filter_applies_to(browser, ui_url):
    page, _ = open_page(browser, ui_url + "/?actor=gpe-russia", n=2)
    note = t("scope_actors", "ar")
    assert page.get_by_text(note).count() == 1
    metrics = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    sentences, actors = int(metrics[1]), int(metrics[2])
    assert actors > sentences  # the numbers the note explains
    page.goto(ui_url + "/")
    settle(page, ".js-plotly-plot", 2)
    assert page.get_by_text(note).count() == 0
    page.context.close()


# --- point 5: Streamlit's words in the interface's language -------------------------------


def after_content(page, selector: str) -> str:
    return page.locator(selector).first.evaluate(
        "e => getComputedStyle(e, '::after').content + '|' + getComputedStyle(e).fontSize"
    )


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_uploader_speaks_the_interface_language(browser, ui_url, lang):
    page, _ = open_page(browser, f"{ui_url}/?lang={lang}", n=2)
    button = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
    hint = '[data-testid="stFileUploaderDropzoneInstructions"] span'
    assert after_content(page, button) == f'"{t("upload_browse", lang)}"|0px'
    content, size = after_content(page, hint).split("|")
    assert size == "0px" and content.startswith(f'"{t("upload_hint", lang, mb=200, types="")[:8]}')
    assert "200" in content and "json" in content
    # Not clipped: the hint's box holds all of its text.
    box = page.locator(hint).first.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert box[0] <= box[1] + 1
    page.context.close()


def test_the_status_widget_speaks_the_interface_language_while_loading(browser):
    """Two sessions in two languages open a fresh server: both wait for the first load."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        streamlit_server("seeds", Path(tmp) / "cache", Path(tmp) / "log") as (url, _),
    ):
        pages = {lang: browser.new_context(viewport=TALL).new_page() for lang in ("ar", "en")}
        for lang, page in pages.items():
            page.goto(f"{url}/?lang={lang}", wait_until="commit")
        seen = {}
        for lang, page in pages.items():
            stop = page.locator('[data-testid="stStatusWidget"] button')
            stop.wait_for(timeout=60_000)
            # Until this session's run has sent the page's styles, the button is Streamlit's.
            for _ in range(120):
                if stop.count():
                    seen[lang] = after_content(page, '[data-testid="stStatusWidget"] button')
                    if not seen[lang].startswith("none"):
                        break
                page.wait_for_timeout(250)
        for page in pages.values():
            page.context.close()
    assert seen == {
        "ar": f'"{t("status_stop", "ar")}"|0px',
        "en": f'"{t("status_stop", "en")}"|0px',
    }


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_first_load_shows_counts_and_fills_in_the_reading_direction(browser, lang):
    with (
        tempfile.TemporaryDirectory() as tmp,
        streamlit_server("seeds", Path(tmp) / "cache", Path(tmp) / "log") as (url, _),
    ):
        page = browser.new_context(viewport=TALL).new_page()
        page.goto(f"{url}/?lang={lang}", wait_until="commit")
        bar = page.locator('[data-testid="stProgress"]')
        bar.wait_for(timeout=60_000)
        labels, transforms = [], set()
        while bar.count():
            try:
                labels.append(bar.first.inner_text(timeout=1000))
                transforms.add(
                    bar.first.locator('[data-testid="stProgressBarTrack"]').evaluate(
                        "e => getComputedStyle(e).transform"
                    )
                )
            except Exception:  # the bar went away between two looks: the load is done
                break
            page.wait_for_timeout(50)
        page.context.close()
    counted = t("count_articles", lang, done="0", total="1")
    assert any(counted in label for label in labels), labels
    assert all(label.startswith(t("loading", lang)) for label in labels)
    # Arabic fills from the right (the track mirrored), English from the left.
    transforms.discard("")  # a look while the bar was being replaced
    assert transforms == ({"matrix(-1, 0, 0, 1, 0, 0)"} if lang == "ar" else {"none"})


def test_a_long_actor_chip_is_not_clipped(browser, ui_url):
    page, _ = open_page(browser, ui_url + "/?actor=gpe-united-states", n=2)
    chip = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] [data-tag] > span')
    assert chip.first.inner_text() == "الولايات المتحدة · United States"
    width = chip.first.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert width[0] <= width[1] + 1
    page.context.close()


# --- point 7: mixed-direction metadata ------------------------------------------------------


def test_a_latin_source_beside_a_date_keeps_its_place_and_its_separators(browser, ui_url):
    page, _ = open_page(browser, ui_url + "/sentences?q=Al+Arabiya", ".sentence-card")
    meta = page.locator(".sentence-card .meta").first
    assert "Al Arabiya" in meta.inner_text()
    parts = meta.locator(":scope > bdi, :scope > .sep").evaluate_all(
        "els => els.map(e => [e.className || 'bdi', e.textContent, "
        "e.getBoundingClientRect().left, e.getBoundingClientRect().right])"
    )
    kinds = [kind for kind, *_ in parts]
    assert kinds == ["bdi", "sep", "bdi", "sep", "bdi"]  # date · source · title
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", parts[0][1]) and parts[2][1] == "Al Arabiya"
    # Right to left: each fragment lies wholly left of the one before it.
    for (_, _, left, _), (_, _, _, right) in zip(parts, parts[1:], strict=False):
        assert right <= left + 1
    page.context.close()


# --- point 11: an offline tool fetches nothing from the internet ---------------------------


def test_no_page_fetches_anything_from_the_internet(browser, seed_url):
    host = seed_url.split("//", 1)[1]
    for path in ("", "timeline", "comentions"):
        page, requests = open_page(browser, f"{seed_url}/{path}")
        page.wait_for_timeout(1500)  # the favicon and fonts load after the first paint
        outside = [r for r in requests if not r.startswith(("data:", "blob:"))]
        outside = [r for r in outside if r.split("//", 1)[-1].split("/", 1)[0] != host]
        assert outside == []
        icons = page.evaluate(
            "() => Array.from(document.querySelectorAll('link[rel*=icon]')).map(l => l.href)"
        )
        assert icons and all(host in icon for icon in icons)
        page.context.close()
