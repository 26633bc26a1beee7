"""Hostile input never runs in the browser: it is shown as text (Playwright, real Chromium).

A corpus whose titles, sources, datelines, article text, ids and file/folder names
carry HTML and JavaScript payloads is served by the real app, and every page is
opened with hostile values in every URL parameter. Each payload tries to set the
``window.__xss`` canary or open a dialog; the tests assert none did, and that the
payloads are visible as literal text (sentence cards, sidebar, notices). Plotly
figures with markup in their labels are checked in the browser too, and the upload
limit (a test server with ``--server.maxUploadSize 1``) is what a user sees.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import pytest
from browser_support import VIEWPORT, guard, settle, streamlit_server

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_ca1ffc38c5cd97af.txt"

IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "<script>window.__xss=2</script>"
LINK = '<a href="javascript:window.__xss=3">اضغط</a>'
FOLDER = "<img src=x onerror=window.__xss=4>"  # the corpus folder's name (no "/" possible)
BROKEN = "<svg onload=window.__xss=5>.csv"  # a file the reader skips: its name is listed
SOURCE = "وكالة " + IMG
TITLE = "عنوان " + LINK + " <b>عريض</b>"
DATELINE = "موسكو" + SCRIPT
BIDI = "\u202e\u2066"  # right-to-left override + isolate: must not survive into notices

# Hostile URL values (each also tries to break out of an attribute or a JS string).
URL_PAYLOADS = {
    "actor": ['"><script>window.__xss=6</script>', "A" * 3000],
    "from": ["javascript:alert(1)"],
    "to": ["'-alert(1)-'"],
    "kind": [BIDI + IMG],
    "lang": ['"><svg onload=alert(1)>'],
    "page": ["1<script>alert(1)</script>"],
    "a": [IMG],
    "b": ["javascript:alert(1)"],
    "window": ["</script><script>window.__xss=7</script>"],
    "measure": ["<b>pmi</b>"],
    "order": ["${alert(1)}"],
    "top": ["1e9<img src=x onerror=alert(1)>"],
    "unit": ["{{constructor.constructor('alert(1)')()}}"],
    "corpus": ['"><img src=x onerror="window.__xss=8">'],
}
PAGES = {
    "": ".js-plotly-plot",
    "actors": ".js-plotly-plot",
    "comentions": ".js-plotly-plot",
    "words": '[data-testid="stImage"] img',
    "timeline": ".js-plotly-plot",
    "sentences": ".sentence-card",
}


def hostile_corpus(root: Path) -> Path:
    """A folder (hostile name) with one JSONL file (hostile name) and a broken file."""
    folder = root / FOLDER
    folder.mkdir(parents=True)
    records = [
        {
            "id": "x1" + IMG,
            "date": "2024-10-30",
            "source": SOURCE,
            "dateline": DATELINE,
            "title": TITLE,
            "text": (
                f"قال الرئيس {IMG} إن روسيا مستعدة للحوار مع الولايات المتحدة. "
                f"وأضاف {SCRIPT} أن موسكو ترحب بذلك. **غامق** [رابط](javascript:alert(1)) "
                f"$x^2$ :red[أحمر]\nالتقى الرئيس الروسي فلاديمير بوتين نظيره {LINK} في موسكو."
            ),
        },
        {
            "id": "x2",
            "date": "2024-10-31",
            "source": "'-alert(1)-'",
            "title": BIDI + "عنوان مقلوب",
            "text": SEED.read_text(encoding="utf-8"),
        },
    ]
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    (folder / "<img src=x onerror='window.__xss=9'>.jsonl").write_text(lines, encoding="utf-8")
    (folder / BROKEN).write_bytes(b"\xff\xfe\x00garbage\x00\x00")
    return folder


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    corpus = hostile_corpus(tmp_path_factory.mktemp("hostile"))
    cache = tmp_path_factory.mktemp("cache")
    log = tmp_path_factory.mktemp("log") / "streamlit.log"
    # A 1 MB upload limit, so the "too big" path is cheap to reach.
    with streamlit_server(corpus, cache, log, ["--server.maxUploadSize", "1"]) as (url, _):
        yield url


def no_live_markup(page) -> None:
    """No element a payload would have created exists in the page."""
    hits = page.evaluate(
        """() => ({
          img: document.querySelectorAll('img[src="x"]').length,
          svg: document.querySelectorAll('svg[onload]').length,
          js: [...document.querySelectorAll('a[href]')]
                .filter(a => a.getAttribute('href').trim().toLowerCase()
                .startsWith('javascript')).length,
          scripts: [...document.querySelectorAll('script')]
                .filter(s => s.textContent.includes('__xss')).length,
        })"""
    )
    assert hits == {"img": 0, "svg": 0, "js": 0, "scripts": 0}, hits


@pytest.mark.parametrize("path", list(PAGES))
def test_hostile_url_and_corpus_are_shown_as_text_on_every_page(hostile_url, page, path):
    g = guard(page)
    params = [(k, v) for k, vs in URL_PAYLOADS.items() for v in vs]
    params.append(("source", SOURCE))  # a real source of the corpus: accepted, shown
    if path == "sentences":
        params.append(("q", "روسيا"))
    page.goto(f"{hostile_url}/{path}?{urlencode(params)}")
    settle(page, PAGES[path], 1)
    assert not page.locator('[data-testid="stException"]').count()
    g.assert_clean()
    no_live_markup(page)

    # Rejected URL values are announced literally (bidi controls removed).
    warning = page.locator('[data-testid="stAlertContentWarning"]').inner_text()
    assert '"><script>window.__xss=6</script>' in warning
    assert "'-alert(1)-'" in warning
    assert IMG in warning and BIDI not in warning
    assert "A" * 3000 not in warning  # long values are shortened
    # The accepted hostile source is the filter's chip, and the folder name its caption.
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert SOURCE in sidebar.inner_text()
    assert FOLDER in sidebar.inner_text()
    assert "ما لم يحمل (1)" in sidebar.inner_text()  # the hostile-named broken file is listed
    # The URL the app writes back holds only valid values.
    assert "actor=" not in page.url and "window=" not in page.url


def test_article_fields_are_literal_text_in_the_sentence_cards(hostile_url, page):
    g = guard(page)
    page.goto(f"{hostile_url}/sentences?{urlencode({'source': SOURCE})}")
    settle(page, ".sentence-card", 2)
    cards = page.locator(".sentence-card").all_inner_texts()
    text = "\n".join(cards)
    assert IMG in text and SCRIPT in text  # the sentences, as written
    assert "<b>عريض</b>" in text and 'href="javascript:' in text  # the title
    assert DATELINE in text and SOURCE in text
    assert "**غامق**" in text and "[رابط](javascript:alert(1))" in text  # no Markdown
    # Hovering a highlighted actor (a tooltip from the actor's names) runs nothing either.
    page.locator(".sentence-card mark.actor").first.hover()
    page.wait_for_timeout(300)
    g.assert_clean()
    no_live_markup(page)


def test_search_text_from_the_link_stays_text(hostile_url, page):
    g = guard(page)
    page.goto(f"{hostile_url}/sentences?{urlencode({'q': IMG})}")
    settle(page, '[data-testid="stMain"] [data-testid="stTextInput"] input', 1)
    box = page.locator('[data-testid="stMain"] [data-testid="stTextInput"] input').first
    assert box.input_value() == IMG
    g.assert_clean()
    no_live_markup(page)


def test_plotly_labels_with_markup_are_not_rendered_as_markup(browser, tmp_path):
    """The figures escape names: <b> and <a href=javascript:> show as characters."""
    from dashboard.charts.figures import actor_bar, comention_heatmap, term_bar, timeline_lines

    bold, link = "<b>روسيا</b>", '<a href="javascript:window.__xss=10">بوتين</a>'
    actors = pd.DataFrame(
        {
            "actor_id": ["gpe-x", "per-y"],
            "name_ar": [bold, link],
            "name_en": [IMG, "<i>Putin</i>"],
            "kind": ["GPE", "PER"],
            "mentions": [5, 3],
            "articles": [2, 1],
        }
    )
    labels = {"gpe-x": bold, "per-y": link}
    matrix = pd.DataFrame([[5, 2], [2, 3]], index=["gpe-x", "per-y"], columns=["gpe-x", "per-y"])
    lines = pd.DataFrame(
        {
            "actor_id": ["gpe-x", "gpe-x", "per-y"],
            "period": pd.to_datetime(["2024-10-30", "2024-10-31", "2024-10-30"]),
            "mentions": [1, 2, 3],
        }
    )
    terms = pd.DataFrame({"term": ["<u>x</u>"], "display": [bold], "count": [4]})
    figures = [
        actor_bar(actors, "ar"),
        comention_heatmap(matrix, labels),
        timeline_lines(lines, labels),
        term_bar(terms, "ar"),
    ]
    html = "".join(
        f.to_html(include_plotlyjs=i == 0, full_html=False) for i, f in enumerate(figures)
    )
    target = tmp_path / "figures.html"
    target.write_text(f"<html><body>{html}</body></html>", encoding="utf-8")

    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    g = guard(page)
    page.goto(target.as_uri())
    page.wait_for_function("() => document.querySelectorAll('.main-svg').length >= 8")
    shown = page.evaluate(
        "() => [...document.querySelectorAll('.ytick text, .xtick text, .legendtext')]"
        ".map(e => e.textContent)"
    )
    assert bold in shown and link in shown  # the characters, not bold text or a link
    assert not page.locator("svg a").count() and not page.locator("svg text b").count()
    # The hover label of the first bar names the actor literally too.
    box = page.locator(".js-plotly-plot .bars path").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2 - 2, box["y"] + box["height"] / 2)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector(".hoverlayer .hovertext", timeout=5000)
    hover = page.locator(".hoverlayer .hovertext").first.text_content()
    assert bold in hover or link in hover
    assert not page.locator(".hoverlayer a").count()
    g.assert_clean()
    context.close()


def test_upload_limit_is_announced_and_a_too_big_file_is_refused(hostile_url, page, tmp_path):
    page.goto(hostile_url + "/")
    settle(page, ".js-plotly-plot", 1)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert "ملفات حتى 1 ميغابايت" in sidebar.inner_text()  # said before a file is chosen
    big = tmp_path / "big.jsonl"
    row = json.dumps(
        {"text": "قال وزير الخارجية الروسي إن موسكو مستعدة. " * 20}, ensure_ascii=False
    )
    big.write_text((row + "\n") * (1_300_000 // len(row.encode()) + 1), encoding="utf-8")
    assert big.stat().st_size > 2**20
    sidebar.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(big))
    uploader = sidebar.locator('[data-testid="stFileUploader"]')
    # Streamlit refuses the file in the browser; its reason is shown under the file's
    # name (our CSS: Streamlit itself only has it in a hover tooltip).
    reason = uploader.locator('[data-testid="stFileChip"] [role="alert"]')
    reason.wait_for(timeout=15000)
    assert re.search(r"1(\.0)?\s?MB", reason.inner_text())
    box = reason.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 8  # readable, not screen-reader only
    assert "big.jsonl" in uploader.inner_text()
    if os.environ.get("SCREENSHOTS") == "1":
        uploader.screenshot(path=str(REPO / "docs" / "screenshots" / "upload_too_big_ar.png"))
    page.wait_for_timeout(1000)
    # The corpus in use did not change.
    assert "ملفات مرفوعة" not in sidebar.inner_text()
