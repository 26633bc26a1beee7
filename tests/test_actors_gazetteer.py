"""The gazetteer files: format, ids, nisba inflection, and the build being reproducible."""

from __future__ import annotations

import re

from dashboard.actors.build_gazetteers import build, country_rows
from dashboard.actors.gazetteer import load_gazetteer, read_tsv
from dashboard.actors.nisba import inflect
from dashboard.actors.text import name_key
from dashboard.paths import data_file


def test_inflect_covers_definite_indefinite_and_two_word_nisbas():
    forms = set(inflect("روسي"))
    assert {"الروسي", "الروسية", "الروسيان", "الروسيين", "الروسيتان", "الروسيون", "روسية"} <= forms
    two = set(inflect("كوري شمالي"))
    assert {"الكوري الشمالي", "الكورية الشمالية", "الكوريين الشماليين", "كوري شمالي"} <= two


def test_aliases_file_format_and_links():
    actors = {r["actor_id"]: r for r in read_tsv(data_file("gazetteers", "actors.tsv"))}
    aliases = read_tsv(data_file("gazetteers", "aliases.tsv"))
    assert list(aliases[0]) == ["key", "actor_id", "kind", "form"]
    for r in aliases:
        assert r["actor_id"] in actors
        assert r["kind"] in {"PER", "GPE", "LOC", "ORG"}
        assert r["form"] in {"name", "nisba", "abbr"}
        assert r["key"] == name_key(r["key"])  # already normalised, one space between tokens
    for a in actors.values():
        assert re.fullmatch(r"[a-z]{3}-[a-z0-9-]+", a["actor_id"])
        assert a["country"] == "" or re.fullmatch(r"[A-Z]{3}", a["country"])
    by_key = {}
    for r in aliases:
        by_key.setdefault(r["key"], set()).add(r["actor_id"])
    assert by_key[name_key("الروسية")] == {"gpe-russia"}
    assert by_key[name_key("الكوريين الشماليين")] == {"gpe-north-korea"}
    assert by_key[name_key("بيونغيانغ")] == {"gpe-pyongyang"}
    assert by_key[name_key("واشنطن")] == {"gpe-washington"}
    assert by_key[name_key("الاتحاد السوفيتي")] == {"gpe-soviet-union"}
    assert actors["gpe-soviet-union"]["country"] == ""
    assert by_key[name_key("الناتو")] == {"org-nato"}
    for common in ("مدينة", "كيف", "وان", "الخبر", "منا"):
        assert name_key(common) not in by_key, common


def test_build_is_reproducible_and_matches_the_shipped_files():
    actors_rows, alias_rows = build()
    shipped = data_file("gazetteers", "aliases.tsv").read_text(encoding="utf-8").splitlines()
    assert ["\t".join(r) for r in alias_rows] == shipped
    assert len(actors_rows) > 300
    countries = data_file("gazetteers", "countries.tsv").read_text(encoding="utf-8").splitlines()
    assert ["\t".join(r) for r in country_rows(actors_rows)] == countries


def test_a_country_is_told_from_its_cities():
    gaz = load_gazetteer()
    assert {"gpe-croatia", "gpe-egypt", "gpe-united-kingdom"} <= gaz.country_ids
    assert "gpe-cairo" not in gaz.country_ids and "gpe-rome" not in gaz.country_ids
    assert gaz.country_actor["GBR"] == "gpe-united-kingdom"


def test_first_keys_hold_every_token_a_name_can_start_at():
    from dashboard.actors.gazetteer import load_gazetteer
    from dashboard.actors.text import clitic_variants, token_key, tokenize

    gaz = load_gazetteer()
    # A name's first word behind any proclitics (ل، وب، لل for ال) may start a match ...
    for word in ("موسكو", "لموسكو", "وبموسكو", "الروسي", "والروسي", "للامم"):
        assert word in gaz.first_keys
    # ... and every token read (bare or without its clitics) as the first word of a name is
    # in first_keys, so a caller may skip the others without missing a name.
    text = seed_text() + " وقال لافروف لموسكو وبموسكو للأمم المتحدة والعراق الروسية"
    keys = {token_key(text[s:e]) for s, e in tokenize(text)}
    starting = {
        k for k in keys if k in gaz.index or any(s in gaz.index for _, s in clitic_variants(k))
    }
    assert {"لافروف", "لموسكو", "للامم", "والعراق"} <= starting
    assert starting <= gaz.first_keys
    assert "قال" not in gaz.first_keys and "وقال" not in gaz.first_keys


def seed_text() -> str:
    from dashboard.paths import REPO_ROOT

    return next((REPO_ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
