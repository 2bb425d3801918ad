"""The appeal card: registration and editing of one appeal."""
