"""Custom Qt widgets: they draw what they are given and hold no business rules."""
