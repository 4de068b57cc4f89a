"""Where reports go, checked before a run, and written so that a good report is never lost.

``geomcheck verify`` computes for tens of seconds before it writes anything; a read-only or
mistyped destination must fail *before* that work (:func:`check_output_dir`,
:func:`check_output_file`: a clear :class:`OutputError`, exit 2 in the CLI), and a write that is
interrupted (Ctrl-C, a full disk) must leave the previous file in place, never half of a new one
(:func:`atomic_write_text`: a temporary file in the same directory, then :func:`os.replace`,
which is atomic on POSIX and Windows within one file system).

File names (:func:`report_stem`): the full run writes ``geomcheck-proofs.tex/.pdf``; a subset
(``--source``, ``--claim``) writes its own name, so it never overwrites the full report.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Sequence

__all__ = ["OutputError", "check_output_dir", "check_output_file", "atomic_write_text", "atomic_replace",
           "report_stem", "DEFAULT_OUT", "FULL_STEM"]

#: default ``--out`` of ``geomcheck verify``: relative to the current directory (``.gitignore``d in
#: this repository; the committed copy in ``proofs/`` is regenerated with ``--out proofs``)
DEFAULT_OUT = "geomcheck-report"
#: file stem of the report of a run over every registered claim
FULL_STEM = "geomcheck-proofs"


class OutputError(OSError):
    """A report destination that cannot be written (the message says which and why)."""


def _probe_directory(directory: Path, what: str) -> None:
    """Create and delete a file in ``directory``: the only test that also holds for root and for
    read-only mounts (``os.access`` answers yes to root on a read-only bind mount)."""
    try:
        fd, name = tempfile.mkstemp(prefix=".geomcheck-probe-", dir=directory)
    except OSError as exc:
        raise OutputError(f"{what} {str(directory)!r} is not writable ({exc.strerror or exc})") from None
    os.close(fd)
    os.unlink(name)


def check_output_dir(path: str | os.PathLike[str], *, what: str = "--out") -> Path:
    """Make sure ``path`` is (or can be created as) a writable directory; returns it.

    Creates missing parents.  Raises :class:`OutputError` when ``path`` is an existing file,
    lies under a file, or cannot be written.
    """
    directory = Path(path)
    if directory.exists() and not directory.is_dir():
        raise OutputError(f"{what} {str(directory)!r} is a file, not a directory")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{what} {str(directory)!r}: a part of the path is a file, not a directory") from None
    except NotADirectoryError:
        raise OutputError(f"{what} {str(directory)!r}: a part of the path is a file, not a directory") from None
    except OSError as exc:
        raise OutputError(f"{what} {str(directory)!r} cannot be created ({exc.strerror or exc})") from None
    _probe_directory(directory, what)
    return directory


def check_output_file(path: str | os.PathLike[str], *, what: str = "--json") -> Path:
    """Make sure a file can be written at ``path`` (its directory is created if missing).

    Raises :class:`OutputError` when ``path`` is a directory, an existing read-only file, or its
    directory cannot be written.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{what} {str(target)!r} is a directory; give a file name, e.g. {str(target / 'verdicts.json')!r}")
    if str(path).endswith(("/", os.sep)):
        raise OutputError(f"{what} {str(path)!r} ends with a path separator; give a file name")
    check_output_dir(target.parent if str(target.parent) else Path("."), what=f"{what}'s directory")
    if target.exists() and not os.access(target, os.W_OK):
        raise OutputError(f"{what} {str(target)!r} exists and is read-only")
    return target


def atomic_replace(source: Path, target: Path) -> None:
    """Move ``source`` onto ``target`` in one step (same directory or file system)."""
    os.replace(source, target)


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same directory and an
    atomic rename: an interrupted write leaves the old file, never a partial one."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():  # keep the permissions the user gave the old file
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


_SAFE = re.compile(r"[^A-Za-z0-9._+-]")


def report_stem(selected_ids: Sequence[str], all_ids: Sequence[str], sources: Sequence[str] = ()) -> str:
    """The file stem of a report: :data:`FULL_STEM` for every claim, else a name of its own.

    ``--source 002`` gives ``geomcheck-proofs-002``; one claim gives ``geomcheck-proofs-<id>``;
    any other subset ``geomcheck-proofs-subset-<10 hex digits of a SHA-1 of the sorted ids>``
    (stable, so re-running the same subset replaces its own report and nothing else).
    """
    chosen = list(dict.fromkeys(selected_ids))
    if set(chosen) == set(all_ids):
        return FULL_STEM
    by_source = {s: [i for i in all_ids if i.startswith(s + "-")] for s in sources}
    if sources and set(chosen) == {i for ids in by_source.values() for i in ids}:
        return f"{FULL_STEM}-{'+'.join(sorted(sources))}"
    if len(chosen) == 1:
        return f"{FULL_STEM}-{_SAFE.sub('_', chosen[0])}"
    digest = hashlib.sha1("\n".join(sorted(chosen)).encode("utf-8")).hexdigest()[:10]
    return f"{FULL_STEM}-subset-{digest}"
