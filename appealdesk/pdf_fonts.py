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
SERIF_FILE = "DejaVuSerif.ttf"
SERIF_BOLD_FILE = "DejaVuSerif-Bold.ttf"


@dataclass(frozen=True)
class PdfFonts:
    regular: str = "AppealDeskSans"
    bold: str = "AppealDeskSans-Bold"
    serif: str = "AppealDeskSerif"  # the letters (Times New Roman in their Word templates)
    serif_bold: str = "AppealDeskSerif-Bold"


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
        serif, serif_bold = folder / SERIF_FILE, folder / SERIF_BOLD_FILE
        serif_face = serif if serif.is_file() else regular
        pdfmetrics.registerFont(TTFont(names.serif, str(serif_face)))
        pdfmetrics.registerFont(TTFont(names.serif_bold, str(serif_bold if serif_bold.is_file() else serif_face)))
        for b, i in ((0, 0), (0, 1)):
            addMapping(names.serif, b, i, names.serif)
        for b, i in ((1, 0), (1, 1)):
            addMapping(names.serif, b, i, names.serif_bold)
        _registered = names
        return names
