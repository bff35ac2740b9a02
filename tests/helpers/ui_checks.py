"""Generic interface checks: what a person meets on any screen, measured on the real widgets.

Each check takes the window (or a screen inside it) as it is shown and returns a list of
findings in words ("Settings: 'Sound note' (QLabel) is cut: needs 44 px of height, has 20"),
so a failing test says exactly what to fix. They know nothing about particular pages: the
screens are found by walking the window (tests/gui/test_interface_checks.py), so a new page or
flow step is checked without new test code.

- keyboard_findings: Tab (and Shift+Tab) from the first control reaches every enabled, visible
  control of the screen, in a cycle, and never sticks in one place (a trap); a control that is not
  a Tab stop counts when arrow keys reach it from a member of its group (its QButtonGroup, or its
  sibling controls) that Tab reaches — tried for real, since a shortcut may take the arrows.
- clipping_findings: text that does not fit its label or button, controls cut off by their
  parents, visible siblings that overlap, horizontal scroll bars that appear.
- contrast_findings: the colours each text widget really paints (read from its grabbed image:
  the commonest colour is the background, the colour farthest from it is the text) reach 4.5:1.
- small_text_findings: no visible text under the type scale's floor.
- StrayWindowWatch: widgets that show up as windows of their own by accident (a label shown
  before it has a parent flashes up as a window and, offscreen, takes the keyboard focus).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QFontInfo, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QButtonGroup,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QScrollBar,
    QStackedWidget,
    QTabBar,
    QTextEdit,
    QWidget,
)

from widgets.design import MIN_BODY_POINTS, TEXT_CONTRAST, contrast_ratio

CONTROL_TYPES: tuple[type[QWidget], ...] = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QAbstractSpinBox,
    QComboBox,
    QAbstractSlider,
    QAbstractItemView,
    QTabBar,
)


def describe(widget: QWidget) -> str:
    name = widget.accessibleName() or widget.objectName()
    text = getattr(widget, "text", None)
    if not name and callable(text):
        try:
            name = str(text())
        except (TypeError, RuntimeError):
            name = ""
    name = name.replace("\n", " ")
    if len(name) > 40:
        name = name[:37] + "..."
    return f"'{name}' ({type(widget).__name__})" if name else type(widget).__name__


def really_visible(widget: QWidget, root: QWidget) -> bool:
    """Shown on the screen inside `root`: visible, not on a hidden page of a stacked widget."""
    if not widget.isVisibleTo(root) or not widget.isVisible():
        return False
    return not widget.visibleRegion().isEmpty()


def is_control(widget: QWidget) -> bool:
    if not isinstance(widget, CONTROL_TYPES) or isinstance(widget, QScrollBar):
        return False
    parent = widget.parentWidget()
    # Parts of composite controls (a spin box's line edit, a combo box's editor, a tab bar's
    # scroll buttons) are reached through the control itself.
    while parent is not None:
        if isinstance(parent, (QAbstractSpinBox, QComboBox, QTabBar)):
            return False
        parent = parent.parentWidget()
    return True


def controls(root: QWidget) -> list[QWidget]:
    """Enabled, visible controls inside `root` (the screen a person is looking at)."""
    found = []
    for widget in root.findChildren(QWidget):
        if is_control(widget) and widget.isEnabled() and really_visible(widget, root):
            if isinstance(widget, QAbstractItemView) and widget.model() is not None and widget.model().rowCount() == 0:
                continue  # an empty list has nothing to reach
            found.append(widget)
    return found


def _arrow_group_members(widget: QWidget) -> list[QWidget]:
    """Controls arrow keys might move between: the widget's button group and its sibling controls."""
    members: list[QWidget] = []
    if isinstance(widget, QAbstractButton):
        group = widget.group()
        if isinstance(group, QButtonGroup):
            members.extend(group.buttons())
    parent = widget.parentWidget()
    if parent is not None:
        members.extend(
            child
            for child in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if is_control(child) and child not in members
        )
    return members


