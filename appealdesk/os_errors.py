"""Russian words for the operating system's errors.

``OSError.strerror`` is English on most systems ("No space left on device"); the clerk reads Russian. The
English text goes to the log, the message shows ``os_error_text(exc)``.
"""

from __future__ import annotations

import errno
import logging

log = logging.getLogger(__name__)

_BY_ERRNO = {
    errno.ENOSPC: "на диске нет свободного места",
    errno.EACCES: "нет прав доступа к файлу или папке",
    errno.EPERM: "нет прав доступа к файлу или папке",
    errno.EROFS: "диск или папка доступны только для чтения",
    errno.EIO: "ошибка чтения или записи диска (диск неисправен или отключён)",
    errno.ENOENT: "файл или папка не найдены",
    errno.EEXIST: "файл с таким именем уже есть",
    errno.EISDIR: "указана папка, а не файл",
    errno.ENOTDIR: "часть пути не является папкой",
    errno.ENAMETOOLONG: "слишком длинное имя файла или путь",
    errno.EBUSY: "файл занят другой программой",
    errno.EMFILE: "открыто слишком много файлов",
    errno.ENFILE: "открыто слишком много файлов",
    errno.ENODEV: "устройство недоступно",
    errno.ENXIO: "устройство недоступно",
    errno.EXDEV: "файл нельзя перенести на другой диск",
    errno.ENOTEMPTY: "папка не пуста",
    errno.EFBIG: "файл слишком большой для этого диска",
    errno.EINVAL: "недопустимое имя файла или путь",
}
for _name, _text in (("EDQUOT", "исчерпана квота на диске"), ("ETXTBSY", "файл занят другой программой"),
                     ("ENOMEDIUM", "в устройстве нет носителя"), ("ETIMEDOUT", "устройство или сеть не отвечают"),
                     ("EHOSTDOWN", "сетевая папка недоступна"), ("ESTALE", "сетевая папка недоступна")):
    if hasattr(errno, _name):
        _BY_ERRNO[getattr(errno, _name)] = _text

# Windows error codes Python does not turn into a telling errno
_BY_WINERROR = {
    32: "файл открыт в другой программе (например, в Excel): закройте его",  # ERROR_SHARING_VIOLATION
    33: "файл заблокирован другой программой",  # ERROR_LOCK_VIOLATION
    21: "диск не готов (вставьте носитель)",  # ERROR_NOT_READY
    53: "сетевая папка недоступна",  # ERROR_BAD_NETPATH
    112: "на диске нет свободного места",  # ERROR_DISK_FULL
    1117: "ошибка чтения или записи диска (диск неисправен или отключён)",  # ERROR_IO_DEVICE
}

DISK_FULL = frozenset(code for code in (errno.ENOSPC, getattr(errno, "EDQUOT", None)) if code is not None)


def os_error_text(exc: BaseException) -> str:
    """What went wrong, in Russian (without a full stop), for an ``OSError``; its English text is logged."""
    if not isinstance(exc, OSError):
        return "ошибка при работе с файлом"
    log.info("OS error: %s", exc)
    winerror = getattr(exc, "winerror", None)
    if winerror in _BY_WINERROR:
        return _BY_WINERROR[winerror]
    if exc.errno in _BY_ERRNO:
        return _BY_ERRNO[exc.errno]
    code = exc.errno if exc.errno is not None else winerror
    return f"ошибка операционной системы (код {code})" if code is not None else "ошибка при работе с файлом"


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and (exc.errno in DISK_FULL or getattr(exc, "winerror", None) == 112)
