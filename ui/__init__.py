"""Satchel desktop reader (PySide6). The only layer that imports Qt."""
