"""Read a CSV table into a :class:`Dataset`, with a clear error for every bad row.

People bring files from spreadsheets, other courses and their own scripts, so
this reader is strict but talkative: anything it cannot use becomes a
:class:`DataError` whose message names the file, the row as a text editor
numbers it (the header is row 1) and the column, e.g.::

    iris.csv, row 17, column 'petal_width': 'abc' is not a number

It never guesses a value, and no other exception type escapes for a bad
file, so the designer can show the message as it is.

Format: a header row of column names, then one row per sample. UTF-8 text
(a byte-order mark is fine), optionally gzip-compressed; fields separated by
commas (or semicolons or tabs, chosen from the header line). Blank lines are
skipped. Feature columns must be numbers; the target column may hold numbers
or class names.
"""
from __future__ import annotations

import csv
import io
import os
import stat
import zlib
from pathlib import Path
from typing import Iterator, Literal

import numpy as np

from .dataset import MAX_ABS_VALUE, BadCell, DataError, Dataset, Task

#: Cell texts read as "no value" (compared case-insensitively, stripped).
MISSING = frozenset({"", "na", "n/a", "nan", "null", "none", "?"})

#: A numeric target with whole values and at most this many distinct values is
#: read as class labels when ``task="auto"``.
MAX_AUTO_CLASSES = 20

#: The largest CSV text read, in bytes (after gzip): a bigger file is refused
#: with one line instead of filling memory (a 200 MB file took 4 GB).
MAX_CSV_BYTES = 64 * 2**20

#: Bad rows named in one error; the others are counted.
MAX_REPORTED = 12

_DELIMITERS = (",", ";", "\t")


def load_csv(
    path: str | os.PathLike[str],
    target: str | int | None = None,
    task: Literal["auto"] | Task = "auto",
    *,
    name: str | None = None,
) -> Dataset:
    """Load a CSV file with a header row as a dataset.

    Parameters
    ----------
    path : str or path-like
        The file; ``.gz`` compression is recognised from its content.
    target : str or int, optional
        The target column, by header name or by 0-based index (negative
        counts from the end). Default: the last column. All other columns
        are features.
    task : {"auto", "classification", "regression"}
        ``"auto"`` reads text labels as classes, and numeric targets as
        classes when they are whole numbers with few distinct values (at
        most :data:`MAX_AUTO_CLASSES` and at most half the rows, but at
        least 2); anything else is regression.
    name : str, optional
        Dataset name; default: the file name without ``.csv``/``.gz``.

    Returns
    -------
    Dataset
        Classes are numbered in sorted order of their labels (numerically
        for numbers, alphabetically for text); ``class_names`` keeps the
        labels as written.

    Raises
    ------
    DataError
        For every problem with the file, naming file, row and column.
    """
    path = Path(path)
    where = str(path)
    if task not in ("auto", "classification", "regression"):
        raise DataError(f"task must be 'auto', 'classification' or 'regression', not {task!r}")
    text = _read_text(path, where)
    rows = _records(text, where)

    header_row, header = next(rows, (0, []))
    names = [h.strip() for h in header]
    if not names:
        raise DataError(f"{where}: the file is empty")
    _check_header(names, header_row, where)
    t = _target_index(names, target, where)

    features: list[list[float]] = []
    labels: list[tuple[int, str]] = []
    bad = _BadRows()
    for r, row in rows:
        problem = _row_problem(row, names, t, r)
        if problem is None:
            values = [_number(cell, r, names[j]) for j, cell in enumerate(row) if j != t]
            problem = next((v for v in values if isinstance(v, BadCell)), None)
        if problem is not None:
            bad.add(problem)
            continue
        labels.append((r, row[t].strip()))
        features.append(values)  # type: ignore[arg-type]
    if not features and not bad.count:
        raise DataError(f"{where}: the file has a header row but no data rows")
    y, class_names, kind = _targets(labels, task, names[t], bad)
    if bad.count:
        raise bad.error(where)

    feature_names = names[:t] + names[t + 1 :]
    X = np.array(features, dtype=np.float64).reshape(len(features), len(feature_names))
    return Dataset(X, y, kind, feature_names, class_names, name or _stem(path))


