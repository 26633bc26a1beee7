"""Every page of the Streamlit app, driven by streamlit.testing (AppTest) on the seed corpus.

Each page is opened with no filter, with an actor from the URL and with garbage in
the URL: no exception, the page's charts/metrics/image are there, the filter is
applied, dropped URL values are announced, and the URL carries the state.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from app_support import open_app
from streamlit.testing.v1 import AppTest

from dashboard.ui.pages import PAGE_NAMES

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "dashboard" / "app.py"
SEEDS = REPO / "seeds"
PAGES = list(PAGE_NAMES)
TIMEOUT = 120  # a first run may ingest a corpus (the pipeline) into its store


pytestmark = pytest.mark.usefixtures("seed_corpus_env")


@pytest.fixture(scope="module")
def top_actor(seed_corpus):
    """The seed's most mentioned actor (Russia in the seed article)."""
    ranked = seed_corpus.actors.sort_values("mentions", ascending=False)
    return str(ranked["actor_id"].iloc[0])


def assert_page_ok(at: AppTest, page: str) -> None:
    assert not at.exception, [e.message for e in at.exception]
    charts = at.get("plotly_chart")
    if page == "overview":
        labels = [m.label for m in at.metric]
        assert labels[:5] == ["المقالات", "الجمل", "الفاعلون", "مرات الذكر", "الفترة"]
        assert all(m.value for m in at.metric)
        assert len(charts) == 2
    elif page == "actors":
        assert len(charts) == 4  # one bar chart per kind
        assert len(at.dataframe) >= 1
    elif page == "comentions":
        assert len(charts) == 1
        assert len(at.selectbox) == 2
    elif page == "words":
        assert len(at.get("image")) == 1
        assert len(charts) == 1
    elif page == "timeline":
        assert len(charts) == 3
    elif page == "sentences":
        assert 'class="sentence-card"' in page_html(at)
    elif page in ("actor", "compare"):
        assert at.info  # no actor of the page named: it asks for one (tests/test_app_profile.py)


def page_html(at: AppTest) -> str:
    return "".join(h.proto.body for h in at.get("html"))


@pytest.mark.parametrize("page", PAGES)
def test_page_without_filter(page, seed_corpus_id):
    at = open_app(page)
    assert_page_ok(at, page)
    assert at.query_params["corpus"] == seed_corpus_id
    assert not at.warning


@pytest.mark.parametrize("page", PAGES)
def test_page_with_an_actor_from_the_url(page, top_actor):
    at = open_app(page, actor=top_actor)
    assert_page_ok(at, page)
    assert at.multiselect(key="f_actor").value == [top_actor]
    assert at.query_params["actor"] == top_actor
    if page == "sentences":
        # Every sentence shown names the actor, highlighted.
        cards = page_html(at).split('class="sentence-card"')[1:]
        assert cards and all(f'data-actor="{top_actor}"' in c for c in cards)


@pytest.mark.parametrize("page", PAGES)
def test_page_with_garbage_in_the_url(page, top_actor):
    at = open_app(
        page,
        actor=[top_actor, "no-such-actor"],
        kind=["GPE", "ALIENS"],
        **{"from": "2024-02-30", "to": "tomorrow"},
        top="many",
        window="paragraph",
        page="-3",
    )
    assert_page_ok(at, page)
    notice = " ".join(w.value for w in at.warning).replace("\\", "")  # Markdown escapes
    assert "no-such-actor" in notice and "ALIENS" in notice and "2024-02-30" in notice
    assert at.multiselect(key="f_actor").value == [top_actor]
    assert at.query_params["actor"] == top_actor and at.query_params["kind"] == "GPE"
    for dropped in ("from", "to", "top", "window", "page"):
        assert dropped not in at.query_params


def test_the_filter_changes_what_the_overview_counts(seed_corpus, top_actor):
    at = open_app("overview")
    total = {m.label: m.value for m in at.metric}
    at.multiselect(key="f_actor").set_value([top_actor]).run()
    filtered = {m.label: m.value for m in at.metric}
    assert at.query_params["actor"] == top_actor
    assert int(filtered["الجمل"]) < int(total["الجمل"])
    assert int(filtered["المقالات"]) >= 1


