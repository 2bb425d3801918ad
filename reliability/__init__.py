"""The reliability harness: faults a tester would cause, run again and again, with the invariants checked
after each one.

    python -m reliability --trials 100 --journals 1000 --seed 1

- kill -9 during register, import, demo, backup and migration, at random (seeded) moments; after each:
  ``PRAGMA integrity_check``, the search index against the appeals table, numbering without duplicates or
  gaps, all-or-nothing (an import or the demo is wholly there or not at all), every registration the
  killed process had reported as saved still there, no junk file the program would show;
- malformed journals: mutations of an export (types, dates, formulas, merged and hidden cells, huge
  cells, broken zips, renamed files...) imported; each must be imported or refused in Russian, never a
  traceback, and a refused import must leave the database as it was (its hash);
- a full disk (a small tmpfs when the harness may mount one, SQLite's max_page_count otherwise);
- two writers: two processes registering 200 appeals each on one SQLite file.

It prints a table: trials, failures, records lost (and refusals). Exit code 1 when an invariant broke
(a failure or a lost record); refusals of the two writers are reported, and fail only with ``--strict``.
"""
