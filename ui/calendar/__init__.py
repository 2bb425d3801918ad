"""The "Календарь сроков" section: the month and week grid, the agenda list and the appeals behind a day."""