def test_the_actor_picker_offers_search_results_not_every_actor(seed_corpus, monkeypatch):
    from dashboard.query.counts import option_label
    from dashboard.ui import sidebar

    monkeypatch.setattr(sidebar, "PICKER_OPTIONS", 3)
    actors = seed_corpus.actors.sort_values(["mentions", "actor_id"], ascending=[False, True])
    ranked = actors["actor_id"].astype(str).tolist()
    label = {
        str(i): option_label(ar, en, str(i))
        for i, ar, en in zip(actors["actor_id"], actors["name_ar"], actors["name_en"], strict=True)
    }
    rare = ranked[-1]
    assert len(ranked) > 4 and rare not in ranked[:3]
    at = open_app("overview")
    assert at.multiselect(key="f_actor").options == [label[a] for a in ranked[:3]]
    name = str(actors.loc[actors["actor_id"] == rare, "name_ar"].iloc[0])
    at.text_input(key=sidebar.K_ACTOR_SEARCH).input(name).run()
    offered = at.multiselect(key="f_actor").options
    assert label[rare] in offered and len(offered) <= 3
    at.multiselect(key="f_actor").set_value([rare]).run()
    assert at.query_params["actor"] == rare
    at.text_input(key=sidebar.K_ACTOR_SEARCH).input("").run()
    # The chosen actor stays offered (first) next to the most mentioned ones.
    assert at.multiselect(key="f_actor").options == [label[a] for a in [rare, *ranked[:3]]]
    assert at.multiselect(key="f_actor").value == [rare]
    linked = open_app("overview", actor=rare)  # a link may name any actor of the corpus
    assert linked.multiselect(key="f_actor").value == [rare] and not linked.warning


def test_the_actor_table_lists_the_most_mentioned_actors_and_says_how_many_there_are(
    seed_corpus, monkeypatch
):
    from dashboard.ui import widgets

    monkeypatch.setattr(widgets, "ACTOR_TABLE_ROWS", 3)
    actors = seed_corpus.actors[seed_corpus.actors["mentions"] > 0]
    ranked = actors.sort_values(["mentions", "actor_id"], ascending=[False, True])
    at = open_app("actors", lang="en", actor=str(ranked["actor_id"].iloc[-1]))
    assert not at.exception, [e.message for e in at.exception]
    table = at.dataframe[0].value
    assert table["name_ar"].tolist() == ranked["name_ar"].head(3).tolist()
    assert any(f"The 3 most mentioned of {len(actors):,} actors" in c.value for c in at.caption)
    # The chosen actor is not a row, and stays chosen.
    assert at.query_params["actor"] == str(ranked["actor_id"].iloc[-1])


def test_clear_filter_empties_the_filter_and_the_url(top_actor):
    at = open_app("words", actor=top_actor, kind="GPE")
    next(b for b in at.button if b.label == "مسح التصفية").click().run()
    assert not at.exception
    assert at.multiselect(key="f_actor").value == [] and at.multiselect(key="f_kind").value == []
    assert "actor" not in at.query_params and "kind" not in at.query_params


def test_switching_pages_keeps_the_filter_in_the_url(top_actor):
    at = open_app("overview", actor=top_actor, kind="GPE")
    at.switch_page("views/timeline.py").run()
    assert not at.exception
    assert at.query_params["actor"] == top_actor and at.query_params["kind"] == "GPE"
    assert at.multiselect(key="f_actor").value == [top_actor]


def test_english_interface_from_the_url():
    at = open_app("actors", lang="en")
    assert not at.exception
    assert at.title[0].value == "Actors"
    assert at.query_params["lang"] == "en"


def test_a_link_for_another_corpus_is_announced(seed_corpus_id):
    at = open_app("overview", corpus="0000deadbeef")
    assert not at.exception
    shown = [w.value.replace("\\", "") for w in at.warning]  # Markdown escapes
    assert any("0000deadbeef" in w and seed_corpus_id in w for w in shown)
    assert at.query_params["corpus"] == seed_corpus_id


