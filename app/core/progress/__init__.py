"""The Progress feature without Qt: what the page shows, what it says, and what its buttons do.

- words.py: every sentence and label (practice celebrated, a gap never named as a failure)
- figures.py: the history read into figures and tables (`ProgressData`, `PracticeFigures`,
  `MomentsFigures`, `Entry`)
- source.py: `ProgressSource`, the protocol through which the model reaches the history and
  its files (app/gui/progress/history_source.py implements it over app.history)
- actions.py: export, a copy, delete one entry or everything, with every question asked first
- model.py: `ProgressModel`, the page's state (period, which screen, the figures, the entries,
  the selection) and when to read the history again

Nothing here imports app.history or app.paths at run time (the layers go core < paths <
history): the history's record types are named for the type checker only, and everything the
model does to the history goes through the `ProgressSource` it is given.
"""
