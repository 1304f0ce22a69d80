"""Work on the second core: a piece of work in a forked child process (:class:`Child`), or work
done in steps with one that talks with its parent (:class:`Worker`), and items shared out
between the two as they go (:class:`Claims`).

Threads do not help here: the engines hold the GIL for most of their time
(WeasyPrint draws pages in Python). A child made with ``fork`` starts with
everything the parent has (the imported engines, the laid-out pages)
without copying or pickling any of it, works on the other core, and sends
back only its results, pickled through a pipe.

Where ``fork`` does not exist (Windows), with a single core, or with
``PUBLISHER_NO_FORK`` set, :func:`available` is false and the caller does the
work itself: the outputs are the same either way, only the time differs.

The child never writes to the terminal (the parent's progress display may be
holding its lock at the moment of the fork) and leaves with ``os._exit``, so
that it flushes none of the parent's buffers and runs none of its exit
handlers (which would delete the parent's temporary files).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import Any


def available() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and not os.environ.get("PUBLISHER_NO_FORK")


def _stop(pid: int) -> None:
    """Kill a child that may still be running, and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


class Worker:
    """A forked process that talks with this one: ``work(channel)`` runs in the child, and each side
    sends the other pickled messages (:meth:`send`, :meth:`receive`), for work done in steps."""

    def __init__(self, work: Callable[[Channel], None]) -> None:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        up_read, up_write = os.pipe()
        down_read, down_write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child
            os.close(up_read)
            os.close(down_write)
            _talk(work, Channel(down_read, up_write))
        os.close(up_write)
        os.close(down_read)
        self.channel, self.done = Channel(up_read, down_write), False

    def send(self, message: Any) -> None:
        self.channel.send(message)

    def receive(self) -> Any:
        """The child's next message; its exception, re-raised here, if it raised one."""
        try:
            failed, value = self.channel.receive()
        except EOFError:
            _, status = os.waitpid(self.pid, 0)
            self.done = True
            raise RuntimeError(f"a build process ended without a result ({_describe(status)})") from None
        if failed:
            raise value
        return value

    def close(self) -> None:
        """Stop the child, if it is still running, and wait for it."""
        if not self.done:
            self.done = True
            _stop(self.pid)
        self.channel.close()


class Channel:
    """One end of a two-way pipe: messages pickled, each after its length."""

    def __init__(self, reader: int, writer: int) -> None:
        self.reader, self.writer = reader, writer

    def send(self, message: Any) -> None:
        data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
        view = memoryview(len(data).to_bytes(8, "little") + data)
        while view:
            view = view[os.write(self.writer, view) :]

    def reply(self, value: Any) -> None:
        """The child's answer (:meth:`Worker.receive` tells it from the child's exception)."""
        self.send((False, value))

    def receive(self) -> Any:
        return pickle.loads(self._read(int.from_bytes(self._read(8), "little")))

    def _read(self, size: int) -> bytes:
        chunks, left = [], size
        while left:
            chunk = os.read(self.reader, min(left, 1 << 20))
            if not chunk:
                raise EOFError("the other process closed the pipe")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        for end in (self.reader, self.writer):
            with contextlib.suppress(OSError):
                os.close(end)


def _talk(work: Callable[[Channel], None], channel: Channel) -> None:
    code = 0
    try:
        try:
            work(channel)
        except BaseException as exc:  # everything, Ctrl-C included, goes back to the parent
            try:
                channel.send((True, exc))
            except Exception:
                channel.send((True, RuntimeError(f"{type(exc).__name__}: {exc}")))
    except BaseException:
        code = 1
    finally:
        os._exit(code)


class Claims:
    """Items 0…n-1 shared out between a parent and its forked children as they go: one side takes
    them from the first on, the other from the last back, until they meet. Each side thus holds
    a run of neighbouring items, and whichever is quicker takes more."""

    def __init__(self, count: int) -> None:
        import mmap
        import tempfile

        self._bounds = mmap.mmap(-1, 16)  # shared with the children forked after this
        self._bounds[:] = (0).to_bytes(8, "little") + count.to_bytes(8, "little")
        self._lock = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close()): a POSIX lock on it: per process, and let go if its holder dies

    def first(self) -> int | None:
        """The first item not taken yet (it is now taken), or None when all are."""
        return self._take(front=True)

    def last(self) -> int | None:
        """The last item not taken yet (it is now taken), or None when all are."""
        return self._take(front=False)

    def unclaimed(self) -> range:
        """The items not taken yet (as they were a moment ago: the other side may be taking one)."""
        return range(*self._read())

    def _read(self) -> tuple[int, int]:
        return int.from_bytes(self._bounds[:8], "little"), int.from_bytes(self._bounds[8:], "little")

    def _take(self, front: bool) -> int | None:
        import fcntl

        fcntl.lockf(self._lock, fcntl.LOCK_EX)
        try:
            low, high = self._read()
            if low >= high:
                return None
            if front:
                self._bounds[:8] = (low + 1).to_bytes(8, "little")
                return low
            self._bounds[8:] = (high - 1).to_bytes(8, "little")
            return high - 1
        finally:
            fcntl.lockf(self._lock, fcntl.LOCK_UN)

    def close(self) -> None:
        self._bounds.close()
        self._lock.close()


class Child(Worker):
    """A forked process computing ``work()`` once; :meth:`result` waits for it and returns its value."""

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__(lambda channel: channel.reply(work()))

    def result(self) -> Any:
        """The child's return value; its exception, re-raised here, if it raised one."""
        try:
            return self.receive()
        finally:
            self.close()

    def cancel(self) -> None:
        """Stop the child, if it is still running (the parent failed or was interrupted)."""
        self.close()
