"""A letter from its template: docxtpl fills the placeholders of the Word document (it mends the runs Word
splits a ``{{ … }}`` into), with XML escaping of every value. A template is checked before it is stored
or used: that it is a DOCX at all, that its tags are well formed, that it names only known fields."""

from __future__ import annotations

import io
import zipfile

from ..errors import DomainError
from .fields import FIELDS


class TemplateProblem(DomainError):
    """A template that cannot be used; the message says what to fix, in Russian."""


def _open(content: bytes, what: str):
    from docxtpl import DocxTemplate

    if not content or not zipfile.is_zipfile(io.BytesIO(content)):
        raise TemplateProblem(
            f"{what} — не документ Word (DOCX). Сохраните шаблон в Word как «Документ Word (*.docx)» и "
            "загрузите его снова."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            if "word/document.xml" not in z.namelist():
                raise TemplateProblem(f"{what} — архив, но не документ Word (DOCX): в нём нет текста документа.")
        return DocxTemplate(io.BytesIO(content))
    except TemplateProblem:
        raise
    except Exception as exc:
        raise TemplateProblem(f"{what} повреждён или не является документом Word (DOCX): {exc}") from exc


def _syntax(exc: Exception, what: str) -> TemplateProblem:
    message = getattr(exc, "message", None) or str(exc)
    return TemplateProblem(
        f"{what}: ошибка в разметке полей ({message}). Поле пишется так: {{{{ рег_номер }}}}; необязательная "
        "строка — между {%p if приложение %} и {%p endif %}."
    )


def placeholders(content: bytes, what: str = "Шаблон") -> set[str]:
    """The field names a template uses."""
    from jinja2 import TemplateSyntaxError

    template = _open(content, what)
    try:
        return set(template.get_undeclared_template_variables())
    except TemplateSyntaxError as exc:
        raise _syntax(exc, what) from exc
    except Exception as exc:
        raise _syntax(exc, what) from exc


def check(content: bytes, what: str = "Шаблон") -> set[str]:
    """Refuse a template that is not a DOCX, whose tags are broken or that uses an unknown field; returns
    the fields it uses."""
    used = placeholders(content, what)
    unknown = sorted(used - set(FIELDS))
    if unknown:
        names = ", ".join(f"«{{{{ {n} }}}}»" for n in unknown)
        word = "неизвестное поле" if len(unknown) == 1 else "неизвестные поля"
        raise TemplateProblem(
            f"{what}: {word} {names}. Проверьте написание: список полей — в Настройки → Шаблоны писем "
            "(например, {{ рег_номер }}, {{ заявитель_кратко }}, {{ исх_номер }})."
        )
    return used


def render(content: bytes, values: dict[str, object], what: str = "Шаблон") -> bytes:
    """The filled document."""
    from jinja2 import TemplateError

    template = _open(content, what)
    try:
        template.render(values, autoescape=True)
    except TemplateError as exc:
        raise _syntax(exc, what) from exc
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()
