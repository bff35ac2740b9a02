"""The one session panel: a pacer running a session, its controls, caution and grounding card.

Shared by every screen that breathes (the Breathe page in app.gui.session, the flow's breathe
step in app.gui.moment, the pattern preview in app.gui.patterns uses its controller), so it sits
below the features, which stay independent of each other (the import contract
`gui-features-independent` in pyproject.toml). The rules live in app.core.session; these modules
build widgets, bind them and forward input.
"""
