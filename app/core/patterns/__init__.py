"""The pattern editor's model and rules, without Qt (the Patterns page is app.gui.patterns).

- `editor_model`: PatternEditorModel, what the page shows and what its actions do;
- `selection`: what can be shown (a new pattern, a saved one, a file that does not load);
- `writing`: the one plan -> ask -> write loop of Save and Import;
- `store`: the user's pattern files (save plans, backups, import, export, delete);
- `draft`: the form's state in plain values and why it cannot be saved yet;
- `safety`, `salvage`, `shape`: the caution question, a copy of a broken file, the plot's points.
"""
