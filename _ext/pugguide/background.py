"""Work done in a forked child process while the build goes on.

A Sphinx build reads and writes documents on one core. On a machine with two, the
other core can validate 10,000 data files and prepare their pages meanwhile, and the
build collects the results when it first needs them.

The child sends its results as messages, in order; :meth:`Background.receive` waits
for the next one. The child never logs: whatever it finds comes back as data, so
warnings go through the build's own logger (and count for ``-W``). Where ``fork`` is
unavailable (Windows), or when asked, the work runs at once in this process instead.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    #: The work: it calls its argument with each result, in order.
    Work = Callable[[Callable[[Any], None]], None]


class BackgroundError(RuntimeError):
    """The child failed; the message holds its traceback."""


class _Failure:
    def __init__(self, text: str) -> None:
        self.text = text


class Background:
    """*work* running in a child process (or already run, see :attr:`forked`)."""

    def __init__(self, work: Work, *, fork: bool = True) -> None:
        self.forked = fork and self.can_fork()
        self._done: list[Any] = []
        if not self.forked:
            work(self._done.append)
            return
        context = multiprocessing.get_context("fork")
        self._reader, writer = context.Pipe(duplex=False)
        # Not a daemon: the work may start processes of its own (a pool of validators).
        self._process = context.Process(target=_run, args=(work, writer))
        self._process.start()
        writer.close()  # the child holds the only writing end: EOF if it dies

    @staticmethod
    def can_fork() -> bool:
        return os.name == "posix" and "fork" in multiprocessing.get_all_start_methods()

    def ready(self) -> bool:
        """Whether a result is waiting (or the child stopped)."""
        return bool(self._done) if not self.forked else self._reader.poll()

    def receive(self) -> Any:
        """The next result, waiting for it; :class:`BackgroundError` if the child failed."""
        if not self.forked:
            return self._done.pop(0)
        try:
            message = self._reader.recv()
        except EOFError:
            self.close(stop=True)
            raise BackgroundError(
                "the background process stopped without a result "
                f"(exit code {self._process.exitcode})"
            ) from None
        if isinstance(message, _Failure):
            self.close(stop=True)
            raise BackgroundError(message.text)
        return message

    def close(self, *, stop: bool = False) -> None:
        """Wait for the child to finish (it may still be tidying up after its last
        result), or *stop* it at once; then reap it."""
        if not self.forked or self._reader.closed:
            return
        self._reader.close()
        if stop and self._process.is_alive():
            self._process.terminate()
        self._process.join()


def _run(work: Work, writer: Any) -> None:
    try:
        work(writer.send)
    except BaseException:  # every failure goes back to the build
        writer.send(_Failure(traceback.format_exc()))
    finally:
        writer.close()
