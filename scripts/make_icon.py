"""Draw the application icon with Pillow: ``resources/icons/appealdesk.png`` (256 px) and a multi-size
``appealdesk.ico`` (16-256 px) for the Windows executable, the installer and the shortcuts.

    python scripts/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
BLUE = (30, 86, 160, 255)
PAPER = (255, 255, 255, 255)
LINE = (150, 170, 200, 255)
GREEN = (46, 160, 67, 255)


def draw(size: int = 1024) -> Image.Image:
    """A blue rounded square, a white sheet with lines and a green check mark."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    s = size / 256
    d.rounded_rectangle((8 * s, 8 * s, 248 * s, 248 * s), radius=44 * s, fill=BLUE)
    d.rounded_rectangle((62 * s, 36 * s, 194 * s, 220 * s), radius=10 * s, fill=PAPER)
    for i, y in enumerate((70, 96, 122)):
        d.rounded_rectangle((82 * s, y * s, (174 if i < 2 else 140) * s, (y + 10) * s), radius=5 * s, fill=LINE)
    d.line([(92 * s, 172 * s), (118 * s, 196 * s), (170 * s, 144 * s)], fill=GREEN, width=round(18 * s),
           joint="curve")
    for x, y in ((92, 172), (170, 144)):
        r = 9 * s
        d.ellipse((x * s - r, y * s - r, x * s + r, y * s + r), fill=GREEN)
    return img


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.Resampling.LANCZOS).save(ICONS / "appealdesk.png", optimize=True)
    big.save(ICONS / "appealdesk.ico", sizes=[(n, n) for n in SIZES])
    print(f"written {ICONS / 'appealdesk.png'} and {ICONS / 'appealdesk.ico'}")


if __name__ == "__main__":
    main()
