"""The Patterns page: make and change breathing patterns, see them run, save them as YAML.

The Qt-free rules (draft, safety, salvage, shape, store) live in app.core.patterns, tested
without a display; the Qt parts here (editor, preview, page, watcher, feature) only show and
wire them. Only `feature` is imported at start-up; everything else loads when the page is
first opened.
"""
