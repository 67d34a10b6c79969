"""Bytes -> text for untrusted files and responses.

Order: byte-order mark (UTF-8/16/32), a declared charset if the caller found one (XML declaration,
HTML meta, HTTP header) and it decodes cleanly, strict UTF-8, then charset-normalizer's guess.
charset-normalizer ranks markup-heavy Portuguese latin-1 as cp1257 "English" (a tie on its chaos
measure, won on coherence); among the least chaotic candidates we prefer the western encodings
(cp1252 / latin-1), by far the most common legacy encodings of news sites.
Binary content (NUL bytes without a UTF-16/32 pattern, or mostly control characters) is refused
rather than decoded into garbage that would then be "extracted".
"""

from __future__ import annotations

import codecs
import os
import re
from typing import BinaryIO

from charset_normalizer import from_bytes

from ingestion.limits import SNIFF_BYTES
from ingestion.records import Rejection

BINARY_REASON = "binary or undecodable content"

_BOMS = [  # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class UndecodableError(ValueError):
    """The bytes are not text we can trust to decode."""


def bom_encoding(data: bytes) -> tuple[str | None, int]:
    """(encoding, BOM length) when the data starts with a byte-order mark, else (None, 0)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    return None, 0


def _nul_pattern_encoding(sample: bytes) -> str | None:
    """Guess BOM-less UTF-16 from where its NUL bytes fall (ASCII-heavy text: every other byte)."""
    even, odd = sample[0::2], sample[1::2]
    if not even or not odd:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


_WESTERN = ("cp1252", "latin_1", "iso8859_15")


def guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's guess, ties on chaos broken toward the western encodings."""
    results = list(from_bytes(data))
    if not results:
        return None
    least = min(m.chaos for m in results)
    for match in results:
        if match.encoding in _WESTERN and match.chaos <= least + 0.005:
            return match.encoding
    return results[0].encoding  # charset-normalizer sorts its results best first


def _looks_like_text(text: str) -> bool:
    """Few control characters, and some whitespace: no prose in any script runs 2,000 characters
    without a space or line break, while decoded binary junk often does."""
    sample = text[:SNIFF_BYTES]
    if not sample:
        return True
    if len(sample) >= 2000 and not any(c.isspace() for c in sample[:2000]):
        return False
    return len(_CONTROL.findall(sample)) <= max(2, len(sample) // 200)


def sniff_encoding(head: bytes, declared: str | None = None) -> tuple[str, int]:
    """Pick an encoding from a file's first bytes: (codec name, BOM length to skip).

    Used by the streamed readers, which decode the rest incrementally with this codec. Raises
    `UndecodableError` for binary content.
    """
    enc, bom_len = bom_encoding(head)
    if enc:
        return enc, bom_len
    sample = head[:SNIFF_BYTES]
    if b"\x00" in sample:
        enc = _nul_pattern_encoding(sample)
        if enc is None:
            raise UndecodableError(BINARY_REASON)
        return enc, 0
    if declared:
        try:
            codec = codecs.lookup(declared).name
            _decode_prefix(sample, codec)
            return codec, 0
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        _decode_prefix(sample, "utf-8")
        return "utf-8", 0
    except UnicodeDecodeError:
        pass
    guessed = guess_encoding(sample)
    if guessed is None:
        raise UndecodableError(BINARY_REASON)
    return guessed, 0


def _decode_prefix(sample: bytes, codec: str) -> str:
    """Decode a sample that may end mid-character (the cut is not an error)."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    return decoder.decode(sample, final=False)


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode a whole document; raises `UndecodableError` for binary or undecodable content."""
    enc, bom_len = sniff_encoding(data, declared)
    try:
        text = data[bom_len:].decode(enc)
    except UnicodeDecodeError:
        # the head decoded but a later part does not: judge the whole document
        guessed = guess_encoding(data[bom_len:])
        if guessed is None:
            raise UndecodableError(BINARY_REASON) from None
        text = data[bom_len:].decode(guessed, errors="replace")
    if "\x00" in text or not _looks_like_text(text):
        raise UndecodableError(BINARY_REASON)
    return text


def sniff_file(f: BinaryIO, source: str, path: str) -> tuple[bytes, str, int] | Rejection:
    """Read a file's head and find its encoding and BOM length, or the rejection to record when the
    file is empty or not text (every file reader starts the same way, so they reject alike)."""
    head = f.read(SNIFF_BYTES)
    if not head.strip():
        return Rejection(source, path, "empty file")
    try:
        encoding, bom_len = sniff_encoding(head)
    except UndecodableError as exc:
        return Rejection(source, path, str(exc))
    return head, encoding, bom_len


def read_file_bytes(path: str, source: str, cap: int) -> bytes | Rejection:
    """A whole file for the kinds that are not streamed (feeds, pages, .json), or the rejection to
    record when it is over `cap` bytes (checked before reading) or empty."""
    size = os.path.getsize(path)
    if size > cap:
        return Rejection(source, path, f"file too large ({size} bytes > {cap} cap)")
    with open(path, "rb") as f:
        data = f.read()
    if not data.strip():
        return Rejection(source, path, "empty file")
    return data