def tab_walk(window: QWidget, start: QWidget, backwards: bool = False, limit: int = 200) -> tuple[list[QWidget], list[str]]:
    """Press Tab (or Shift+Tab) from `start` until focus comes back; returns the widgets focused
    in order and any traps found."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    order: list[QWidget] = []
    traps: list[str] = []
    current = QApplication.focusWidget()
    if current is None:
        return order, ["no widget takes the keyboard focus"]
    order.append(current)
    key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
    modifier = Qt.KeyboardModifier.ShiftModifier if backwards else Qt.KeyboardModifier.NoModifier
    for _ in range(limit):
        QTest.keyClick(current, key, modifier)
        QApplication.processEvents()
        following = QApplication.focusWidget()
        if following is None:
            traps.append(f"focus is lost after {describe(current)}")
            break
        if following is current:
            traps.append(f"Tab stays in {describe(current)} (a keyboard trap)")
            break
        if following is order[0]:
            break
        if following in order:
            traps.append(f"Tab goes round in a smaller circle from {describe(following)}")
            break
        order.append(following)
        current = following
    else:
        traps.append(f"Tab did not come back to the start after {limit} presses")
    return order, traps


def arrow_reach(start: QWidget, members: list[QWidget]) -> set[QWidget]:
    """The members of an arrow group that arrow keys reach from `start` (which has focus first)."""
    reached: set[QWidget] = set()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Right, Qt.Key.Key_Left):
        start.setFocus(Qt.FocusReason.TabFocusReason)
        QApplication.processEvents()
        for _ in range(len(members)):
            current = QApplication.focusWidget()
            if current is None:
                break
            QTest.keyClick(current, key)
            QApplication.processEvents()
            following = QApplication.focusWidget()
            if following is None or following not in members or following is current:
                break
            reached.add(following)
    return reached


def keyboard_findings(screen: QWidget, window: QWidget) -> list[str]:
    """Every control of `screen` is reached by Tab (or arrows in a group), in both directions, with no traps."""
    wanted = controls(screen)
    if not wanted:
        return []
    window.activateWindow()
    QApplication.processEvents()
    forward, traps = tab_walk(window, wanted[0])
    backward, back_traps = tab_walk(window, wanted[0], backwards=True)
    findings = traps + [f"Shift+Tab: {trap}" for trap in back_traps]
    reached = set(forward)
    by_arrows: set[QWidget] = set()
    for widget in wanted:
        if widget in reached or widget in by_arrows:
            continue
        members = [m for m in _arrow_group_members(widget) if m.isVisible() and m.isEnabled()]
        entry = next((m for m in members if m in reached), None)
        if entry is not None:
            by_arrows |= arrow_reach(entry, members)
            if widget in by_arrows:
                continue
            findings.append(f"{describe(widget)} cannot be reached by Tab, nor by arrow keys from {describe(entry)}")
            continue
        findings.append(f"{describe(widget)} cannot be reached by Tab")
    return findings


# -- clipping ------------------------------------------------------------------------------------


def _inside_scroll_viewport(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            return True
        parent = grand
    return False


def _text_of(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    if callable(text):
        try:
            value = text()
        except (TypeError, RuntimeError):
            return ""
        return value if isinstance(value, str) else ""
    return ""


def clipping_findings(screen: QWidget) -> list[str]:
    """Text that does not fit, controls cut by their parents, overlapping siblings, sideways scrolling."""
    findings: list[str] = []
    for widget in screen.findChildren(QWidget):
        if not really_visible(widget, screen) or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            need = _label_needs(widget)
            have = widget.contentsRect()
            if need.width() > have.width() + 1 or need.height() > have.height() + 1:
                findings.append(
                    f"{describe(widget)} is cut: it needs {need.width()}x{need.height()} px, has {have.width()}x{have.height()}"
                )
        elif isinstance(widget, QAbstractButton) and _text_of(widget):
            need = widget.minimumSizeHint()
            if need.width() > widget.width() + 1 or need.height() > widget.height() + 1:
                findings.append(
                    f"{describe(widget)} is cut: it needs {need.width()}x{need.height()} px, has {widget.width()}x{widget.height()}"
                )
        if isinstance(widget, QScrollBar) and widget.orientation() == Qt.Orientation.Horizontal:
            area = widget.parentWidget().parentWidget() if widget.parentWidget() else None
            if isinstance(area, QAbstractScrollArea) and widget.maximum() > 0 and not area.property("scrollsSideways"):
                findings.append(f"{describe(area)} scrolls sideways (its content is wider than the window)")
        if (is_control(widget) or isinstance(widget, QLabel)) and not _inside_scroll_viewport(widget, screen):
            shown = widget.visibleRegion().boundingRect()
            if shown.width() < widget.width() - 1 or shown.height() < widget.height() - 1:
                if not _covered_by_sibling_only(widget):
                    findings.append(f"{describe(widget)} is cut off by its container ({shown.width()}x{shown.height()} of {widget.width()}x{widget.height()} shown)")
    findings.extend(_overlaps(screen))
    return findings


def _label_needs(label: QLabel) -> QRect:
    width = label.contentsRect().width()
    if label.wordWrap():
        height = label.heightForWidth(label.width())
        if height < 0:
            height = label.sizeHint().height()
        margins = label.contentsMargins()
        return QRect(0, 0, width, height - margins.top() - margins.bottom())
    if label.textFormat() == Qt.TextFormat.RichText or "<" in label.text():
        hint = label.minimumSizeHint()
        return QRect(0, 0, hint.width() - 2 * label.margin(), hint.height() - 2 * label.margin())
    metrics = label.fontMetrics()
    lines = label.text().split("\n")
    widest = max(metrics.horizontalAdvance(line.replace("&&", "&")) for line in lines)
    if "&" in label.text() and label.buddy() is not None:
        widest = max(metrics.horizontalAdvance(line.replace("&", "", 1)) for line in lines)
    return QRect(0, 0, widest, metrics.height() * len(lines))


def _covered_by_sibling_only(widget: QWidget) -> bool:
    """Part of the widget is hidden under a popup or a sibling overlay, not cut by its parent."""
    parent = widget.parentWidget()
    if parent is None:
        return False
    inside = parent.rect().contains(widget.geometry())
    return inside and not isinstance(parent, QAbstractScrollArea)


def _overlaps(screen: QWidget) -> list[str]:
    findings = []
    for parent in [screen, *screen.findChildren(QWidget)]:
        if isinstance(parent, QStackedWidget) or not really_visible(parent, screen) and parent is not screen:
            continue
        children = [
            child
            for child in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if really_visible(child, screen) and not child.isWindow() and (isinstance(child, QLabel) or is_control(child))
        ]
        for index, first in enumerate(children):
            for second in children[index + 1 :]:
                overlap = first.geometry().intersected(second.geometry())
                if overlap.width() > 2 and overlap.height() > 2:
                    findings.append(f"{describe(first)} and {describe(second)} overlap")
    return findings


# -- contrast and size ---------------------------------------------------------------------------


def painted_colours(image: QImage) -> tuple[QColor, QColor]:
    """(background, text) of a grabbed text widget: the commonest colour, and the one farthest from it."""
    counts: Counter[int] = Counter()
    step = max(1, min(image.width(), image.height()) // 60)
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), 1):
            counts[image.pixel(x, y)] += 1
    background = QColor.fromRgb(counts.most_common(1)[0][0])
    farthest = background
    best = 1.0
    for rgb in counts:
        colour = QColor.fromRgb(rgb)
        ratio = contrast_ratio(colour.name(), background.name())
        if ratio > best:
            best, farthest = ratio, colour
    return background, farthest


def text_widgets(screen: QWidget) -> Iterator[QWidget]:
    for widget in screen.findChildren(QWidget):
        if not really_visible(widget, screen) or widget.width() < 4 or widget.height() < 4:
            continue
        if isinstance(widget, QLabel) and widget.text().strip() and widget.pixmap().isNull():
            yield widget
        elif isinstance(widget, QAbstractButton) and _text_of(widget).strip():
            yield widget


def contrast_findings(screen: QWidget) -> list[str]:
    findings = []
    for widget in text_widgets(screen):
        image = widget.grab().toImage()
        background, text = painted_colours(image)
        ratio = contrast_ratio(text.name(), background.name())
        if ratio < TEXT_CONTRAST - 0.05:
            findings.append(f"{describe(widget)}: text {text.name()} on {background.name()} is {ratio:.2f}:1 (needs {TEXT_CONTRAST}:1)")
    return findings


def small_text_findings(screen: QWidget, floor: float = MIN_BODY_POINTS) -> list[str]:
    findings = []
    for widget in text_widgets(screen):
        points = QFontInfo(widget.font()).pointSizeF()
        if points < floor - 0.05:
            findings.append(f"{describe(widget)}: {points:.1f} pt text (the floor is {floor:g} pt)")
    return findings


# -- windows of their own --------------------------------------------------------------------------


class StrayWindowWatch(QObject):
    """Notes every widget shown as a window of its own that is not a window, dialog or popup."""

    def __init__(self) -> None:
        super().__init__()
        self.strays: list[str] = []

    def __enter__(self) -> StrayWindowWatch:
        QApplication.instance().installEventFilter(self)
        return self

    def __exit__(self, *_exc: object) -> None:
        QApplication.instance().removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            if not self._expected(watched):
                self.strays.append(f"{describe(watched)} was shown as a window of its own")
        return False

    @staticmethod
    def _expected(widget: QWidget) -> bool:
        if isinstance(widget, (QMainWindow, QDialog)):
            return True
        kind = widget.windowType()
        if kind in (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen, Qt.WindowType.Dialog):
            return True
        if widget.parentWidget() is None and widget.property("steadyWindow"):
            return True  # a window on purpose (the welcome, a test's own widget)
        return type(widget).__name__.startswith("Q") and "Container" in type(widget).__name__


def all_findings(screen: QWidget, window: QWidget) -> dict[str, list[str]]:
    # The keyboard last: trying arrow keys may move the screen on (which is then a finding).
    found = {
        "clipping": clipping_findings(screen),
        "contrast": contrast_findings(screen),
        "small text": small_text_findings(screen),
    }
    found["keyboard"] = keyboard_findings(screen, window)
    return found


def format_findings(name: str, findings: dict[str, list[str]]) -> Iterable[str]:
    for kind, lines in findings.items():
        for line in lines:
            yield f"{name}: {kind}: {line}"
