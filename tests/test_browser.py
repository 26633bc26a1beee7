"""The real app in headless Chromium (Playwright): pages render, the URL carries the filter.

A fixture starts ``streamlit run dashboard/app.py`` on a free port with the seed
corpus. With ``SCREENSHOTS=1`` the page tour also writes docs/screenshots/*.png
(Arabic interface, plus the overview and actors pages in English).
"""

from __future__ import annotations

import os
import re
import urllib.request
from pathlib import Path

import pytest
from browser_support import VIEWPORT, metrics, query, settle

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
SHOTS = REPO / "docs" / "screenshots"
# path -> what proves the page drew its charts: (CSS selector, minimum count)
PAGES = {
    "": (".js-plotly-plot", 2),
    "actors": (".js-plotly-plot", 1),
    "comentions": (".js-plotly-plot", 1),
    "words": ('[data-testid="stImage"] img', 1),
    "timeline": (".js-plotly-plot", 3),
    "sentences": (".sentence-card", 1),
}


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_renders_its_charts_right_to_left(app_url, page, path):
    selector, minimum = PAGES[path]
    page.goto(f"{app_url}/{path}")
    settle(page, selector, minimum)
    assert not page.locator('[data-testid="stException"]').count()
    main = page.locator('[data-testid="stMainBlockContainer"]')
    assert main.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert "corpus" in query(page)
    if os.environ.get("SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{path or 'overview'}_ar.png"), full_page=True)


def test_the_arabic_font_is_served_with_the_app(app_url):
    font = app_url + "/app/static/fonts/Amiri-Regular.ttf"
    with urllib.request.urlopen(font) as reply:  # noqa: S310
        assert reply.status == 200
        assert reply.read(4) == b"\x00\x01\x00\x00"  # a TrueType font


def test_selecting_an_actor_changes_the_url_and_charts_and_the_link_restores_it(
    app_url, browser, page
):
    page.goto(app_url + "/")
    settle(page, ".js-plotly-plot", 2)
    before = metrics(page)
    picker = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    picker.locator("input").click()
    page.keyboard.type("روسيا")
    page.get_by_role("option", name=re.compile("Russia")).first.click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('actor=')", timeout=30000)
    settle(page, ".js-plotly-plot", 2)
    actor = query(page)["actor"]
    after = metrics(page)
    assert after != before  # fewer sentences, actors and mentions
    assert int(after["الجمل"]) < int(before["الجمل"])

    # The link in a fresh browser context (a new session) shows the same view.
    link = page.url
    other = browser.new_context(viewport=VIEWPORT).new_page()
    other.goto(link)
    settle(other, ".js-plotly-plot", 2)
    assert query(other)["actor"] == actor
    assert metrics(other) == after
    chips = other.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    assert "Russia" in chips.inner_text()
    if os.environ.get("SCREENSHOTS") == "1":
        other.goto(link.replace("/?", "/sentences?"))
        settle(other, ".sentence-card", 1)
        other.screenshot(path=str(SHOTS / "sentences_filtered_ar.png"), full_page=True)
    other.context.close()


def test_switching_pages_keeps_the_filter(app_url, page):
    page.goto(app_url + "/?kind=GPE&actor=gpe-russia")
    settle(page, ".js-plotly-plot", 2)
    page.locator('[data-testid="stSidebarNav"] a[href$="/timeline"]').click()
    page.wait_for_url(re.compile(r"/timeline"))
    page.wait_for_function("() => location.search.includes('actor=gpe-russia')", timeout=30000)
    settle(page, ".js-plotly-plot", 3)
    assert query(page)["kind"] == ["GPE"]


def test_picking_a_row_in_the_actor_table_sets_the_filter(app_url, page):
    page.goto(app_url + "/actors")
    settle(page, '[data-testid="stDataFrame"]', 1)
    table = page.locator('[data-testid="stDataFrame"]').first
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    row_height = 35  # header + rows of Streamlit's data grid
    page.mouse.click(box["x"] + 16, box["y"] + row_height * 1.5)  # first row's checkbox
    page.wait_for_function("() => location.search.includes('actor=')", timeout=30000)
    settle(page, ".js-plotly-plot", 1)
    picked = query(page)["actor"]
    assert len(picked) == 1
    chips = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    assert " · " in chips.inner_text()  # the picked actor's 'عربي · English' chip


def test_clicking_a_heatmap_cell_shows_that_pairs_sentences(app_url, page):
    page.goto(app_url + "/comentions")
    settle(page, ".js-plotly-plot .nsewdrag", 1)
    area = page.locator(".js-plotly-plot .nsewdrag").first.bounding_box()
    # Row 1, column 0 of the matrix: the two most mentioned actors (off the diagonal).
    cells = page.locator(".js-plotly-plot .ytick").count()
    x = area["x"] + area["width"] * 0.5 / cells
    y = area["y"] + area["height"] * 1.5 / cells
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.wait_for_function("() => location.search.includes('b=')", timeout=30000)
    settle(page, ".sentence-card", 1)
    pair = query(page)
    assert pair["a"] != pair["b"]
    html = page.locator(".sentence-card").first.inner_html()
    assert f'data-actor="{pair["a"][0]}"' in html and f'data-actor="{pair["b"][0]}"' in html


def test_garbage_in_the_link_is_announced_not_fatal(app_url, page):
    page.goto(app_url + "/actors?actor=nobody&from=2024-99-99&top=lots")
    settle(page, ".js-plotly-plot", 1)
    warning = page.locator('[data-testid="stAlertContentWarning"]').inner_text()
    assert "nobody" in warning and "2024-99-99" in warning
    assert "actor" not in query(page) and "top" not in query(page)


def test_english_interface_is_left_to_right(app_url, page):
    for path in ("", "actors"):
        page.goto(f"{app_url}/{path}?lang=en")
        settle(page, ".js-plotly-plot", 1)
        main = page.locator('[data-testid="stMainBlockContainer"]')
        assert main.evaluate("e => getComputedStyle(e).direction") == "ltr"
        assert page.locator("h1").first.inner_text() in ("Arabic News Explorer", "Actors")
        if os.environ.get("SCREENSHOTS") == "1":
            name = f"{path or 'overview'}_en.png"
            page.screenshot(path=str(SHOTS / name), full_page=True)
