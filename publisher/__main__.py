"""``python -m publisher`` and the ``publisher`` command: the command line, then a quick exit."""

import sys

from publisher.cli.main import main


def run() -> None:
    exit_quickly(main())


def exit_quickly(code: int) -> None:
    """End the process without the interpreter's teardown.

    After a build the laid-out pages are still in memory, and Python's own exit
    freed them object by object (~0.1 s), or a last collection walked them (~0.04 s),
    for nothing. Here only what has an effect outside the process is done: the exit
    handlers run (they remove WeasyPrint's temporary font folders, see
    :mod:`publisher.render.pdf.engine.typeset`, store caches, close logs), the streams are flushed; then
    the process ends. With another thread still running (none is, after ``main``),
    the ordinary exit is taken.
    """
    import atexit
    import os
    import threading

    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # a closed pipe: as the ordinary exit, nothing more to say
        pass
    os._exit(code)


if __name__ == "__main__":
    run()
