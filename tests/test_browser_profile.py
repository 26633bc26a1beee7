"""The actor and compare pages in headless Chromium on the seed (issue 15, acceptance 3):
a click on the actors page opens a profile, the profile's URL restores it in a fresh
browser, compare shows both actors' distinctive words, both pages in Arabic and English
without errors. (The 4,000-article case: bench/profile_browser.py.)"""

from __future__ import annotations

import re

import pytest
from browser_support import VIEWPORT, query, settle

pytestmark = pytest.mark.browser

CHOE, LAVROV = "per-choe-son-hui", "per-sergey-lavrov"
# The plots of a page: their data and layout, as Plotly holds them in the page.
PLOTS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => ({
  data: p.data.map(t => ({type: t.type, x: t.x, y: t.y, name: t.name})),
  layout: {xaxis: p.layout.xaxis && p.layout.xaxis.title && p.layout.xaxis.title.text,
           ticks: p.layout.yaxis && p.layout.yaxis.ticktext}
}))"""


def no_errors(page) -> None:
    assert not page.locator('[data-testid="stException"]').count()


def test_a_click_on_a_top_actors_bar_opens_the_profile(app_url, page):
    page.goto(app_url + "/actors")
    settle(page, ".js-plotly-plot .bars .point path", 1)
    bar = page.locator(".js-plotly-plot .bars .point path").first
    clicked = page.evaluate(
        """() => { const p = document.querySelector('.js-plotly-plot');
                   return p.data[0].y[0]; }"""
    )
    box = bar.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x - 2, y - 2)
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"/actor\?"), timeout=30000)
    page.wait_for_function("() => location.search.includes('id=')", timeout=30000)
    settle(page, ".js-plotly-plot", 3)
    no_errors(page)
    assert query(page)["id"] == [clicked]
    assert page.locator('[data-testid="stMetric"]').count() == 5


def test_the_profile_url_restores_it_in_a_fresh_browser(app_url, browser, page):
    page.goto(f"{app_url}/actor?id={CHOE}&unit=month&kind=PER")
    settle(page, ".js-plotly-plot", 3)
    no_errors(page)
    heading = page.locator("h2").first.inner_text()
    cards = page.locator(".quote-card").count()
    assert cards == 4  # her four statements
    link = page.url
    other = browser.new_context(viewport=VIEWPORT).new_page()
    other.goto(link)
    settle(other, ".js-plotly-plot", 3)
    no_errors(other)
    params = query(other)
    assert params["id"] == [CHOE] and params["unit"] == ["month"] and params["kind"] == ["PER"]
    assert other.locator("h2").first.inner_text() == heading
    assert other.locator(".quote-card").count() == cards
    other.context.close()


def test_compare_shows_both_actors_distinctive_words(app_url, page):
    page.goto(f"{app_url}/compare?a={CHOE}&b={LAVROV}")
    settle(page, ".js-plotly-plot", 3)
    no_errors(page)
    plots = page.evaluate(PLOTS)
    words = [p for p in plots if p["data"] and p["data"][0]["type"] == "bar"]
    assert len(words) == 2
    for plot in words:
        assert plot["data"][0]["x"] and plot["layout"]["ticks"]
        assert plot["layout"]["xaxis"] == "الدرجة (z)"
    assert set(words[0]["layout"]["ticks"]) != set(words[1]["layout"]["ticks"])


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("path", [f"actor?id={LAVROV}", f"compare?a={LAVROV}&b={CHOE}"])
def test_both_pages_render_in_both_languages(app_url, page, path, lang):
    page.goto(f"{app_url}/{path}&lang={lang}")
    settle(page, ".js-plotly-plot", 3)
    no_errors(page)
    main = page.locator('[data-testid="stMainBlockContainer"]')
    direction = main.evaluate("e => getComputedStyle(e).direction")
    assert direction == ("rtl" if lang == "ar" else "ltr")
    title = page.locator("h1").first.inner_text()
    assert title in ("ملف فاعل", "مقارنة فاعلين", "Actor profile", "Compare two actors")
    assert (title.isascii()) == (lang == "en")
