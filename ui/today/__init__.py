"""The today panel, the tray reminder, promises on secondary control, discipline and reminder letters."""
