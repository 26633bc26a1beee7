"""Analysis layer: pure pandas functions over a filtered ``View`` of the corpus.

Typical use::

    view = apply_filter(corpus, Filter(actors=("putin",), date_from=date(2024, 1, 1)))
    top_actors(view, n=20); comention_matrix(view, top_n=20, measure="jaccard")
    mentions_over_time(view, ["putin"], freq="W"); term_frequencies(view)
"""

from dashboard.analysis.comention import (
    Comention,
    actor_partners,
    comention,
    comention_matrix,
    pair_sentences,
    top_pairs,
)
from dashboard.analysis.counts import actor_table, summary, top_actors
from dashboard.analysis.filters import Filter, View, apply_filter, filter_options
from dashboard.analysis.labels import actor_labels, actor_titles, kind_label
from dashboard.analysis.sentences import highlight_spans, search_sentences, sentence_spans
from dashboard.analysis.terms import distinctive_terms, term_frequencies, word_cloud_frequencies
from dashboard.analysis.timeline import (
    articles_over_time,
    mentions_by_kind_over_time,
    mentions_over_time,
    parse_timex,
    referenced_dates,
    referenced_vs_published,
)

__all__ = [
    "Comention",
    "Filter",
    "View",
    "actor_partners",
    "actor_labels",
    "actor_table",
    "actor_titles",
    "apply_filter",
    "articles_over_time",
    "comention",
    "comention_matrix",
    "distinctive_terms",
    "filter_options",
    "highlight_spans",
    "kind_label",
    "mentions_by_kind_over_time",
    "mentions_over_time",
    "pair_sentences",
    "parse_timex",
    "referenced_dates",
    "referenced_vs_published",
    "search_sentences",
    "sentence_spans",
    "summary",
    "term_frequencies",
    "top_actors",
    "top_pairs",
    "word_cloud_frequencies",
]
