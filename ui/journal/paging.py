"""How the journal fetches row data: blocks of rows, a few kept in memory. No Qt here (the start-up
thread uses it before the application exists)."""

BLOCK = 64  # rows fetched at once
MAX_BLOCKS = 48  # blocks kept in the cache (about 3000 rows)
