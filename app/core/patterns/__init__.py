"""The Patterns page's rules, without Qt (the page itself is app.gui.patterns).

- `store`: the user's pattern files (save plans, backups, import, export, delete);
- `draft`: the form's state in plain values and why it cannot be saved yet;
- `safety`, `salvage`, `shape`: the caution question, a copy of a broken file, the plot's points.
"""
