"""Bytes of a text file -> str, or a plain-words reason why they are not text.

Order of evidence, strongest first:
1. known binary signatures (PDF, ZIP/Office, gzip, images) -> named in the reason;
2. byte-order marks: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE;
3. UTF-16 without a BOM (NUL bytes on one parity only, strict decode succeeds);
4. NUL and other control bytes in more than a trace (over 2 + 1% of the bytes) -> "looks
   like a binary file"; a stray NUL in otherwise good text does not lose the article;
5. strict UTF-8; UTF-8 with a few broken bytes (a truncated last character, at most 1% of
   the non-ASCII bytes) is kept, the broken bytes shown as U+FFFD;
6. charset-normalizer restricted to the legacy code pages Arabic text comes in
   (Windows-1256, ISO-8859-6) and Windows-1252 for Latin text, and the result must read as
   Arabic/Latin text, not mojibake;
7. finally the decoded text must not be dense with control characters (binary data that
   happened to decode).
"""

from __future__ import annotations

import codecs
import contextlib
import re

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "is a PDF document, not text"),
    (b"PK\x03\x04", "is a ZIP archive or an Office document, not text"),
    (b"\x1f\x8b", "is gzip-compressed, not text"),
    (b"\x89PNG", "is a PNG image, not text"),
    (b"\xff\xd8\xff", "is a JPEG image, not text"),
    (b"GIF8", "is a GIF image, not text"),
    (b"\xd0\xcf\x11\xe0", "is an old Office document (.doc/.xls), not text"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its LE BOM begins with the UTF-16 LE BOM.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy code pages worth trying for news text; anything else is more likely garbage.
LEGACY_CANDIDATES = ["cp1256", "iso8859_6", "cp1252"]

BINARY = "looks like a binary file, not text"
UNDECODABLE = (
    "could not be decoded as text: it is not UTF-8, UTF-16 or Windows-1256 (save it as UTF-8)"
)
EMPTY = "the file is empty"
BLANK = "the file holds only blank space"

# Characters that ordinary Arabic or Latin text is made of.
_ORDINARY = re.compile(
    "[\t\n\r\x20-\x7e\u00a0-\u00bf\u00d7\u00f7\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff"
    "\u2000-\u206f\u20ac\ufb50-\ufdff\ufe70-\ufeff]"
)
_LATIN_ACCENTED = re.compile("[\u00c0-\u024f]")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SAMPLE = 200_000  # characters: enough to judge a file, bounded work for big ones


class NotText(ValueError):
    """Raised by ``decode_bytes`` with ``reason``: a sentence for the skipped list."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def reads_as_text(text: str) -> bool:
    """True if ``text`` is mostly Arabic/Latin letters, digits, punctuation and spaces.

    Mojibake (Arabic bytes read in a Latin code page) shows up as runs of accented Latin
    letters; those are allowed only as the minority a French name or word brings.
    """
    sample = text[:_SAMPLE]
    if not sample:
        return True
    ordinary = len(_ORDINARY.findall(sample))
    accented = len(_LATIN_ACCENTED.findall(sample))
    letters = sum(1 for c in sample if c.isalpha()) or 1
    if accented > 0.15 * letters:
        return False
    # UTF-8 Arabic read as Windows-1256 alternates ط/ظ (the lead bytes D8/D9) with letters.
    arabic = len(_ARABIC_LETTER.findall(sample))
    if arabic > 20 and sample.count("ط") + sample.count("ظ") > 0.25 * arabic:
        return False
    return (ordinary + accented) >= 0.9 * len(sample)


def _too_many_controls(text: str) -> bool:
    sample = text[:_SAMPLE]
    return len(_CONTROL.findall(sample)) > 2 + 0.01 * len(sample)


def _utf16_without_bom(data: bytes) -> str | None:
    """Decode ``data`` as BOM-less UTF-16 when its NUL bytes say so, else None.

    ASCII characters (spaces, digits, punctuation) put a NUL in the high byte of every
    code unit; Arabic puts 0x06 there. So a real UTF-16 text has NULs on one parity only.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd >= 0.05 * half and even <= 0.005 * half:
        encoding = "utf-16-le"
    elif even >= 0.05 * half and odd <= 0.005 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if reads_as_text(text) else None


def mostly_utf8(data: bytes, min_evidence: int = 0) -> str | None:
    """UTF-8 with a few broken bytes (a cut character, a damaged sector), shown as U+FFFD.

    At most 2, or 1% of the non-ASCII bytes, may be broken: text in a legacy code page
    read as UTF-8 breaks on about every other non-ASCII byte, so it never passes. Below
    ``min_evidence`` non-ASCII bytes, None (too little to tell the two apart).
    """
    high = len(data) - len(data.translate(None, bytes(range(128))))
    if high < min_evidence:
        return None
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(2, high // 100):
        return text
    return None


def decode_legacy(data: bytes) -> tuple[str, str] | None:
    """``(text, codec)`` for bytes in a legacy code page (``LEGACY_CANDIDATES``), or None.

    charset-normalizer picks among the candidates; Windows-1256 is tried after it; the
    first result that ``reads_as_text`` wins.
    """
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=LEGACY_CANDIDATES).best()
    except Exception:  # a third-party detector must never crash a load
        best = None
    tried = []
    if best is not None:
        tried.append((str(best), best.encoding))
    # The detector can give up on short inputs; Windows-1256 is the usual Arabic code page.
    for encoding in ("cp1256",):
        with contextlib.suppress(UnicodeDecodeError):
            tried.append((data.decode(encoding), encoding))
    for text, encoding in tried:
        if reads_as_text(text):
            return text, encoding
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a text file; raise ``NotText`` if not text.

    A leading BOM is removed; no other character is changed (U+FFFD only where UTF-8 bytes
    were broken). Blank files raise ``NotText`` too: there is nothing to read.
    """
    if not data:
        raise NotText(EMPTY)
    for signature, reason in _SIGNATURES:
        if data.startswith(signature):
            raise NotText(reason)
    found = _with_bom(data)
    if found is None and b"\x00" in data:
        found = _wide_without_bom(data)
    if found is None:
        found = _utf8(data)
    if found is None:
        found = decode_legacy(data)
        if found is None:
            raise NotText(UNDECODABLE if not _binary_bytes(data) else BINARY)
    text, encoding = found
    if _too_many_controls(text):
        raise NotText(BINARY)
    if not text.strip():
        raise NotText(BLANK)
    return text, encoding


def _with_bom(data: bytes) -> tuple[str, str] | None:
    """The text after a byte-order mark, or None when ``data`` has none."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            # A BOM is strong evidence: a few broken bytes (a cut last character) are shown
            # as U+FFFD; more mean the mark lies.
            text = data.decode(name, errors="replace")
            if text.count("\ufffd") > max(2, len(data) // 1000):
                raise NotText(f"starts with a {name.upper()} mark but is not {name.upper()} text")
            return (text[1:] if text.startswith("\ufeff") else text), name
    return None


def _wide_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a mark for bytes holding NULs; binary data raises ``NotText``."""
    text = _utf16_without_bom(data)
    if text is not None:
        return text, "utf-16"
    if _binary_bytes(data):
        raise NotText(BINARY)
    return None


def _utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8, or UTF-8 with a few broken characters (:func:`mostly_utf8`), or None."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text = mostly_utf8(data)
        return None if text is None else (text, "utf-8")


def _binary_bytes(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    controls = len(sample) - len(
        sample.translate(None, bytes(range(9))).translate(None, bytes(range(14, 32)))
    )
    return controls > 2 + 0.01 * len(sample)


def sniff_encoding(head: bytes) -> tuple[str, int, str | None]:
    """Guess the encoding of a streamed file from its first bytes.

    Returns ``(codec, BOM length, fallback)``. Used for JSONL/CSV files read line by
    line: a BOM or BOM-less UTF-16 decides the codec; otherwise lines are UTF-8 and
    ``fallback`` is the legacy code page the head reads as (Windows-1256 ...), tried for
    lines that are not UTF-8, or None. Raises ``NotText`` for binary heads.
    """
    if not head:
        return "utf-8", 0, None
    for signature, reason in _SIGNATURES:
        if head.startswith(signature):
            raise NotText(reason)
    for bom, name in _BOMS:
        if head.startswith(bom):
            # The UTF-16/32 codecs consume their BOM; UTF-8's is skipped by its length.
            return name, len(bom) if name == "utf-8" else 0, None
    if b"\x00" in head:
        if _utf16_without_bom(head[: len(head) // 2 * 2]) is not None:
            odd_nuls = head[1::2].count(0)
            return ("utf-16-le" if odd_nuls else "utf-16-be"), 0, None
        if _binary_bytes(head):
            raise NotText(BINARY)
    try:
        head.decode("utf-8")
        return "utf-8", 0, None
    except UnicodeDecodeError as err:
        if err.start >= len(head) - 3 or mostly_utf8(head) is not None:
            return "utf-8", 0, None  # a character cut by the end of the head, or a few bad bytes
    found = decode_legacy(head)
    return "utf-8", 0, found[1] if found else None
