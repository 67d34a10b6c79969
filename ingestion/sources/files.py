"""Local files: expand a file / folder / glob spec into files, and read each by its extension.

Folders are walked recursively in sorted order (deterministic runs). Skipped in a walk (but read
when named directly): hidden files and folders (name starting with "."; editors, `.DS_Store` and
partial downloads live there) and documentation next to the data (`*.md`, `README*`, `LICENSE*`).
Symlinks are never followed out of the folder (or the glob's fixed base folder) being read:
a symlinked file pointing outside is rejected, symlinked folders are not descended into (also
rejected, with a reason), so nothing is silently ignored and nothing outside is read.

`source` of a file's records is the file's base name, so moving a file from a landing folder to
an archive keeps its article keys; two different files with the same name in different folders
therefore share a key space (same ids = same articles).
"""

from __future__ import annotations

import glob
import os
import traceback
from collections.abc import Callable, Iterator

from ingestion.records import RawArticle, Rejection
from ingestion.sources.csv_ import iter_csv
from ingestion.sources.feeds import iter_feed_file
from ingestion.sources.html import iter_html_file
from ingestion.sources.jsonfile import iter_json
from ingestion.sources.jsonl import iter_jsonl
from ingestion.sources.txt import iter_txt

Item = RawArticle | Rejection
_READERS: dict[str, Callable[[str, str], Iterator[Item]]] = {
    ".jsonl": iter_jsonl,
    ".ndjson": iter_jsonl,
    ".json": iter_json,
    ".csv": iter_csv,
    ".txt": iter_txt,
    ".html": lambda path, source: iter_html_file(path, source, source),
    ".htm": lambda path, source: iter_html_file(path, source, source),
    ".xml": iter_feed_file,
    ".rss": iter_feed_file,
    ".atom": iter_feed_file,
}
SUPPORTED_EXTENSIONS = tuple(sorted(_READERS))
_DOC_PREFIXES = ("readme", "license", "licence")


def skipped_in_walk(name: str) -> bool:
    """Hidden files and documentation files are not sources when a folder is walked."""
    low = name.lower()
    return low.startswith(".") or low.endswith(".md") or low.startswith(_DOC_PREFIXES)


def iter_file(path: str) -> Iterator[Item]:
    """Yield the records of one file, whatever its kind; never raises for bad content."""
    source = os.path.basename(path)
    location = os.path.abspath(path)
    ext = os.path.splitext(source)[1].lower()
    reader = _READERS.get(ext)
    if reader is None:
        yield Rejection(source, location, f"unsupported file type {ext or '(no extension)'!r}")
        return
    try:
        if os.path.getsize(location) == 0:
            yield Rejection(source, location, "empty file")
            return
        yield from reader(location, source)
    except OSError as exc:
        yield Rejection(source, location, f"cannot read file: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - a reader bug on odd input must not stop the batch
        yield reader_crash(source, location, exc)


def reader_crash(source: str, location: str, exc: Exception) -> Rejection:
    """The rest of a file/URL after an unexpected reader error: quarantined with the traceback."""
    detail = "".join(traceback.format_exception(exc))[-4000:]
    return Rejection(source, location, f"reader error: {type(exc).__name__}: {exc}"[:300], detail=detail)


def _inside(path: str, root_real: str) -> bool:
    real = os.path.realpath(path)
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)


def _checked_file(path: str, root_real: str) -> Iterator[Item]:
    if os.path.islink(path) and not _inside(path, root_real):
        source = os.path.basename(path)
        yield Rejection(source, os.path.abspath(path), "symlink points outside the source folder")
        return
    yield from iter_file(path)


def iter_folder(folder: str) -> Iterator[Item]:
    """Every file under `folder`, recursively, in sorted order."""
    root_real = os.path.realpath(folder)
    yield from _walk(folder, root_real)


def _walk(folder: str, root_real: str) -> Iterator[Item]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        name = os.path.basename(folder.rstrip(os.sep))
        yield Rejection(name, os.path.abspath(folder), f"cannot read folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith(".") or (skipped_in_walk(entry.name) and not entry.is_dir()):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, root_real)
        elif entry.is_symlink() and os.path.isdir(entry.path):
            reason = "symlinked folder not followed"
            yield Rejection(entry.name, os.path.abspath(entry.path), reason)
        elif entry.is_file(follow_symlinks=True) or entry.is_symlink():
            yield from _checked_file(entry.path, root_real)
        else:  # sockets, fifos, devices: never opened (reading a fifo would block the run)
            yield Rejection(entry.name, os.path.abspath(entry.path), "not a regular file")


def glob_base(pattern: str) -> str:
    """The part of a glob pattern before its first wildcard, as a folder."""
    parts = pattern.split(os.sep)
    fixed = []
    for part in parts:
        if glob.has_magic(part):
            break
        fixed.append(part)
    base = os.sep.join(fixed)
    return base or "."


def iter_glob(pattern: str) -> Iterator[Item]:
    """Every file matched by a glob (`**` recursive), sorted; matched folders are walked."""
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield Rejection(pattern, pattern, "no files match the pattern")
        return
    root_real = os.path.realpath(glob_base(pattern))
    for path in matches:
        if os.path.isdir(path) and not os.path.islink(path):
            yield from _walk(path, root_real)
        elif os.path.isfile(path) or os.path.islink(path):
            yield from _checked_file(path, root_real)
