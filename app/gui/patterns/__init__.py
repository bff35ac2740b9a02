"""The Patterns page: make and change breathing patterns, see them run, save them as YAML.

Qt-free parts (draft, safety, shape, store) hold the rules so they can be tested without a
display; the Qt parts (editor, preview, page, watcher, feature) only show and wire them. Only
`feature` is imported at start-up; everything else loads when the page is first opened.
"""
