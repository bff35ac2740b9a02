"""The Progress page: practice minutes, kind streaks, what eases hard moments, and privacy.

Its model, words and actions are Qt-free, in app/core/progress. Here: `feature` (imported at
start-up; it registers the page with a factory that imports `page`, and with it pyqtgraph, the
first time the page is opened), `page` (layout and binding), `table_model` (the read-only
tables) and `history_source` (the model's way into app.history).
"""
