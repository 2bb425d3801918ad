"""The Cyrillic font of every PDF the program writes (the registration card, the reports, the schedule).

DejaVu Sans ships in ``resources/fonts``; ``register()`` makes it known to reportlab once and returns the
font names to use. reportlab is imported here, so import this module only when a PDF is being made.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from .paths import resources_dir

REGULAR_FILE = "DejaVuSans.ttf"
BOLD_FILE = "DejaVuSans-Bold.ttf"


@dataclass(frozen=True)
class PdfFonts:
    regular: str = "AppealDeskSans"
    bold: str = "AppealDeskSans-Bold"


_lock = threading.Lock()
_registered: PdfFonts | None = None


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def register() -> PdfFonts:
    """Register the bundled font with reportlab (once per process) and return the names to use."""
    global _registered
    with _lock:
        if _registered is not None:
            return _registered
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        names = PdfFonts()
        folder = fonts_dir()
        regular, bold = folder / REGULAR_FILE, folder / BOLD_FILE
        if not regular.is_file():
            raise FileNotFoundError(f"Не найден шрифт для PDF: {regular}")
        pdfmetrics.registerFont(TTFont(names.regular, str(regular)))
        pdfmetrics.registerFont(TTFont(names.bold, str(bold if bold.is_file() else regular)))
        addMapping(names.regular, 0, 0, names.regular)
        addMapping(names.regular, 1, 0, names.bold)
        addMapping(names.regular, 0, 1, names.regular)
        addMapping(names.regular, 1, 1, names.bold)
        _registered = names
        return names
