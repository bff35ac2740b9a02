"""The Progress page: practice minutes, kind streaks, what eases hard moments, and privacy.

Only `feature` is imported at start-up; it registers the page with a factory that imports
`page` (and with it pyqtgraph) the first time the page is opened.
"""
