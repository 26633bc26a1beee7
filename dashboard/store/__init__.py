"""The corpus store: a folder of Parquet datasets and a manifest that grows with its inputs.

* ``versions`` — the store format and the analysis/linking versions a store records;
* ``manifest`` — ``manifest.json``: read, validate (clear errors), replace atomically;
* ``lock`` — one ingest at a time per store;
* ``files`` — Parquet files under new unique names in ``data/``;
* ``reader`` — ``open_store`` (read-only) and ``load_store`` (the frames as a Corpus);
* ``writer`` — ``ingest``: the incremental update;
* ``publish`` — a read-only copy for a deployment, no file over 50 MB;
* ``locations`` — where the dashboard's stores live (``DASHBOARD_STORE``,
  ``DASHBOARD_CORPUS``, uploads);
* ``child`` — ``ingest_in_child``: an ingest in a child process, its progress as events;
* ``keeper`` — ``StoreKeeper``: the default corpus's store kept current for a server.

DESIGN.md, "The store", states the rules; ``writer`` says how they are kept.
"""
