"""The text of a multi-line editor exactly as the person typed it.

QPlainTextEdit.toPlainText() turns non-breaking spaces into ordinary ones, so a caution, a
drafted message or a list written with them would come back changed. The document's raw text
keeps them; only its paragraph separators become newlines.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

_SEPARATORS = str.maketrans({"\u2029": "\n", "\u2028": "\n"})


def plain_text(editor: QPlainTextEdit | QTextEdit) -> str:
    return editor.document().toRawText().translate(_SEPARATORS)
