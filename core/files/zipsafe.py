"""Zip archives read defensively: the table of contents is judged before zipfile sees it.

Python's :mod:`zipfile` parses the whole central directory when an archive
is opened, so a small file listing millions of entries costs minutes and
gigabytes before any count could be checked. The end-of-central-directory
record is therefore read here first (zip64 included, and wherever a
signature hides in a comment), and an archive listing too many entries or
too large a directory is refused before :class:`zipfile.ZipFile` is built.
Everything unpacked from one file draws on one shared byte budget.
"""
from __future__ import annotations

import re
import struct
import zipfile
import zlib
from typing import Any

from .common import MAX_CENTRAL_DIRECTORY, MAX_MEMBERS, MAX_TOTAL_BYTES, NETWORK_MEMBER, WEIGHTS_MEMBER, _Bad, _size

_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"


def _declared(f: Any, size: int, at: int, buf: bytes, base: int) -> tuple[int, int]:
    """Entries and central-directory size an end record at ``buf[at:]`` declares, zip64 included.

    zipfile trusts a zip64 locator just before the end record and takes its
    64-bit counts instead, whatever the plain record says; it reads the zip64
    record just before the locator (newer versions: where the locator
    points), so both places are read and the larger numbers judged.
    """
    entries = int.from_bytes(buf[at + 10: at + 12], "little")
    cd_size = int.from_bytes(buf[at + 12: at + 16], "little")
    loc = base + at - 20
    if loc < 0:
        return entries, cd_size
    f.seek(loc)
    locator = f.read(20)
    if len(locator) != 20 or locator[:4] != _ZIP64_LOCATOR:
        return entries, cd_size
    for rec_at in (loc - 56, int.from_bytes(locator[8:16], "little")):
        if 0 <= rec_at <= size - 56:
            f.seek(rec_at)
            rec = f.read(56)
            if rec[:4] == _ZIP64_EOCD:
                entries = max(entries, int.from_bytes(rec[32:40], "little"))
                cd_size = max(cd_size, int.from_bytes(rec[40:48], "little"))
    return entries, cd_size


def _end_records(buf: bytes) -> list[int]:
    """Where end records are that a zip reader may use: zipfile's choice and the true one.

    zipfile takes the last 22 bytes if they are a record without comment,
    else the last signature in the tail; the record whose comment reaches
    exactly the end of the file is the real one. A signature hidden inside
    a comment or a record's own fields cannot steer the check away from
    either. (The signatures of a stored weights.npz inside the archive are
    neither, so they are not judged as the archive's.)
    """
    n = len(buf)
    if n >= 22 and buf[n - 22: n - 18] == _EOCD and buf[n - 2:] == b"\x00\x00":
        chosen = [n - 22]
    else:
        last = buf.rfind(_EOCD)
        chosen = [last] if last >= 0 and n - last >= 22 else []
    at = buf.rfind(_EOCD)
    while at >= 0:
        if n - at >= 22 and at + 22 + int.from_bytes(buf[at + 20: at + 22], "little") == n:
            chosen.append(at)
        at = buf.rfind(_EOCD, 0, at)
    return list(dict.fromkeys(chosen))


def _check_end_record(f: Any, size: int, label: str = "the archive", max_entries: int = MAX_MEMBERS,
                      max_directory: int = MAX_CENTRAL_DIRECTORY) -> None:
    """Refuse an archive whose table of contents is too large, before zipfile parses it.

    The end records a reader may use (:func:`_end_records`) are judged, with
    zip64 counts where a locator precedes them; the central directory's size
    is capped too, since zipfile reads entries until that size is used up
    whatever the count says (the cap bounds how many it can parse).
    """
    tail = min(size, 65536 + 22)
    base = size - tail
    f.seek(base)
    buf = f.read(tail)
    records = _end_records(buf)
    if not records:
        raise _Bad(f"{label} is not a zip archive, or it was cut short")
    for at in records:
        entries, cd_size = _declared(f, size, at, buf, base)
        if entries > max_entries:
            raise _Bad(f"{label} lists {entries:,} entries; at most {max_entries:,} are "
                       "allowed (not a Backprop Studio network file)")
        if cd_size > max_directory:
            raise _Bad(f"{label} has a table of contents of {_size(cd_size)}; at most "
                       f"{_size(max_directory)} is allowed (not a Backprop Studio network file)")
    f.seek(0)


def open_zip(f: Any, size: int, label: str, max_entries: int, max_directory: int) -> zipfile.ZipFile:
    """A :class:`zipfile.ZipFile` over ``f``, built only after its end record passed the caps."""
    _check_end_record(f, size, label, max_entries, max_directory)
    try:
        return zipfile.ZipFile(f)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, NotImplementedError,
            KeyError, IndexError, OverflowError, struct.error):
        raise _Bad(f"{label} is not a zip archive, or it was cut short") from None


def _member_name_problem(name: str) -> str | None:
    """Why an archive member name is unsafe, or None."""
    if not name or "\x00" in name:
        return "an empty or invalid name"
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[/\\]", name):
        return f"an absolute path ({name!r})"
    if any(part == ".." for part in re.split(r"[/\\]", name)):
        return f"a path that climbs out of the archive ({name!r})"
    return None



def _members(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _Bad(f"the archive holds {len(infos)} entries; a network file has only a few")
    out: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        problem = _member_name_problem(info.filename)
        if problem:
            raise _Bad(f"the archive holds an entry with {problem}; refusing to read it")
        if info.filename in out:
            raise _Bad(f"the archive holds {info.filename!r} twice")
        out[info.filename] = info
    if NETWORK_MEMBER not in out and WEIGHTS_MEMBER not in out:
        raise _Bad(f"not a Backprop Studio network file (the archive has no {NETWORK_MEMBER}), "
                   "or it was cut short")
    for required in (NETWORK_MEMBER, WEIGHTS_MEMBER):
        if required not in out:
            raise _Bad(f"the network file is incomplete: {required} is missing")
    return out



def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, budget: list[int],
                 label: str, packed_charged: bool = False, total: int = MAX_TOTAL_BYTES) -> bytes:
    """A member's bytes, refusing before unpacking if it would exceed ``limit`` or the budget.

    ``budget`` is the one allowance of everything unpacked from a file.
    A member of an archive that was itself unpacked (an array inside
    weights.npz) was paid for packed already (``packed_charged``), so only
    what it grows by is charged: a stored array costs nothing more, a
    deflated one its expansion, and no member gets a fresh allowance.
    """
    refund = min(info.compress_size, info.file_size) if packed_charged else 0
    own = limit
    limit = min(limit, budget[0] + refund)
    allowed = (f"the {_size(limit)} allowed" if limit == own else
               f"the {_size(limit)} left of the {_size(total)} everything in one file "
               "may unpack to")
    if info.flag_bits & 0x1:
        raise _Bad(f"{label} is encrypted")
    if info.file_size > limit:
        raise _Bad(f"{label} would unpack to {_size(info.file_size)}, more than {allowed} "
                   "(a damaged file or a zip bomb)")
    try:
        with zf.open(info) as m:
            data = m.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError, KeyError, OverflowError, IndexError, struct.error) as e:
        detail = " ".join(str(e).split())[:120]
        raise _Bad(f"{label} is damaged ({detail or type(e).__name__})") from None
    if len(data) > limit:
        raise _Bad(f"{label} unpacks to more than {allowed} (a damaged file or a zip bomb)")
    if len(data) != info.file_size:
        raise _Bad(f"{label} is damaged (cut short)")
    budget[0] -= len(data) - refund
    return data

