"""The steps that need the whole corpus: duplicates, then linking candidate mentions to
actors (one id per actor, canonical Arabic names, mention counts), then naming the
speakers of the statements stage 1 found by the linked mentions.

They run after stage 1 (duplicates before it too, so that copies are not analysed) and,
for a store, again over the stored candidates and statements whenever its inputs or the
linking data change.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.actors.pipeline import link_mentions
from dashboard.arabic.tokens import counting_terms
from dashboard.frames import conform, frame
from dashboard.ingest.duplicates import duplicate_of
from dashboard.quotes.extract import quote_id


def mark_duplicates(articles: pd.DataFrame, texts: list[str] | None = None) -> pd.Index:
    """Fill ``articles["duplicate_of"]`` (in place) and return the index labels of the
    originals, the articles to analyse. ``texts``: the articles' texts, if at hand."""
    articles["duplicate_of"] = duplicate_of(articles, texts)
    return articles.index[articles["duplicate_of"].isna()]


def link_actors(
    articles: pd.DataFrame, sentences: pd.DataFrame, candidates: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``actors`` and ``mentions`` frames from the candidate mentions of the corpus
    (``dashboard.actors.link``: ids, overrides, canonical names, counts)."""
    actors, mentions = link_mentions(articles, sentences, candidates)
    return conform("actors", actors), conform("mentions", mentions)


def attribute_quotes(statements: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """The ``quotes`` frame of stage 1's statements (``assemble.statements_frame``) once
    the corpus is linked: stable ids (``dashboard.quotes.quote_id`` of the article and
    the verb's offset, for the statement and the one it is quoted inside) and each
    speaker by :func:`map_speakers`."""
    if not len(statements):
        return frame("quotes")
    articles = statements["article_id"].astype(str).tolist()
    ids = [quote_id(a, v) for a, v in zip(articles, statements["verb_start"].tolist(), strict=True)]
    parents = [
        None if pd.isna(p) else quote_id(a, int(p))
        for a, p in zip(articles, statements["parent_verb_start"].tolist(), strict=True)
    ]
    quotes = statements.drop(columns=["parent_verb_start"]).assign(quote_id=ids, parent_id=parents)
    quotes["speaker"] = map_speakers(quotes, mentions)
    return conform("quotes", quotes)


def map_speakers(quotes: pd.DataFrame, mentions: pd.DataFrame) -> pd.Series:
    """Each quote's speaker: the actor of the linked mention of its article that overlaps
    its antecedent (``antecedent_start``, ``antecedent_end``: the candidate its speaker
    was resolved to) the most, the earliest on a tie (then the first in ``mentions``); NA
    when none does (an actor linking dropped, an unnamed or unresolved speaker). Aligned
    with ``quotes``.

    Vectorised over the corpus: articles become integer codes, mentions are sorted by
    (article, start), and each antecedent reads only the mentions that may overlap it (those
    starting at most the longest mention's length before it), not every mention of its
    article."""
    out = pd.Series(pd.NA, index=quotes.index, dtype="string")
    has = quotes["antecedent_start"].notna().to_numpy()
    if not has.any() or not len(mentions):
        return out
    rows = np.flatnonzero(has)
    a_start = quotes["antecedent_start"].to_numpy()[has].astype(np.int64)
    a_end = quotes["antecedent_end"].to_numpy()[has].astype(np.int64)
    m_code, articles = pd.factorize(mentions["article_id"])
    m_code = m_code.astype(np.int64)
    q_code = (
        pd.Index(articles)
        .astype(str)
        .get_indexer(quotes["article_id"].astype(str).to_numpy()[has])
        .astype(np.int64)
    )
    m_start = mentions["start"].to_numpy(dtype=np.int64)
    m_end = mentions["end"].to_numpy(dtype=np.int64)
    width = int(max(m_end.max(), a_end.max())) + 1  # (article, offset) as one integer
    by_start = np.argsort(m_code * width + m_start, kind="stable")
    keys = (m_code * width + m_start)[by_start]
    lo = np.searchsorted(keys, q_code * width + a_start - int((m_end - m_start).max()))
    hi = np.searchsorted(keys, q_code * width + a_end)
    lo = np.where(q_code >= 0, lo, hi)  # an article without linked mentions reads none
    counts = hi - lo
    pair_row = np.repeat(np.arange(len(rows)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    m = by_start[np.repeat(lo, counts) + offsets]
    overlap = np.minimum(a_end[pair_row], m_end[m]) - np.maximum(a_start[pair_row], m_start[m])
    # the window may reach the end of the article before: keep this article's mentions
    keep = (overlap > 0) & (m_code[m] == q_code[pair_row])
    pair_row, m, overlap = pair_row[keep], m[keep], overlap[keep]
    order = np.lexsort((m, m_start[m], -overlap, pair_row))
    pair_row, m = pair_row[order], m[order]
    first = np.ones(len(pair_row), dtype=bool)
    first[1:] = pair_row[1:] != pair_row[:-1]
    out.iloc[rows[pair_row[first]]] = mentions["actor_id"].iloc[m[first]].astype(str).to_numpy()
    return out


#: The name tables the words queries read (``dashboard.query.terms``), per dataset.
NAME_TABLES = ("surface_keys", "actor_terms")


def _name_keys(text: str) -> list[str]:
    """The counting keys of a name's words (``dashboard.analysis.terms`` counts them so)."""
    return [key for _, key, _ in counting_terms(text)]


def name_tables(mentions: pd.DataFrame, actors: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """What the words queries need to count actor names (``dashboard.query.terms``), by
    :data:`NAME_TABLES` name: ``surface_keys(surface, key, n_keys)``, one row per countable
    word of each distinct mention surface (``n_keys`` its number of such words), and
    ``actor_terms(actor_id, term, display)``, the term and label an actor's merged
    mentions count under (its Arabic name's keys and the name, else its id).

    Made once per linking, in the ingesting process: a server that made them itself
    would keep the memory (some 100 MB at 30,000 articles) that tokenising every distinct
    surface leaves behind.
    """
    surfaces, keys, counts = [], [], []
    for surface in pd.unique(mentions["surface"].astype(str)) if len(mentions) else ():
        found = _name_keys(surface)
        surfaces += [surface] * len(found)
        keys += found
        counts += [len(found)] * len(found)
    surface_keys = pd.DataFrame(
        {
            "surface": pd.array(surfaces, dtype="string"),
            "key": pd.array(keys, dtype="string"),
            "n_keys": np.array(counts, dtype=np.int32),
        }
    )
    ids, terms, displays = [], [], []
    for actor_id, name in zip(
        actors["actor_id"].astype(str), actors["name_ar"].tolist(), strict=True
    ):
        display = name if isinstance(name, str) and name else actor_id
        ids.append(actor_id)
        terms.append(" ".join(_name_keys(display)) or display)
        displays.append(display)
    actor_terms = pd.DataFrame(
        {
            "actor_id": pd.array(ids, dtype="string"),
            "term": pd.array(terms, dtype="string"),
            "display": pd.array(displays, dtype="string"),
        }
    )
    return {"surface_keys": surface_keys, "actor_terms": actor_terms}


#: The rollup of mentions by actor, day and source (:func:`actor_days`).
ACTOR_DAYS = "actor_days"


def _per_article(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The mentions of the corpus's originals counted per (actor, article): ``actor_id,
    article_id, mentions, sentences, date, source`` (what both :func:`actor_days` and
    :func:`article_actors` roll up, so linking groups the mentions once)."""
    originals = articles.loc[
        articles["duplicate_of"].isna(), ["article_id", "date", "source"]
    ].astype({"article_id": "string"})
    return (
        mentions.assign(article_id=mentions["article_id"].astype("string"))
        .groupby(["actor_id", "article_id"], sort=False, observed=True)
        .agg(mentions=("sentence_id", "size"), sentences=("sentence_id", "nunique"))
        .reset_index()
        .merge(originals, on="article_id")
    )


def actor_days(
    mentions: pd.DataFrame, articles: pd.DataFrame, per_article: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The mentions of the corpus's originals (duplicates left out) rolled up by actor,
    article day and source: ``actor_id, day, source, mentions, articles, sentences``
    (``day`` the article date's day, ``day``/``source`` null when the article has none).
    ``per_article``: :func:`_per_article` of the same frames, if at hand.

    Every count adds up over days and sources (an article has one day and one source,
    a sentence one article), so the actor counts of any filter of dates, sources and
    kinds are sums over the rows it keeps: tens of times fewer rows than mentions
    (7.7 M from 22.2 M at 1,000,000 articles), what the actor tables read when no actor
    is chosen (``dashboard.query.counts``).
    """
    if per_article is None:
        per_article = _per_article(mentions, articles)
    day = pd.to_datetime(per_article["date"]).dt.normalize()
    rolled = (
        per_article.assign(day=day, articles=1)
        .groupby(["actor_id", "day", "source"], dropna=False, sort=True, observed=True)[
            ["mentions", "articles", "sentences"]
        ]
        .sum()
        .reset_index()
    )
    return pd.DataFrame(
        {
            "actor_id": rolled["actor_id"].astype("string"),
            "day": rolled["day"].astype("datetime64[ns]"),
            "source": rolled["source"].astype("string"),
            "mentions": rolled["mentions"].astype("int64"),
            "articles": rolled["articles"].astype("int64"),
            "sentences": rolled["sentences"].astype("int64"),
        }
    )


#: Each (actor, original article) pair with its counts, over integer keys
#: (:func:`article_actors`), and the actor id of each actor key.
ARTICLE_ACTORS = "article_actors"
ACTOR_KEYS = "actor_numbers"


def _keyed_articles(per_article: pd.DataFrame) -> pd.Index:
    """The ids of the originals mentioning someone, sorted: an article's key is its
    position here."""
    ids = pd.Index(per_article["article_id"].astype("string").unique())
    return ids.sort_values()


def article_actors(
    mentions: pd.DataFrame, articles: pd.DataFrame, per_article: pd.DataFrame | None = None
) -> dict[str, pd.DataFrame]:
    """Two tables by name. :data:`ARTICLE_ACTORS`: one row per actor mentioned in an
    original article, ``article_key, actor_key, day, source, mentions, sentences``
    (integer keys: an article's row number among the originals mentioning someone, an
    actor's number; the article's day and source), sorted by actor key then article
    key; :data:`ACTOR_KEYS`: ``actor_key, actor_id``. ``per_article``: as
    :func:`actor_days` takes it.

    With actors chosen, the pages count the actors of the articles naming them; from
    the mentions that is a scan of every mention (22.2 M at 1,000,000 articles, strings
    of ids) and of the sentences. Here it is a scan of small integers (one row per
    actor and article, each count adding up over articles), and the articles naming the
    chosen actors are found in their own row groups (``dashboard.query.filter.actor_scope``).
    """
    if per_article is None:
        per_article = _per_article(mentions, articles)
    actor_code, actor_ids = pd.factorize(per_article["actor_id"].astype("string"), sort=True)
    article_code = _keyed_articles(per_article).get_indexer(per_article["article_id"])
    table = pd.DataFrame(
        {
            "article_key": article_code.astype(np.int32),
            "actor_key": actor_code.astype(np.int32),
            "day": pd.to_datetime(per_article["date"]).dt.normalize().astype("datetime64[ns]"),
            "source": per_article["source"].astype("string"),
            "mentions": per_article["mentions"].astype(np.int32),
            "sentences": per_article["sentences"].astype(np.int32),
        }
    )
    table = table.sort_values(["actor_key", "article_key"], kind="stable").reset_index(drop=True)
    keys = pd.DataFrame(
        {
            "actor_key": np.arange(len(actor_ids), dtype=np.int32),
            "actor_id": pd.array(actor_ids.astype(str), dtype="string"),
        }
    )
    return {ARTICLE_ACTORS: table, ACTOR_KEYS: keys}


#: Each actor's mentions, sorted by actor (:func:`actor_mentions`).
ACTOR_MENTIONS = "actor_mentions"
#: Each keyed article's id and number of sentences (:func:`article_numbers`).
ARTICLE_KEYS = "article_numbers"


def actor_mentions(mentions: pd.DataFrame, article_ids: pd.Index) -> pd.DataFrame:
    """``actor_id, article_id, sentence_id, article_key`` of every mention, sorted by actor
    (then in the mentions' order): the row groups of a file sorted so hold few actors
    each, and their statistics let a query that looks for chosen actors read only theirs
    (at 1,000,000 articles a scan of every mention for one actor took 1.8 s of a page's
    queries, each of which starts from it; ``dashboard.query.filter.scope``).
    ``article_key``: the article's key in ``article_actors`` (the position of its id in
    ``article_ids``; null for a duplicate), so that the chosen actors' mentions in the
    articles a filter keeps are found by integers rather than by ids."""
    columns = mentions[["actor_id", "article_id", "sentence_id"]]
    columns = columns.sort_values("actor_id", kind="stable").reset_index(drop=True)
    position = article_ids.get_indexer(columns["article_id"].astype("string"))
    key = pd.array(position, dtype="Int32")
    key[position < 0] = pd.NA
    return columns.assign(article_key=key)


def article_numbers(
    article_ids: pd.Index, sentences: pd.DataFrame, mentions: pd.DataFrame
) -> pd.DataFrame:
    """``article_key, article_id, sentences, mention_first, mention_last``: each keyed
    article (``article_ids`` in key order, :func:`article_actors`) with its number of
    sentences, so that the sentence windows of the articles a filter keeps are counted
    from their keys, not from a scan of every sentence; and the first and last row of its
    mentions in ``mentions`` (the order linking writes them in), so that the mentions of a
    page's sentences are read from the row groups holding them, not from every mention."""
    counts = sentences["article_id"].astype("string").value_counts()
    n = counts.reindex(article_ids).fillna(0).to_numpy()
    rows = pd.Series(np.arange(len(mentions), dtype=np.int64))
    by_article = rows.groupby(mentions["article_id"].astype("string").to_numpy()).agg(
        ["min", "max"]
    )
    spans = by_article.reindex(article_ids)
    return pd.DataFrame(
        {
            "article_key": np.arange(len(article_ids), dtype=np.int32),
            "article_id": pd.array(article_ids.astype(str), dtype="string"),
            "sentences": n.astype(np.int32),
            "mention_first": pd.array(spans["min"].to_numpy(), dtype="Int64"),
            "mention_last": pd.array(spans["max"].to_numpy(), dtype="Int64"),
        }
    )


#: The tables linking derives from the linked corpus, which a store lists beside its
#: actors, mentions and quotes (``dashboard.query`` reads each as a view of its name).
DERIVED_TABLES = (
    *NAME_TABLES,
    ACTOR_DAYS,
    ACTOR_MENTIONS,
    ARTICLE_ACTORS,
    ACTOR_KEYS,
    ARTICLE_KEYS,
)


def derived_tables(
    mentions: pd.DataFrame,
    actors: pd.DataFrame,
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
) -> dict[str, pd.DataFrame]:
    """Every table of :data:`DERIVED_TABLES` by name, from the linked ``mentions`` and
    ``actors``, the ``articles`` (article_id, date, source, duplicate_of) and the
    ``sentences`` (article_id)."""
    tables = name_tables(mentions, actors)
    per_article = _per_article(mentions, articles)
    tables[ACTOR_DAYS] = actor_days(mentions, articles, per_article)
    tables |= article_actors(mentions, articles, per_article)
    article_ids = _keyed_articles(per_article)
    tables[ACTOR_MENTIONS] = actor_mentions(mentions, article_ids)
    tables[ARTICLE_KEYS] = article_numbers(article_ids, sentences, mentions)
    return tables
