"""Pure domain logic: codes, the production calendar, deadlines, names, numbering. No database, no Qt."""