def preview_csv(path: str | os.PathLike[str], rows: int = 8,
                also: frozenset[int] | set[int] = frozenset()) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the first ``rows`` records (plus the records numbered in ``also``), as text.

    For showing a file to a person, even a bad one: cells are not checked,
    undecodable bytes are replaced, and the same rules as :func:`load_csv`
    bound what is read (a regular file, at most :data:`MAX_CSV_BYTES`).
    Returns ``(header, [(row number, fields), ...])`` with rows numbered as
    in :func:`load_csv`'s messages. Raises :class:`DataError` if the file
    cannot be read at all.
    """
    path = Path(path)
    raw = _read_bounded(path, str(path))
    if raw[:2] == b"\x1f\x8b":
        raw = _gunzip_bounded(raw, str(path))
    text = raw.decode("utf-8-sig", errors="replace").replace("\x00", "\ufffd")
    records = _records(text, str(path))
    header: list[str] = []
    body: list[tuple[int, list[str]]] = []
    last = max(also, default=0)
    try:
        _, header = next(records, (0, []))
        for r, row in records:
            if len(body) < rows or r in also:
                body.append((r, row))
            if len(body) >= rows and r >= last:
                break
    except DataError:
        pass  # a row the csv module cannot read: show what came before it
    return [h.strip() for h in header], body


def _read_text(path: Path, where: str) -> str:
    """Bytes -> text, turning every I/O, gzip and encoding failure into a DataError.

    Only a regular file is opened (a folder, a device such as /dev/zero or a
    FIFO is refused before reading, so nothing blocks), and at most
    :data:`MAX_CSV_BYTES` are read or unpacked.
    """
    raw = _read_bounded(path, where)
    if raw[:2] == b"\x1f\x8b":
        raw = _gunzip_bounded(raw, where)
    if b"\x00" in raw:
        row = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise DataError(
            f"{where}, row {row}: the file contains binary data (a NUL byte); "
            "it does not look like a CSV text file"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            f"{where}, row {row}: the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
            "save it as 'CSV UTF-8' and try again"
        ) from None


def _too_big(where: str) -> DataError:
    return DataError(f"{where}: the file is larger than {MAX_CSV_BYTES // 2**20} MiB of text, "
                     "the most a CSV dataset may hold here")


def _read_bounded(path: Path, where: str) -> bytes:
    """A regular file's bytes, at most MAX_CSV_BYTES of them."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file (a device, pipe or socket)"
            raise DataError(f"{where}: cannot read the file (it is {kind})")
        if st.st_size > MAX_CSV_BYTES:
            raise _too_big(where)
        with open(path, "rb") as f:
            raw = f.read(MAX_CSV_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DataError(f"{where}: cannot read the file ({reason})") from None
    if len(raw) > MAX_CSV_BYTES:
        raise _too_big(where)
    return raw


def _gunzip_bounded(raw: bytes, where: str) -> bytes:
    """Unpack gzip data, refusing more than MAX_CSV_BYTES (a gzip bomb stops there)."""
    d = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(raw, MAX_CSV_BYTES + 1)
    except zlib.error as exc:
        raise DataError(f"{where}: the gzip-compressed file is damaged ({exc})") from None
    if len(out) > MAX_CSV_BYTES:
        raise _too_big(where)
    if not d.eof:
        raise DataError(f"{where}: the gzip-compressed file is damaged (it ends too soon)")
    return out


def _records(text: str, where: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (row number of the record's first line, fields), skipping blank lines."""
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = max(_DELIMITERS, key=first.count)  # ties keep the comma
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise DataError(f"{where}, row {start}: cannot read the row as CSV ({exc})") from None
        if all(not cell.strip() for cell in row) and len(row) <= 1:
            continue
        yield start, row


def _check_header(names: list[str], row: int, where: str) -> None:
    """Every column needs a unique, non-empty name: it labels an input unit."""
    seen: dict[str, int] = {}
    for j, col in enumerate(names):
        if not col:
            raise DataError(f"{where}, row {row}: column {j + 1} has no name in the header row")
        if col in seen:
            raise DataError(
                f"{where}, row {row}: the header names column '{col}' twice "
                f"(columns {seen[col] + 1} and {j + 1})"
            )
        seen[col] = j
    if len(names) < 2:
        raise DataError(
            f"{where}, row {row}: only one column ('{names[0]}'); a dataset needs at least "
            "one feature column and a target column (is the file separated by commas?)"
        )


def _target_index(names: list[str], target: str | int | None, where: str) -> int:
    """Resolve the target column by name or index; default the last one."""
    if target is None:
        return len(names) - 1
    if isinstance(target, str):
        if target in names:
            return names.index(target)
        raise DataError(
            f"{where}: there is no column '{target}' to use as target; "
            f"the columns are: {', '.join(names)}"
        )
    if isinstance(target, (int, np.integer)) and not isinstance(target, bool):
        if -len(names) <= target < len(names):
            return int(target) % len(names)
        raise DataError(
            f"{where}: target column index {target} is out of range; "
            f"the file has {len(names)} columns (0 to {len(names) - 1})"
        )
    raise DataError(f"{where}: the target column must be a name or an index, not {target!r}")


def _row_problem(row: list[str], names: list[str], t: int, r: int) -> BadCell | None:
    """What is wrong with a row as a whole: the wrong number of fields, or no target."""
    if len(row) != len(names):
        msg = f"{len(row)} values but the header has {len(names)} columns"
        if len(row) < len(names):
            return BadCell(r, "", ",".join(row), f"{msg} (no value for column '{names[len(row)]}')")
        extra = row[len(names)].strip()
        return BadCell(r, "", ",".join(row), f"{msg} (extra value {extra!r} after column '{names[-1]}')")
    if row[t].strip().lower() in MISSING:
        return BadCell(r, names[t], row[t], "the target value is missing")
    return None


def _number(cell: str, r: int, col: str) -> float | BadCell:
    """Parse one feature cell; missing, non-numeric, infinite and huge values are a BadCell."""
    text = cell.strip()
    if text.lower() in MISSING:
        return BadCell(r, col, text, "the value is missing")
    try:
        value = float(text)
    except ValueError:
        return BadCell(r, col, text, f"{text!r} is not a number")
    if not np.isfinite(value):
        return BadCell(r, col, text, f"{text!r} is not a finite number")
    if abs(value) > MAX_ABS_VALUE:
        return BadCell(r, col, text, f"{text!r} is larger than {MAX_ABS_VALUE:.0e} in size "
                                     "(standardising it would overflow)")
    return value


class _BadRows:
    """The bad rows found so far: the first ones kept to be named, all of them counted.

    Kept bounded so that a large file that is bad on every row costs no
    more memory than a good one.
    """

    def __init__(self) -> None:
        self.kept: list[BadCell] = []
        self.count = 0

    def add(self, cell: BadCell) -> None:
        self.count += 1
        if len(self.kept) < 2 * MAX_REPORTED:
            self.kept.append(cell)

    def error(self, where: str) -> DataError:
        """One error for all of them: each named up to MAX_REPORTED, in row order, the rest counted."""
        shown = sorted(self.kept, key=lambda b: b.row)[:MAX_REPORTED]
        if self.count == 1:
            return DataError(f"{where}, {shown[0].describe()}", shown)
        listed = "; ".join(b.describe() for b in shown)
        more = f"; and {self.count - len(shown)} more" if self.count > len(shown) else ""
        return DataError(f"{where}: {self.count} bad rows: {listed}{more}", shown)


def _targets(
    labels: list[tuple[int, str]], task: str, col: str, bad: "_BadRows"
) -> tuple[np.ndarray, list[str], Task]:
    """Turn the target column's texts into ``y``, class names and the task.

    Rows whose target cannot be used are added to ``bad``.
    """
    numbers: list[float] = []
    for r, text in labels:
        try:
            numbers.append(float(text))
        except ValueError:
            if task == "regression":
                bad.add(BadCell(r, col, text, f"{text!r} is not a number, and a regression target must be"))
                continue
            numbers = []
            break
    if numbers and len(numbers) == len(labels):
        for (r, text), v in zip(labels, numbers):
            if not np.isfinite(v) or abs(v) > MAX_ABS_VALUE:
                why = "is not a finite number" if not np.isfinite(v) else f"is larger than {MAX_ABS_VALUE:.0e} in size"
                bad.add(BadCell(r, col, text, f"{text!r} {why}"))
        values = np.array(numbers)
        if task == "auto":
            task = "classification" if _looks_like_classes(values) else "regression"
        if task == "regression":
            return values.reshape(-1, 1), [], "regression"
        classes, y = np.unique(values, return_inverse=True)
        return y.astype(np.int64), [_label(v) for v in classes], "classification"
    if task == "regression":
        return np.zeros((0, 1)), [], "regression"  # only reached with bad rows to report
    texts = [text for _, text in labels]
    class_names = sorted(set(texts))
    index = {c: i for i, c in enumerate(class_names)}
    return np.array([index[s] for s in texts], dtype=np.int64), class_names, "classification"


def _looks_like_classes(values: np.ndarray) -> bool:
    """Whole numbers with few distinct values are labels rather than measurements."""
    if np.any(values != np.round(values)):
        return False
    k = len(np.unique(values))
    return k <= min(MAX_AUTO_CLASSES, max(2, len(values) // 2))


def _label(v: float) -> str:
    """Class name for a numeric label: ``3`` rather than ``3.0``."""
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def _stem(path: Path) -> str:
    """File name without the ``.gz`` and ``.csv``/``.tsv``/``.txt`` suffixes."""
    name = path.name
    for suffix in (".gz", ".csv", ".tsv", ".txt"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name or path.name
