"""A line-based file (JSON Lines, CSV) as numbered text lines, whatever its encoding.

The encoding is sniffed from the head of the file (``dashboard.readers.decode``); lines
are split on the bytes and decoded one by one, so a UTF-8 file with one Windows-1256 line
loses nothing, and a line that decodes with no encoding is handed on with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from dashboard.readers.decode import (
    EMPTY,
    NotText,
    decode_legacy,
    mostly_utf8,
    reads_as_text,
    sniff_encoding,
)
from dashboard.readers.model import Blob, Limits
from dashboard.readers.streams import (
    ByteStream,
    CountedReader,
    TooLarge,
    human_size,
    iter_byte_lines,
    read_capped,
)

#: One line of a file: (line number from 1, text, why it is unusable or None).
Line = tuple[int, str, str | None]

HEAD = 64 * 1024
_ENCODING_NAMES = {"utf-8": "UTF-8", "cp1256": "Windows-1256", "cp1252": "Windows-1252"}
# Charset detection of a bad line is slow: a few tries per file, then give up.
_MAX_DETECTIONS = 10

_Text = TypeVar("_Text", str, bytes)


def encoding_label(encoding: str) -> str:
    """The name users know an encoding by (``cp1256`` -> ``Windows-1256``)."""
    return _ENCODING_NAMES.get(encoding, encoding.upper())


def capped_reader(blob: Blob, stream: ByteStream) -> CountedReader:
    """``stream`` read through the blob's cap and budget (a zip entry's limits)."""
    cap = blob.cap
    reason = f"unpacks to more than {human_size(cap)}; not read further" if cap else ""
    return CountedReader(stream, cap, reason, blob.budget)


def line_separator(head: _Text) -> str:
    """``"\\r"`` for old Mac files (lines end in a lone CR), else ``"\\n"`` (CRLF included:
    the CR left at the end of a line is blank space to JSON and CSV).

    Decided by how the first line ends: a CR-ended CSV may hold LFs inside quoted cells,
    as many as it has lines, so counting would not do.
    """
    if isinstance(head, bytes):
        first_cr, first_lf = head.find(b"\r"), head.find(b"\n")
        after_cr = head[first_cr + 1 : first_cr + 2] == b"\n"
    else:
        first_cr, first_lf = head.find("\r"), head.find("\n")
        after_cr = head[first_cr + 1 : first_cr + 2] == "\n"
    if first_cr < 0 or 0 <= first_lf < first_cr or first_cr == len(head) - 1:
        return "\n"
    return "\n" if after_cr else "\r"


def _wide_lines(
    read: Callable[[int], bytes], head: bytes, encoding: str, limits: Limits
) -> Iterator[Line]:
    # Multi-byte newlines (UTF-16/32): read whole (bounded) and split the decoded text.
    rest = read_capped(read, limits.json_bytes)
    if rest is None:
        raise TooLarge(
            f"is {encoding.upper()} and larger than {human_size(limits.json_bytes)}; "
            "save it as UTF-8 to read it line by line"
        )
    text = (head + rest).decode(encoding, errors="replace").lstrip("\ufeff")
    for number, line in enumerate(text.split(line_separator(text[:HEAD])), start=1):
        yield number, line, None


def text_lines(
    read: Callable[[int], bytes],
    head: bytes,
    encoding: str,
    bom: int,
    fallback: str | None,
    limits: Limits,
) -> Iterator[Line]:
    """Yield ``(line_number, text, problem)``; ``problem`` says why a line is unusable.

    ``head`` is what was read already, ``bom`` the length of its byte-order mark;
    ``fallback`` the legacy code page for lines that are not ``encoding`` (found from the
    first such line when None).
    """
    if encoding.startswith(("utf-16", "utf-32")):
        yield from _wide_lines(read, head, encoding, limits)
        return
    sep = line_separator(head).encode()
    detections = 0
    for number, raw in iter_byte_lines(read, limits.line_bytes, first=head[bom:], sep=sep):
        if raw is None:
            yield number, "", f"is longer than {human_size(limits.line_bytes)}"
            continue
        text = _decoded(raw, encoding)
        if text is None and fallback is None and detections < _MAX_DETECTIONS:
            detections += 1
            found = decode_legacy(raw)
            fallback = found[1] if found else None
        if text is None and fallback is not None:
            legacy = raw.decode(fallback, errors="replace")
            text = legacy if reads_as_text(legacy) else None
        if text is not None:
            yield number, text, None
        else:
            problem = f"is not valid {encoding_label(encoding)}"
            yield number, raw.decode(encoding, errors="replace"), problem


def _decoded(raw: bytes, encoding: str) -> str | None:
    """``raw`` in ``encoding``; a UTF-8 line with a broken character or two (not a line in
    a code page) is read leniently; None when it is not that encoding."""
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return mostly_utf8(raw, min_evidence=16) if encoding == "utf-8" else None


def open_lines(blob: Blob, stream: ByteStream, limits: Limits) -> tuple[Iterator[Line], str] | str:
    """-> (line iterator, encoding) or a reason (str) the file cannot be read as lines."""
    reader = capped_reader(blob, stream)
    head = reader.read(HEAD)
    if not head:
        return EMPTY
    try:
        encoding, bom, fallback = sniff_encoding(head)
    except NotText as err:
        return err.reason
    return text_lines(reader.read, head, encoding, bom, fallback, limits), encoding
