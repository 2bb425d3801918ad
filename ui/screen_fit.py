"""Every window fits the screen it opens on: 1366×768 with a Windows taskbar (1366×728 usable), 1280×720.

``install(app)`` watches the first show of every top-level window and dialog (one application event
filter, as Anki's and qutebrowser's do for keys), so a dialog added later is covered without a line of its
own:

- a dialog whose smallest size is still taller or wider than the screen gets its content put into a
  scroll area, with its bottom row of buttons («Сохранить», «Отмена»…) kept outside, always visible;
- a window asked for bigger than the screen (``resize(760, 820)``) is made as big as the screen allows;
- it is moved so that its frame, title bar included, lies inside the usable area.

The same filter turns off Tab key navigation in every table as it is polished: Tab leaves a table for the
next control instead of walking its cells (arrows move inside it).

The frame is taken as Windows 10/11 draws it at 100 % (``FRAME``), whatever the platform reports, so a
test on the offscreen platform measures what a clerk's screen shows. ``tests/ui/test_screen_fit.py``
opens every window and dialog at both sizes and fails if one is bigger than the screen or has a button
outside it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QWidget

# the other widget classes are imported where a window is fitted: this module loads before the main window

FRAME = QMargins(8, 31, 8, 8)  # left, title bar, right, bottom: a Windows 10/11 window at 100 %
FITTED = "appealdesk_fitted"  # a window's property once it has been fitted


def available(widget: QWidget | None = None) -> QRect:
    """The usable area of the screen ``widget`` is on (a dialog: its parent's screen)."""
    if widget is not None and widget.parentWidget() is not None:
        widget = widget.parentWidget().window()
    screen = widget.screen() if widget is not None else None
    screen = screen or QApplication.primaryScreen()
    return screen.availableGeometry()


def room(widget: QWidget | None = None) -> QSize:
    """The largest client size a window can have on its screen (the frame subtracted)."""
    a = available(widget)
    return QSize(a.width() - FRAME.left() - FRAME.right(), a.height() - FRAME.top() - FRAME.bottom())


def _is_button_row(item) -> bool:
    """A layout item that holds only buttons (and stretches): a dialog's «ОК / Отмена» row."""
    from PySide6.QtWidgets import QAbstractButton, QBoxLayout, QDialogButtonBox, QSpacerItem

    w = item.widget()
    if w is not None:
        return isinstance(w, QDialogButtonBox)
    lay = item.layout()
    if lay is None or not isinstance(lay, QBoxLayout) or lay.direction() not in (
            QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.RightToLeft):
        return False
    found = False
    for i in range(lay.count()):
        sub = lay.itemAt(i)
        if isinstance(sub, QSpacerItem) or sub.spacerItem() is not None:
            continue
        if sub.widget() is None or not isinstance(sub.widget(), (QAbstractButton, QDialogButtonBox)):
            return False
        found = True
    return found


def make_scrolling(window: QWidget) -> bool:
    """Put the content of ``window`` into a scroll area, keeping its bottom button row outside."""
    from PySide6.QtWidgets import QBoxLayout, QFrame, QMainWindow, QScrollArea, QWizard

    lay = window.layout()
    if lay is None or isinstance(window, (QMainWindow, QWizard)) or window.property(FITTED + "_scroll"):
        return False
    margins = lay.contentsMargins()
    bottom = None
    last = lay.itemAt(lay.count() - 1) if lay.count() else None
    if last is not None and _is_button_row(last):
        bottom = lay.takeAt(lay.count() - 1)
    body = QWidget()
    body.setLayout(lay)  # takes the layout and its widgets over from the window
    scroll = QScrollArea()
    scroll.setObjectName("fit-scroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(body)
    outer = QBoxLayout(QBoxLayout.Direction.TopToBottom, window)
    outer.setContentsMargins(0, 0, 0, margins.bottom())
    lay.setContentsMargins(margins.left(), margins.top(), margins.right(), 0)
    outer.addWidget(scroll, 1)
    if bottom is not None:
        if bottom.widget() is not None:
            row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
            row.setContentsMargins(margins.left(), 0, margins.right(), 0)
            row.addWidget(bottom.widget())
            outer.addLayout(row)
        else:
            sub = bottom.layout()
            sub.setParent(None)
            sub.setContentsMargins(margins.left(), 0, margins.right(), 0)
            outer.addLayout(sub)
    window.setProperty(FITTED + "_scroll", True)
    return True


def _needs_scrolling(window: QWidget, limit: QSize) -> bool:
    if window.layout() is None:
        return False
    need = window.minimumSizeHint().expandedTo(window.minimumSize())
    return need.height() > limit.height() or need.width() > limit.width()


def fit(window: QWidget) -> None:
    """Make ``window`` fit its screen (see the module's text); done once, at its first show."""
    from PySide6.QtWidgets import QDialog

    limit = room(window)
    if isinstance(window, QDialog) and _needs_scrolling(window, limit):
        make_scrolling(window)
    if window.minimumWidth() > limit.width() or window.minimumHeight() > limit.height():
        window.setMinimumSize(window.minimumSize().boundedTo(limit))
    size = window.size()
    if not window.testAttribute(Qt.WidgetAttribute.WA_Resized):
        size = window.sizeHint().expandedTo(window.minimumSizeHint())
    bounded = size.boundedTo(limit)
    if bounded != window.size():
        window.resize(bounded)
    place(window)


def outer(window: QWidget) -> QRect:
    """Where ``window`` is with a Windows frame around it: ``move`` places the frame's corner, whatever
    frame the platform draws, and the frame is taken as ``FRAME``."""
    corner = window.frameGeometry().topLeft() if window.isVisible() else window.pos()
    return QRect(corner, window.size().grownBy(FRAME))


def place(window: QWidget) -> None:
    """Move ``window`` so that its frame lies inside the usable area (centred on its parent if it has one)."""
    a = available(window)
    box = outer(window)
    parent = window.parentWidget()
    if parent is not None and not window.testAttribute(Qt.WidgetAttribute.WA_Moved):
        box.moveCenter(parent.window().frameGeometry().center())
    x = max(min(box.x(), a.right() + 1 - box.width()), a.left())
    y = max(min(box.y(), a.bottom() + 1 - box.height()), a.top())
    if (x, y) != (window.x(), window.y()):
        window.move(x, y)


class _Watcher(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish and _is_table(obj) and obj.tabKeyNavigation():
            obj.setTabKeyNavigation(False)  # Tab leaves every table for the next control (a keyboard trap else)
        if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
            kind = obj.windowType()
            if kind in (Qt.WindowType.Window, Qt.WindowType.Dialog) and not obj.property(FITTED):
                obj.setProperty(FITTED, True)
                if not (obj.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen)):
                    fit(obj)
        return False


_view_class = None


def _is_table(obj: QObject) -> bool:
    global _view_class
    if _view_class is None:
        from PySide6.QtWidgets import QAbstractItemView

        _view_class = QAbstractItemView
    return isinstance(obj, _view_class)


_watcher: _Watcher | None = None


def install(app: QApplication) -> None:
    """Fit every window and dialog of ``app`` at its first show (once per application)."""
    global _watcher
    if _watcher is None:
        _watcher = _Watcher()
        app.installEventFilter(_watcher)
