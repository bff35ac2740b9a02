"""What the names inside Steady's files look like: ids and tags, and how a bad one is reported.

An exercise's id is its file name, and settings and reminders name exercises by it; anchors
have ids of the same shape; a trigger in the flow and the anchors that answer it share tags.
The patterns are kept as text and compiled where they are used (settings are read on the way
to the first frame, where only the exercise id is needed).
"""

from __future__ import annotations

from app.core.schema_reader import Matches

ID_REGEX = r"[a-z0-9][a-z0-9-]{0,63}"
TAG_REGEX = r"[a-z0-9][a-z0-9-]{0,39}"

EXERCISE_ID = Matches(ID_REGEX, "{what} must be an exercise id, as `steady list` shows, not {value}")
TAG = Matches(TAG_REGEX, "a tag is a short name of lower-case letters, digits and '-', e.g. slow-reply, not {value}")
