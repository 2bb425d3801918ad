"""argparse speaking Russian: usage errors exit with code 2 and a Russian message."""

from __future__ import annotations

import argparse
import sys

_MESSAGES = {
    "usage: ": "Использование: ",
    "the following arguments are required: %s": "не указаны обязательные аргументы: %s",
    "unrecognized arguments: %s": "неизвестные аргументы: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "неверный выбор: %(value)r (допустимо: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "expected one argument": "нужно одно значение",
    "invalid %(type)s value: %(value)r": "неверное значение %(value)r",
    "show this help message and exit": "показать эту справку и выйти",
    "positional arguments": "аргументы",
    "options": "параметры",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
}


def _translate(text: str) -> str:
    return _MESSAGES.get(text, text)


argparse._ = _translate  # argparse looks its messages up through this module-level name


class RussianArgumentParser(argparse.ArgumentParser):
    def error(self, message: str):  # pragma: no cover - exercised through the CLI tests
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: ошибка: {message}\n")
