"""Arabic language layer: normalisation, sentences, tokens, stopwords, boilerplate.

Every function here is pure (str in, plain values out) and knows nothing of pandas
or Streamlit. Language data lives in ``data/``, read through ``dashboard.datafiles``:
``stopwords_ar.txt``, ``boilerplate_ar.txt``, ``abbreviations_ar.txt``, ``clitics_ar.txt``,
``lexicon_ar.tsv``, ``calendar_ar.json``. Letters, marks and quotation marks are defined
once, in ``chars``.

- ``normalize.normalize(text, lower=False)`` -> matching key; ``strip_marks(text)``
- ``sentences.split_sentences(text)`` -> ``[(start, end), ...]``
- ``tokens.tokenize(text)`` -> ``[(start, end), ...]``
- ``tokens.counting_terms(text)`` -> ``[(start, key, display), ...]``
- ``tokens.strip_clitics(key)`` / ``tokens.strip_particles(key)`` (keeps ال) -> key
- ``stopwords.is_stopword(key)``, ``stopwords.stopwords()``
- ``boilerplate.boilerplate_spans(text)`` -> ``[(start, end), ...]``
- ``calendar_names.gregorian_months()`` / ``hijri_months()`` / ``weekdays()`` -> name -> number
"""
