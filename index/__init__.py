"""Satchel full-text index (Whoosh). May import bundles types only. No Qt."""
from index.document import IndexDocument
