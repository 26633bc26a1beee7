"""The gazetteer files: format, ids, nisba inflection, and the build being reproducible."""

from __future__ import annotations

import re

from dashboard.actors.build_gazetteers import build
from dashboard.actors.gazetteer import read_tsv
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
