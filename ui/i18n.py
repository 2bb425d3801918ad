"""Russian everywhere: Qt's own dialogs (qtbase_ru.qm), the locale for dates and the week starting Monday."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

DATE_FORMAT = "dd.MM.yyyy"  # Qt's pattern for ДД.ММ.ГГГГ
PY_DATE = "%d.%m.%Y"


def russian_locale() -> QLocale:
    return QLocale(QLocale.Language.Russian, QLocale.Country.Russia)


def install_russian(app: QApplication) -> list[QTranslator]:
    """Set the Russian locale and load Qt's Russian translations; returns the translators (keep them alive)."""
    QLocale.setDefault(russian_locale())
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    out = []
    for name in ("qtbase_ru", "qt_ru"):
        tr = QTranslator(app)
        if tr.load(name, folder):
            app.installTranslator(tr)
            out.append(tr)
    return out


def fmt_date(value) -> str:
    return value.strftime(PY_DATE) if value else ""
