"""Pausing Python's cycle collector while millions of acyclic objects are alive.

The programme's data holds no reference cycles, so reference counting frees it; the cycle collector
would only rescan every live object again and again (measured: a third of a full check, and most of
the credit computation, at reference scale). Use as a context manager or a decorator.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()  # what was made meanwhile is acyclic: never rescan it (refcounting still frees it)
            gc.enable()
