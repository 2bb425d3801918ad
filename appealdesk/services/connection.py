"""Where this workstation's database is: the local file, or an office server (PostgreSQL).

The choice is the user's, per workstation: it is kept in ``connection.json`` in the per-user data folder,
never in the database. The server's password is kept only with the operating system's per-user protection
(Windows: DPAPI, readable by this Windows user only) or not at all (then the program asks for it at start);
on other systems it is asked at start unless the file is readable by its owner only.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from ..errors import FieldError, ValidationError
from ..paths import user_data_dir

log = logging.getLogger(__name__)

FILE_NAME = "connection.json"
DEFAULT_PORT = 5432


@dataclass(frozen=True)
class ServerConnection:
    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    password: str = ""  # never written as it is
    remember_password: bool = True

    def url(self, password: str | None = None) -> str:
        pw = self.password if password is None else password
        auth = quote(self.user, safe="") + (":" + quote(pw, safe="") if pw else "")
        return f"postgresql://{auth}@{self.host}:{self.port}/{quote(self.database, safe='')}"

    def shown(self) -> str:
        return f"{self.host}:{self.port}, база «{self.database}», пользователь {self.user}"

    def validate(self) -> None:
        errors = []
        if not self.host.strip():
            errors.append(FieldError("host", "Укажите адрес сервера (имя компьютера или IP-адрес)"))
        if not 1 <= self.port <= 65535:
            errors.append(FieldError("port", "Порт — число от 1 до 65535 (обычно 5432)"))
        if not self.database.strip():
            errors.append(FieldError("database", "Укажите имя базы данных на сервере"))
        if not self.user.strip():
            errors.append(FieldError("user", "Укажите пользователя базы данных"))
        if errors:
            raise ValidationError(errors)


def is_server_url(text: str | None) -> bool:
    return bool(text) and str(text).split("://", 1)[0].split("+", 1)[0] in ("postgresql", "postgres")


def parse_url(url: str) -> ServerConnection:
    parts = urlsplit(url)
    return ServerConnection(
        host=parts.hostname or "localhost", port=parts.port or DEFAULT_PORT,
        database=unquote(parts.path.lstrip("/")), user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
    )


def hide_password(url: str) -> str:
    """A database address as it can be printed or logged: the password replaced by ``***``."""
    if "://" not in url:
        return url
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(":" + parts.password + "@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


# -- this workstation's choice --------------------------------------------------------------------------
def _file() -> Path:
    return user_data_dir() / FILE_NAME


def load() -> ServerConnection | None:
    """The server this workstation works with, or None for the local file. The password is filled in when
    it was kept and can be read back by this user."""
    path = _file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("cannot read %s: %s", path, exc)
        return None
    if data.get("kind") != "postgresql":
        return None
    secret = data.pop("password_protected", None)
    data.pop("kind", None)
    fields = {k: v for k, v in data.items() if k in ServerConnection.__dataclass_fields__}
    conn = ServerConnection(**fields)
    password = _unprotect(secret) if secret else ""
    return replace(conn, password=password or "")


def save(conn: ServerConnection | None) -> Path:
    """Remember the server for this workstation (None: back to the local file)."""
    path = _file()
    path.parent.mkdir(parents=True, exist_ok=True)
    if conn is None:
        data: dict = {"kind": "sqlite"}
    else:
        conn.validate()
        data = {"kind": "postgresql", **asdict(conn)}
        data.pop("password")
        if conn.remember_password and conn.password:
            data["password_protected"] = _protect(conn.password)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
    os.replace(tmp, path)
    return path


def _protect(password: str) -> str:
    data = password.encode("utf-8")
    if sys.platform == "win32":
        return "dpapi:" + base64.b64encode(_dpapi(data, protect=True)).decode("ascii")
    # POSIX: connection.json is created 0600 inside the user's own data folder
    return "file:" + base64.b64encode(data).decode("ascii")


def _unprotect(secret: str) -> str | None:
    try:
        scheme, _, payload = secret.partition(":")
        raw = base64.b64decode(payload)
        if scheme == "dpapi" and sys.platform == "win32":
            return _dpapi(raw, protect=False).decode("utf-8")
        if scheme == "file" and sys.platform != "win32":
            return raw.decode("utf-8")
    except Exception as exc:  # another Windows user's blob, a damaged file: ask at start
        log.warning("kept server password unreadable: %s", exc)
    return None


def _dpapi(data: bytes, *, protect: bool) -> bytes:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    class Blob(ctypes.Structure):
        _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

    crypt32 = ctypes.windll.crypt32
    kernel32 = ctypes.windll.kernel32
    buf = ctypes.create_string_buffer(data, len(data))
    blob_in = Blob(len(data), ctypes.cast(buf, ctypes.POINTER(ctypes.c_char)))
    blob_out = Blob()
    fn = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
    ok = fn(ctypes.byref(blob_in), None, None, None, None, 0x01, ctypes.byref(blob_out))  # UI_FORBIDDEN
    if not ok:
        raise OSError("DPAPI failed")
    try:
        return ctypes.string_at(blob_out.pbData, blob_out.cbData)
    finally:
        kernel32.LocalFree(blob_out.pbData)


@dataclass(frozen=True)
class ServerState:
    """What a server database holds, as the connection dialog tells it."""

    kind: str  # appealdesk | empty | foreign
    appeals: int = 0
    text: str = ""


def probe(conn: ServerConnection) -> ServerState:
    """Connect to the server and look: an AppealDesk database (how many appeals), an empty one (the
    office's database can be moved into it), or another program's. Raises ``DatabaseProblem`` (Russian)
    when the server cannot be reached or refuses the user."""
    conn.validate()
    from sqlalchemy import inspect, text

    from ..errors import DatabaseProblem
    from ..storage.database import make_engine

    engine = make_engine(conn.url())
    try:
        try:
            with engine.connect() as con:
                tables = set(inspect(con).get_table_names())
                appeals = (con.execute(text("SELECT count(*) FROM appeals WHERE deleted = false")).scalar()
                           if {"alembic_version", "appeals"} <= tables else 0)
        except Exception as exc:
            log.warning("server %s: %s", conn.shown(), exc)
            raise DatabaseProblem(
                "unreachable",
                f"Не удалось подключиться к серверу {conn.host}:{conn.port}: сервер не отвечает, или неверны имя "
                "базы, пользователь или пароль. Проверьте их и что сервер запущен.",
            ) from exc
    finally:
        engine.dispose()
    if not tables:
        return ServerState("empty", 0, "База на сервере пуста: перенесите в неё базу этого компьютера "
                                       "(appealdesk-cli move-to) или начните работу с чистой базы.")
    if "appeals" in tables and "alembic_version" in tables:
        return ServerState("appealdesk", int(appeals or 0), f"База AppealDesk на сервере: обращений {appeals}.")
    return ServerState("foreign", 0, "В этой базе на сервере таблицы другой программы: выберите другую базу.")
