"""Fixtures of the reading-room tests (defined in `tests/web/room.py`, which the attack
tests import too)."""

from tests.web.room import room, room_library

__all__ = ["room", "room_library"]