def test_a_date_range_from_the_url_filters_the_sentences(seed_corpus):
    day = seed_corpus.articles["date"].dropna().min().date()
    later = (day + dt.timedelta(days=1)).isoformat()
    at = open_app("sentences", **{"from": later})
    assert not at.exception
    assert at.query_params["from"] == later
    assert 'class="sentence-card"' not in page_html(at)  # the seed's only article is earlier
    assert at.info


def test_search_on_the_sentences_page_matches_the_normalised_form():
    at = open_app("sentences", q="لافروف")
    assert not at.exception
    cards = page_html(at).split('class="sentence-card"')[1:]
    assert cards and all("لافروف" in c for c in cards)
    # Hamza folding: searching أوكرانيا without its hamza still finds it.
    at = open_app("sentences", q="اوكرانيا")
    assert "أوكرانيا" in page_html(at)


def card_texts(at: AppTest) -> list[str]:
    """The sentence of each card of the sentences page, as the reader sees it."""
    import html
    import re

    cards = page_html(at).split('class="text">')[1:]
    return [html.unescape(re.sub(r"<[^>]+>", "", c.split("</div>")[0])) for c in cards]


def test_the_sentences_page_shows_the_page_the_link_names(seed_corpus, monkeypatch):
    from dashboard.ui import sentence_list

    monkeypatch.setattr(sentence_list, "PAGE_SIZE", 4)
    n = len(seed_corpus.sentences)
    pages = -(-n // 4)
    assert pages >= 3
    first = card_texts(open_app("sentences"))
    second = open_app("sentences", page="2")
    assert f"{n:,}" in second.caption[0].value and second.query_params["page"] == "2"
    shown = card_texts(second)
    assert len(first) == len(shown) == 4 and not set(first) & set(shown)
    assert set(shown) <= set(seed_corpus.sentences["text"])
    assert len(card_texts(open_app("sentences", page=str(pages)))) == n - 4 * (pages - 1)


def test_comention_pair_from_the_url_shows_the_shared_sentences(seed_corpus):
    top = seed_corpus.actors.sort_values("mentions", ascending=False)["actor_id"].tolist()
    at = open_app("comentions", a=top[0], b=top[1], window="article", measure="jaccard", top="5")
    assert not at.exception
    # The page's options come back from the link, and stay in it.
    assert at.button_group(key="o_comentions_window").value == "article"
    assert at.button_group(key="o_comentions_measure").value == "jaccard"
    assert at.slider(key="o_comentions_top").value == 5
    assert at.query_params["window"] == "article" and at.query_params["top"] == "5"
    html = page_html(at)
    assert f'data-actor="{top[0]}"' in html and f'data-actor="{top[1]}"' in html
    assert at.query_params["a"] == top[0]


def test_uploading_files_replaces_the_corpus_for_the_session(seed_corpus_id):
    text = (SEEDS / "000_ca1ffc38c5cd97af.txt").read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("one.txt", text)
        archive.writestr("broken.bin", b"\x00\xff\x00")
    at = open_app("overview")
    at.file_uploader[0].set_value([("articles.zip", buffer.getvalue(), "application/zip")])
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    fingerprint = at.query_params["corpus"]
    assert fingerprint != seed_corpus_id
    assert any(e.label.startswith("ما لم يحمل") for e in at.expander)


@pytest.mark.parametrize("page", PAGES)
def test_an_empty_corpus_explains_itself_on_every_page(page, monkeypatch, tmp_path):
    monkeypatch.setenv("DASHBOARD_CORPUS", str(tmp_path / "no-such-folder"))
    at = open_app(page)
    assert not at.exception, [e.message for e in at.exception]
    assert at.query_params.get("corpus")
    if page in ("overview", "sentences", "words"):
        assert at.info  # "no articles" / "no sentences" / "no words", not an empty page
    skipped = [e for e in at.expander if e.label.startswith("ما لم يحمل")]
    assert skipped  # the missing folder is listed with its reason


def test_the_language_switch_relabels_the_app_and_goes_into_the_url():
    at = open_app("timeline")
    at.radio(key="f_lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Timeline"
    assert at.query_params["lang"] == "en"
    at.radio(key="f_lang").set_value("ar").run()
    assert at.title[0].value == "الخط الزمني"
    assert "lang" not in at.query_params


def test_the_share_box_holds_the_full_link_of_this_view(top_actor, seed_corpus_id):
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.context["url"] = "https://news.example.org/words"
    at.query_params["actor"] = top_actor
    at.switch_page("views/words.py").run()
    assert not at.exception
    link = at.sidebar.code[0].value
    assert link.startswith("https://news.example.org/words?")
    # In a popover: the browser loads the code box's highlighter only when it is opened.
    (popover,) = at.sidebar.get("popover")
    assert popover.code[0].value == link
    assert f"actor={top_actor}" in link and f"corpus={seed_corpus_id}" in link


def test_worker_processes_importing_the_app_do_not_run_it(monkeypatch):
    """load_corpus's process pool (forkserver/spawn) re-imports the parent's main file —
    under Streamlit, dashboard/app.py — as "__mp_main__"; that must not start the app."""
    import runpy

    from dashboard.ui import session

    def app_started():
        raise AssertionError("the app ran inside a worker process")

    monkeypatch.setattr(session, "ui_lang", app_started)
    namespace = runpy.run_path(str(APP), run_name="__mp_main__")
    assert callable(namespace["main"])


def sidebar_captions(at: AppTest) -> list[str]:
    return [c.value for c in at.sidebar.caption]


def test_the_upload_box_counts_files_and_says_why_a_file_was_skipped_in_arabic(seed_corpus):
    seed = (SEEDS / "000_ca1ffc38c5cd97af.txt").read_text(encoding="utf-8")
    records = [{"id": f"r{i}", "date": "2024-11-0{i}", "text": seed} for i in (1, 2, 3)]
    jsonl = "\n".join(__import__("json").dumps(r, ensure_ascii=False) for r in records)
    at = open_app("overview")
    assert "json" in at.sidebar.get("file_uploader")[0].label.split("(")[1]  # json named too
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.pdf", b"%PDF-1.4 not articles")
    at.file_uploader[0].set_value(
        [
            ("three.jsonl", jsonl.encode("utf-8"), "application/json"),
            ("extra.zip", buffer.getvalue(), "application/zip"),
        ]
    )
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert "عدد الملفات المرفوعة: 2" in sidebar_captions(at)  # files, not the 3 articles
    table = at.sidebar.dataframe[0].value
    assert [item.endswith("notes.pdf") for item in table.iloc[:, 0]] == [True]
    assert table.iloc[0, 1].startswith("صيغة .pdf غير مدعومة")
    at.radio(key="f_lang").set_value("en").run()
    assert "Uploaded files: 2" in sidebar_captions(at)
    table = at.sidebar.dataframe[0].value
    assert table.iloc[0, 1].startswith(".pdf is not a supported format")


def test_skipped_inputs_are_named_without_server_paths(monkeypatch, tmp_path):
    missing = tmp_path / "no-such-folder"
    monkeypatch.setenv("DASHBOARD_CORPUS", str(missing))
    at = open_app("overview")
    table = at.sidebar.dataframe[0].value
    items = list(table.iloc[:, 0])
    assert items == ["no-such-folder"]
    assert str(tmp_path) not in " ".join(items)
    assert list(table.iloc[:, 1]) == ["غير موجود"]  # "does not exist", in Arabic


def term_labels(at: AppTest) -> list[str]:
    import json

    chart = at.get("plotly_chart")[0]
    return json.loads(chart.proto.spec)["layout"]["yaxis"]["ticktext"]


def test_the_words_page_counts_names_as_one_term_or_leaves_them_out():
    at = open_app("words")
    assert not at.exception, [e.message for e in at.exception]
    # The cloud is served as the PNG drawn (not re-encoded as a JPEG), at full size.
    (cloud,) = at.get("image")
    assert cloud.proto.imgs[0].url.endswith(".png")
    labels = term_labels(at)
    assert "كوريا الشمالية" in labels and "الشمالية" not in labels
    at.get("button_group")[0].set_value("omit").run()
    assert at.query_params["names"] == "omit"
    left_out = term_labels(at)
    assert not {"كوريا الشمالية", "روسيا", "موسكو"} & set(left_out)
    again = open_app("words", names="omit")  # the link restores the switch
    assert term_labels(again) == left_out
