"""The Patterns page: make and change breathing patterns, see them run, save them as YAML.

The rules and the editor's state live in app.core.patterns (Qt-free, tested without a
display); the Qt parts here (editor form, preview, page, watcher, feature) only show them and
forward what the user does. Only `feature` is imported at start-up; everything else loads
when the page is first opened.
"""
