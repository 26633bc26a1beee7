"""The ingest pipeline behind ``load_corpus`` and the store, one job per module.

* ``progress`` — the structured progress events (stage, counts, elapsed time) and a
  per-stage clock;
* ``read`` — files to the ``articles`` and ``skipped`` frames (``read_articles``);
* ``duplicates`` — ``duplicate_of``: exact duplicates of an earlier article;
* ``batch`` — stage 1, the per-batch analysis (``analyse_batch``): one picklable
  function of (text, date) items, run in any process (reported statements included);
* ``runner`` — runs the batches serially or in the local process pool;
* ``cluster`` — runs tasks on a dask.distributed cluster (an optional extra), each
  checking the worker's data version first;
* ``assemble`` — batch results to the sentences, terms, dates, candidate and statement
  frames;
* ``ids`` — stable ``sentence_id``s (a 63-bit hash of article id and position);
* ``corpus_level`` — the steps over the whole corpus: duplicates, linking candidates to
  actors (canonical names and mention counts included), the ``quotes`` frame from the
  statements once linked (``attribute_quotes``, ``map_speakers``).

``dashboard.corpus.load_corpus`` puts them together; ``dashboard.store`` reuses them
for the incremental store.
"""
