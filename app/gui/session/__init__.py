"""The Breathe page: the exercise list and a practice session on the one session panel.

`feature.install(window, context)` puts it in the window and makes it the window's practice
handler (`steady breathe`, a pattern's "Breathe with it", a reminder's Start). Its rules are
app.core.session's; the panel it shows is app.gui.session_panel's.
"""
