"""Each PDF stream compressed once per file, and the faces once for good (an accelerator).

pydyf compresses a stream (zlib, level 9) every time its bytes are asked for,
and they are asked for twice: to write the object, then to compute the file
identifier (the MD5 of every object, ``pdf_identifier``). The three embedded
faces, ~1 MB before compression, cost ~70 ms of a ~0.2-s write that way. Inside
:func:`compressed_once` a stream's bytes are made once per file, and the
compressed form of a big stream (a face, an image) is kept in
``build/.cache/streams/``, keyed by the SHA-256 of what it compresses: a pure
function, so the PDF is the same byte for byte.

It reaches into pydyf's internals (``Stream.data``): it is ``streams`` in :mod:`.patches`, in force
only with the version it was written for, and only inside :func:`compressed_once`.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pydyf

from publisher.render.pdf.engine.patches import replaced
from publisher.util import kept

DATA = pydyf.Stream.data
BIG = 64 * 1024  # bytes before compression: the faces, not the pages
NEWEST = 16


@contextmanager
def compressed_once(folder: Path | None) -> Iterator[None]:
    """Write PDFs making each stream's bytes once (``folder``: where big ones are kept, or None).

    Only for writing: a stream must not change once its bytes were asked for.
    """
    made: dict[int, tuple[pydyf.Stream, bytes]] = {}  # the stream is held, so that its id stays its own

    def data(stream: pydyf.Stream) -> bytes:
        found = made.get(id(stream))
        if found is None:
            found = made[id(stream)] = (stream, _data(stream, folder))
        return found[1]

    with replaced(pydyf.Stream, data=property(data)):
        yield


def _data(stream: pydyf.Stream, folder: Path | None) -> bytes:
    """What ``Stream.data`` makes, the compression of a big stream taken from ``folder`` when kept there."""
    if not stream.compress:
        return DATA.fget(stream)
    raw = b"\n".join(pydyf._to_bytes(item) for item in stream.stream)
    extra = pydyf.Dictionary(stream.extra.copy())
    extra["Filter"] = "/FlateDecode"
    packed = _compressed(raw, folder if len(raw) >= BIG else None)
    extra["Length"] = len(packed)
    return b"\n".join((extra.data, b"stream", packed, b"endstream"))


def _compressed(raw: bytes, folder: Path | None) -> bytes:
    key = hashlib.sha256(raw).hexdigest() if folder else ""
    packed = kept.recall(folder, key) if folder else None
    if packed is None:
        compressor = zlib.compressobj(level=9)  # as pydyf does
        packed = compressor.compress(raw) + compressor.flush()
        kept.keep(folder, key, packed, NEWEST)
    return packed
