"""Password hashes: ``hashlib.scrypt`` with a random salt, and the rule of wrong tries in a row.

A stored hash reads ``scrypt$<n>$<r>$<p>$<salt>$<hash>`` (base64), so the cost can be raised later without
breaking the hashes already stored.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from datetime import datetime, timedelta

SCHEME = "scrypt"
N, R, P = 2**14, 8, 1  # about 16 MB and a few tens of milliseconds per try
SALT_BYTES = 16
KEY_BYTES = 32

MAX_TRIES = 5  # wrong passwords in a row ...
LOCK_SECONDS = 30  # ... then the login waits this long
MIN_LENGTH = 6


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    key = _derive(password, salt, N, R, P)
    return "$".join((SCHEME, str(N), str(R), str(P), _b64(salt), _b64(key)))


def verify_password(password: str, stored: str | None) -> bool:
    if not stored:
        return False
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != SCHEME:
            return False
        expected = base64.b64decode(key)
        actual = _derive(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def password_problem(password: str) -> str | None:
    """A Russian reason why the password is too weak to keep, or None."""
    if len(password) < MIN_LENGTH:
        return f"Пароль должен быть не короче {MIN_LENGTH} знаков"
    if password.strip() != password:
        return "Пароль не должен начинаться или заканчиваться пробелом"
    return None


def locked_for(locked_until: datetime | None, now: datetime) -> int:
    """Seconds left to wait after too many wrong tries (0: the login may be tried)."""
    if locked_until is None or locked_until <= now:
        return 0
    return max(1, int((locked_until - now).total_seconds() + 0.999))


def after_wrong_try(tries: int, now: datetime) -> tuple[int, datetime | None]:
    """The count of wrong tries in a row after one more, and until when the login then waits."""
    tries += 1
    if tries >= MAX_TRIES:
        return 0, now + timedelta(seconds=LOCK_SECONDS)
    return tries, None


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8", "surrogatepass"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024,
        dklen=KEY_BYTES,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
