"""Times of day in words: a promise says "at about 8:41 pm", never shows a countdown."""

from __future__ import annotations


def clock_words(epoch: float) -> str:
    """8:41 pm: a time of day, in the local zone."""
    import datetime as dt  # not at import: `steady now` has no use for it before its first frame

    moment = dt.datetime.fromtimestamp(epoch)
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'am' if moment.hour < 12 else 'pm'}"
