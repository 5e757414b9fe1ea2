"""Satchel application core: library, import/export, trust, CLI. No Qt."""
