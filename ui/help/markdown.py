"""The user guide's Markdown (``resources/help/*.md``) as HTML for the help window. No Qt here: the bundle's
spec renders the guide with it at build time (``python -m ui.help.markdown OUT.html``).

Enough Markdown for a guide: headings with anchors (``## Журнал {#journal}``), paragraphs, bulleted and
numbered lists, tables, ``**bold**``, ``*italic*``, ``code`` and ``[links](#anchor)``. Text is escaped.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

_HEADING = re.compile(r"^(#{1,4})\s+(.*?)(?:\s*\{#([\w-]+)\})?\s*$")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+\.\s+(.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")

STYLE = """
body { font-family: sans-serif; font-size: 10pt; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 18px; } h3 { font-size: 11pt; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border: 1px solid #b0b0b0; padding: 3px 6px; vertical-align: top; }
th { background: #eeeeee; }
code { font-family: monospace; background: #f2f2f2; }
"""


def inline(text: str) -> str:
    out = html.escape(text, quote=False)
    out = re.sub(r"`([^`]+)`", lambda m: f"<code>{m.group(1)}</code>", out)
    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)
    out = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", out)
    return re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", r'<a href="\2">\1</a>', out)


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [c.strip() for c in line.split("|")]


def headings(markdown: str) -> list[tuple[int, str, str]]:
    """``(level, title, anchor)`` of every heading with an anchor, in order (the contents)."""
    out = []
    for line in markdown.splitlines():
        m = _HEADING.match(line)
        if m and m.group(3):
            out.append((len(m.group(1)), m.group(2).strip(), m.group(3)))
    return out


def to_html(markdown: str, title: str = "Руководство пользователя") -> str:
    lines = markdown.splitlines()
    body: list[str] = []
    para: list[str] = []
    i = 0

    def flush() -> None:
        if para:
            body.append("<p>" + inline(" ".join(para)) + "</p>")
            para.clear()

    while i < len(lines):
        line = lines[i]
        if not line.strip():
            flush()
            i += 1
            continue
        m = _HEADING.match(line)
        if m:
            flush()
            level, text, anchor = len(m.group(1)), m.group(2).strip(), m.group(3)
            name = f'<a name="{anchor}"></a>' if anchor else ""
            body.append(f"<h{level}>{name}{inline(text)}</h{level}>")
            i += 1
            continue
        if line.lstrip().startswith("|") and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1]):
            flush()
            rows = [f"<tr>{''.join(f'<th>{inline(c)}</th>' for c in _cells(line))}</tr>"]
            i += 2
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                rows.append(f"<tr>{''.join(f'<td>{inline(c)}</td>' for c in _cells(lines[i]))}</tr>")
                i += 1
            body.append('<table cellspacing="0" cellpadding="4">' + "".join(rows) + "</table>")
            continue
        for pattern, tag in ((_BULLET, "ul"), (_NUMBERED, "ol")):
            if pattern.match(line):
                flush()
                items: list[list[str]] = []
                while i < len(lines) and lines[i].strip():
                    item = pattern.match(lines[i])
                    if item:
                        items.append([item.group(1)])
                    elif items and lines[i].startswith((" ", "\t")):
                        items[-1].append(lines[i].strip())  # a continued item
                    else:
                        break
                    i += 1
                body.append(f"<{tag}>" + "".join(f"<li>{inline(' '.join(it))}</li>" for it in items) + f"</{tag}>")
                break
        else:
            para.append(line.strip())
            i += 1
    flush()
    return (f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{STYLE}</style></head><body>{''.join(body)}</body></html>")


def main(argv: list[str] | None = None) -> int:
    """``python -m ui.help.markdown OUT.html``: render the guide (the bundle ships the HTML)."""
    args = sys.argv[1:] if argv is None else argv
    from appealdesk.paths import resources_dir

    source = resources_dir() / "help" / "guide.md"
    out = Path(args[0]) if args else source.with_suffix(".html")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_html(source.read_text(encoding="utf-8")), encoding="utf-8")
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
