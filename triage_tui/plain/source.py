"""Lines typed or piped in, read on a thread so the session timer can tick while it waits.

`get(timeout)` returns a line, `None` when the timeout passed first, or `EOF` once the input
has ended (after that, a wait with a timeout just waits: a session goes on without input).
"""

from __future__ import annotations

import codecs
import os
import queue
import threading
from typing import Final, TextIO

EOF: Final = object()
LINE_CAP = 4096
"""Longer lines are cut here (nothing typed by a person is longer)."""


class ThreadLines:
    """Reads `stream` line by line on a daemon thread.

    A real file is read with `os.read` on its descriptor, not through Python's buffered
    reader: a thread blocked inside that reader holds its lock, and the interpreter cannot
    then shut down cleanly when a signal ends the program.
    """

    def __init__(self, stream: TextIO) -> None:
        self._queue: queue.Queue[object] = queue.Queue()
        self._ended = threading.Event()
        self._eof_seen = False
        try:
            fd: int | None = stream.fileno()
        except (AttributeError, OSError, ValueError):
            fd = None
        target = self._read_fd if fd is not None else self._read_stream
        thread = threading.Thread(target=target, args=(fd if fd is not None else stream,), name="plain-input",
                                  daemon=True)
        thread.start()

    def _read_fd(self, fd: int) -> None:
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        pending = ""
        try:
            while chunk := os.read(fd, 4096):
                pending += decoder.decode(chunk)
                *lines, pending = pending.split("\n")
                for line in lines:
                    self._queue.put(line.rstrip("\r")[:LINE_CAP])
                pending = pending[-LINE_CAP:]  # an over-long line is cut, never kept whole
        except OSError:  # the input was closed under us: as good as its end
            pass
        if pending := pending + decoder.decode(b"", final=True):
            self._queue.put(pending.rstrip("\r")[:LINE_CAP])
        self._queue.put(EOF)

    def _read_stream(self, stream: TextIO) -> None:
        try:
            while line := stream.readline(LINE_CAP):
                if not line.endswith("\n") and len(line) >= LINE_CAP:
                    while (rest := stream.readline(LINE_CAP)) and not rest.endswith("\n"):
                        pass  # drop the rest of an over-long line
                self._queue.put(line.rstrip("\r\n"))
        except (OSError, ValueError):
            pass
        self._queue.put(EOF)

    def get(self, timeout: float | None) -> object:
        if self._eof_seen:
            if timeout is not None:
                self._ended.wait(timeout)  # nothing more will come; just let the time pass
                return None
            return EOF
        try:
            item = self._queue.get(timeout=timeout)
        except queue.Empty:
            return None
        if item is EOF:
            self._eof_seen = True
        return item
