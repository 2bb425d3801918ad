"""Reusable widgets: date field, vocabulary and official combos, inline field errors."""
