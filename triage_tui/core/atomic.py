"""Write files so that a crash at any moment leaves either the old file or the new one, whole.

Every folder the app creates is private (0700, whatever the umask), and so is every file (0600).
`write_new` never replaces a file that exists, not even one created a moment before by someone else.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_DIR = 0o700


def make_private_dirs(folder: Path) -> None:
    """Create `folder` and each missing parent with mode 0700, whatever the umask.

    Folders that already exist are left as they are. Raises OSError if one cannot be created
    (or if a level exists but is not a folder).
    """
    folder = Path(folder)
    missing: list[Path] = []
    level = folder
    while not level.is_dir():
        missing.append(level)
        if level.parent == level:
            break
        level = level.parent
    for level in reversed(missing):
        try:
            os.mkdir(level, PRIVATE_DIR)
        except FileExistsError:
            if not level.is_dir():
                raise
            continue  # made meanwhile by someone else: not ours to change
        os.chmod(level, PRIVATE_DIR)  # mkdir's mode is filtered by the umask


def is_private(st: os.stat_result) -> bool:
    """Owned by the current user (POSIX) and not writable by group or others."""
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return False
    return os.name != "posix" or st.st_mode & 0o022 == 0


def write_atomic(path: Path, data: bytes | str, mode: int = 0o600) -> None:
    """Write `data` to `path` atomically: temp file in the same folder, fsync, rename, fsync folder.

    The file gets `mode` (private to the user by default). Missing folders are created 0700.
    Raises OSError if it cannot be written; the old file, if any, is then untouched.
    """
    make_private_dirs(path.parent)
    tmp = _temp_copy(path, data, mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def write_new(path: Path, data: bytes | str, mode: int = 0o600, *, next_free: bool = False) -> Path:
    """Write `data` to a file that does not exist yet, whole or not at all; return its path.

    Race-free: the finished temp file is hard-linked to its name, which fails if the name is
    taken, even if it was taken after any check. With `next_free`, `name-2.ext`, `name-3.ext`...
    are tried in turn; without it a taken name raises FileExistsError. The folder must exist
    (FileNotFoundError otherwise): this never creates folders.
    """
    tmp = _temp_copy(path, data, mode)
    try:
        for candidate in _candidates(path, next_free):
            try:
                os.link(tmp, candidate)
            except FileExistsError:
                continue
            except OSError:  # no hard links here (some file systems): exclusive create instead
                try:
                    _write_exclusive(candidate, Path(tmp).read_bytes(), mode)
                except FileExistsError:
                    continue
            _fsync_folder(path.parent)
            return candidate
        raise FileExistsError(path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def unique_path(path: Path) -> Path:
    """`path`, or `name-2.ext`, `name-3.ext`... whichever does not exist yet.

    Only a suggestion (the name may be taken before it is used): write with `write_new`.
    """
    for candidate in _candidates(path, True):
        if not os.path.lexists(candidate):
            return candidate
    raise FileExistsError(path)


def _candidates(path: Path, next_free: bool):
    yield path
    if next_free:
        for n in range(2, 10_000):
            yield path.with_name(f"{path.stem}-{n}{path.suffix}")


def _temp_copy(path: Path, data: bytes | str, mode: int) -> str:
    """A hidden, fsynced temp file with `data` and `mode`, next to `path`; returns its name."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    import tempfile  # only when writing: reading commands never need it

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _write_exclusive(path: Path, payload: bytes, mode: int) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, mode)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)  # made by us just now (O_EXCL): never leave half a file
        raise
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); not possible, nor needed, on Windows."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
