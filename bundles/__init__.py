"""Satchel bundle format: keys, signing, packing, opening, verifying. No app state, no Qt."""
