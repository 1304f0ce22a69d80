"""Work on the second core: one piece of work in a forked child process.

Threads do not help here: the engines hold the GIL for most of their time
(WeasyPrint draws pages in Python). A child made with ``fork`` starts with
everything the parent has (the imported engines, the laid-out pages)
without copying or pickling any of it, works on the other core, and sends
back only its result, pickled through a pipe.

Where ``fork`` does not exist (Windows), with a single core, or with
``PUBLISHER_NO_FORK`` set, :func:`available` is false and the caller does the
work itself: the outputs are the same either way, only the time differs.

The child never writes to the terminal (the parent's progress display may be
holding its lock at the moment of the fork) and leaves with ``os._exit``, so
that it flushes none of the parent's buffers and runs none of its exit
handlers (which would delete the parent's temporary files).
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from typing import Any, Callable


def available() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and not os.environ.get("PUBLISHER_NO_FORK")


class Child:
    """A forked process computing ``work()``; :meth:`result` waits for it and returns its value."""

    def __init__(self, work: Callable[[], Any]) -> None:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        reader, writer = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child
            os.close(reader)
            _run(work, writer)
        os.close(writer)
        self.reader, self.done = reader, False

    def result(self) -> Any:
        """The child's return value; its exception, re-raised here, if it raised one."""
        chunks = []
        while chunk := os.read(self.reader, 1 << 20):
            chunks.append(chunk)
        os.close(self.reader)
        _, status = os.waitpid(self.pid, 0)
        self.done = True
        if not chunks:
            raise RuntimeError(f"a build process ended without a result ({_describe(status)})")
        failed, value = pickle.loads(b"".join(chunks))
        if failed:
            raise value
        return value

    def cancel(self) -> None:
        """Stop the child, if it is still running (the parent failed or was interrupted)."""
        if self.done:
            return
        self.done = True
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.reader)


def _run(work: Callable[[], Any], writer: int) -> None:
    code = 0
    try:
        try:
            message = pickle.dumps((False, work()))
        except BaseException as exc:  # everything, Ctrl-C included, goes back to the parent
            try:
                message = pickle.dumps((True, exc))
            except Exception:
                message = pickle.dumps((True, RuntimeError(f"{type(exc).__name__}: {exc}")))
        view = memoryview(message)
        while view:
            view = view[os.write(writer, view):]
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
