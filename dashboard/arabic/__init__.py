"""Arabic language layer: normalisation, sentences, tokens, stopwords, boilerplate.

Every function here is pure (str in, plain values out) and knows nothing of pandas
or Streamlit. Language data (stopwords, month names) lives in ``data/``.
"""
