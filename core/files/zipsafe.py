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

from .common import MAX_CENTRAL_DIRECTORY, MAX_MEMBERS, NETWORK_MEMBER, WEIGHTS_MEMBER, _Bad, _size

def _check_end_record(f: Any, size: int) -> None:
    """Refuse an archive whose table of contents is absurdly large, before zipfile reads it."""
    tail = min(size, 65536 + 22)
    f.seek(size - tail)
    buf = f.read(tail)
    i = buf.rfind(b"PK\x05\x06")
    if i >= 0 and len(buf) - i >= 22:
        entries = int.from_bytes(buf[i + 10: i + 12], "little")
        cd_size = int.from_bytes(buf[i + 12: i + 16], "little")
        if entries > MAX_MEMBERS or cd_size > MAX_CENTRAL_DIRECTORY:
            raise _Bad(f"the archive lists {entries} entries; a network file has only a few "
                       "(this is not a Backprop Studio network file)")
    f.seek(0)



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
                 label: str) -> bytes:
    """A member's bytes, refusing before unpacking if it would exceed ``limit`` or the budget."""
    limit = min(limit, budget[0])
    if info.flag_bits & 0x1:
        raise _Bad(f"{label} is encrypted")
    if info.file_size > limit:
        raise _Bad(f"{label} would unpack to {_size(info.file_size)}, more than the "
                   f"{_size(limit)} allowed (a damaged file or a zip bomb)")
    try:
        with zf.open(info) as m:
            data = m.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError, KeyError, OverflowError, IndexError, struct.error) as e:
        detail = " ".join(str(e).split())[:120]
        raise _Bad(f"{label} is damaged ({detail or type(e).__name__})") from None
    if len(data) > limit:
        raise _Bad(f"{label} unpacks to more than the {_size(limit)} allowed (a damaged file or a zip bomb)")
    if len(data) != info.file_size:
        raise _Bad(f"{label} is damaged (cut short)")
    budget[0] -= len(data)
    return data

