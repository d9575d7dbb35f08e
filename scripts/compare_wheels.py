#!/usr/bin/env python3
"""Compare two wheels file by file: same file list, same contents (RECORD sha256 and size).

    python scripts/compare_wheels.py A.whl B.whl [--ignore-dist-info NAME ...]

Used by .github/workflows/pyodide-build.yml to prove that the wheel `pyodide build` makes equals the wheel
the site ships (site/calculator/), and tested in tests/test_compare_wheels.py. Standard library only.

What is compared, always:

* each wheel on its own: its RECORD lists every file in the archive once, and each listed sha256 and size
  is that of the file's bytes (so comparing RECORD rows is comparing contents);
* the wheel file names and the ``.dist-info`` directory names;
* what an installer reads: METADATA ``Name`` and ``Version``, WHEEL ``Wheel-Version``,
  ``Root-Is-Purelib`` and ``Tag``;
* the file list and every file's RECORD row (sha256 and size), except RECORD itself, whose rows are
  exactly what is compared.

``--ignore-dist-info NAME`` leaves the file ``<name>-<version>.dist-info/NAME`` out of the file list and
content comparison (the installer fields above are still compared). Only files directly in the
``.dist-info`` directory can be left out, never package files, and every file left out is printed.

Exit 0 when the wheels are equivalent in that scope, 1 with each difference on stderr otherwise,
2 for a bad command line.
"""

from __future__ import annotations

import argparse
import base64
import csv
import difflib
import hashlib
import io
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from email.parser import HeaderParser
from pathlib import Path, PurePosixPath

# The fields of METADATA and WHEEL that decide what is installed and where; compared even when the file
# itself is left out with --ignore-dist-info.
INSTALLER_FIELDS = {
    "METADATA": ("Name", "Version"),
    "WHEEL": ("Wheel-Version", "Root-Is-Purelib", "Tag"),
}
# RECORD may carry these signature files without a hash (the wheel spec, "The .dist-info directory").
UNHASHED = ("RECORD", "RECORD.jws", "RECORD.p7s")
DIFF_LINES = 40  # at most this many lines of a text diff per differing file


class WheelError(Exception):
    """The file is not a well-formed wheel (or its RECORD does not match its contents)."""


@dataclass(frozen=True)
class Entry:
    """One file of a wheel: its RECORD hash and size, and its bytes."""

    sha256: str
    size: int
    data: bytes


@dataclass(frozen=True)
class Wheel:
    path: Path
    dist_info: str  # "<name>-<version>.dist-info"
    files: dict[str, Entry]  # archive path -> entry, RECORD itself excluded

    def fields(self, name: str) -> dict[str, list[str]]:
        """The header fields of dist-info file ``name`` (METADATA or WHEEL); every value of a repeated key."""
        entry = self.files.get(f"{self.dist_info}/{name}")
        if entry is None:
            raise WheelError(f"{self.path.name}: no {self.dist_info}/{name}")
        message = HeaderParser().parsestr(entry.data.decode("utf-8"))
        out: dict[str, list[str]] = {}
        for key, value in message.items():
            out.setdefault(key, []).append(str(value))
        return out


def record_digest(data: bytes) -> str:
    """The RECORD form of a sha256: urlsafe base64 without padding."""
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")


def read_wheel(path: Path) -> Wheel:
    """Open a wheel and check that its RECORD lists exactly its files, with their true sha256 and size."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise WheelError(f"{path}: not a readable wheel ({exc})") from exc
    with archive:
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
        dist_infos = sorted(
            {n.split("/", 1)[0] for n in names if n.split("/", 1)[0].endswith(".dist-info")}
        )
        if len(dist_infos) != 1:
            raise WheelError(
                f"{path.name}: want one top-level .dist-info directory, found {dist_infos}"
            )
        dist_info = dist_infos[0]
        record_name = f"{dist_info}/RECORD"
        if record_name not in names:
            raise WheelError(f"{path.name}: no {record_name}")
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise WheelError(f"{path.name}: archive holds {duplicates} more than once")
        rows = list(csv.reader(io.StringIO(archive.read(record_name).decode("utf-8"))))
        files: dict[str, Entry] = {}
        problems: list[str] = []
        for row in rows:
            if not row:
                continue
            if len(row) != 3:
                problems.append(f"RECORD row {row!r} does not have 3 fields")
                continue
            name, hash_field, size_field = row
            if name in files:
                problems.append(f"RECORD lists {name} twice")
                continue
            if name not in names:
                problems.append(f"RECORD lists {name}, which is not in the archive")
                continue
            if (
                PurePosixPath(name).name in UNHASHED
                and PurePosixPath(name).parent.name == dist_info
            ):
                continue
            algorithm, _, digest = hash_field.partition("=")
            data = archive.read(name)
            if algorithm != "sha256":
                problems.append(f"{name}: RECORD hash is {hash_field!r}, want sha256=...")
            elif digest != record_digest(data):
                problems.append(
                    f"{name}: RECORD says sha256={digest}, the file's bytes have sha256={record_digest(data)}"
                )
            if size_field != str(len(data)):
                problems.append(
                    f"{name}: RECORD says size {size_field}, the file has {len(data)} bytes"
                )
            files[name] = Entry(digest, len(data), data)
        listed = set(files) | {f"{dist_info}/{u}" for u in UNHASHED}
        problems += [f"{n}: in the archive but not in RECORD" for n in names if n not in listed]
        if problems:
            raise WheelError(
                f"{path.name}: RECORD does not match the archive:\n  " + "\n  ".join(problems)
            )
        return Wheel(path, dist_info, files)


def text_diff(a: Wheel, b: Wheel, name: str) -> list[str]:
    """Up to DIFF_LINES lines of a unified diff of a text file present in both wheels, else []."""
    try:
        left = a.files[name].data.decode("utf-8").splitlines()
        right = b.files[name].data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return []
    lines = list(difflib.unified_diff(left, right, str(a.path), str(b.path), lineterm="", n=1))
    if len(lines) > DIFF_LINES:
        lines = [*lines[:DIFF_LINES], f"... ({len(lines) - DIFF_LINES} more diff lines)"]
    return ["    " + line for line in lines]


def compare(a: Wheel, b: Wheel, ignore: Sequence[str] = ()) -> list[str]:
    """Every difference between ``a`` and ``b`` in the scope described in the module docstring (a text
    file's difference carries its diff on the lines after the first)."""
    problems: list[str] = []
    if a.path.name != b.path.name:
        problems.append(f"wheel file names differ: {a.path.name} != {b.path.name}")
    if a.dist_info != b.dist_info:
        problems.append(f".dist-info directories differ: {a.dist_info} != {b.dist_info}")
    for name, keys in INSTALLER_FIELDS.items():
        left, right = a.fields(name), b.fields(name)
        problems += [
            f"{name} {key}: {left.get(key)} != {right.get(key)}"
            for key in keys
            if left.get(key) != right.get(key)
        ]
    skipped = {f"{a.dist_info}/{n}" for n in ignore} | {f"{b.dist_info}/{n}" for n in ignore}
    left_names, right_names = set(a.files) - skipped, set(b.files) - skipped
    problems += [f"only in {a.path}: {n}" for n in sorted(left_names - right_names)]
    problems += [f"only in {b.path}: {n}" for n in sorted(right_names - left_names)]
    for name in sorted(left_names & right_names):
        x, y = a.files[name], b.files[name]
        if (x.sha256, x.size) != (y.sha256, y.size):
            header = f"{name} differs: sha256={x.sha256} ({x.size} bytes) != sha256={y.sha256} ({y.size} bytes)"
            problems.append("\n".join([header, *text_diff(a, b, name)]))
    return problems


def ignorable(value: str) -> str:
    """argparse type for --ignore-dist-info: the bare name of a file in .dist-info, other than RECORD."""
    if not value or "/" in value or "\\" in value or value in {".", ".."}:
        raise argparse.ArgumentTypeError(
            f"{value!r}: give a file name inside .dist-info, like METADATA"
        )
    if value in UNHASHED:
        raise argparse.ArgumentTypeError(
            f"{value}: never compared as a file; its rows are what is compared"
        )
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("a", type=Path, metavar="A.whl")
    parser.add_argument("b", type=Path, metavar="B.whl")
    parser.add_argument(
        "--ignore-dist-info",
        action="append",
        default=[],
        type=ignorable,
        metavar="NAME",
        help="leave <name>-<version>.dist-info/NAME out of the file comparison (repeatable)",
    )
    args = parser.parse_args(argv)
    ignore: list[str] = sorted(set(args.ignore_dist_info))
    try:
        a, b = read_wheel(args.a), read_wheel(args.b)
        problems = compare(a, b, ignore)
    except WheelError as exc:
        print(f"compare_wheels: {exc}", file=sys.stderr)
        return 1
    compared = len(set(a.files) - {f"{a.dist_info}/{n}" for n in ignore})
    scope = f"{compared} files, each by its RECORD sha256 and size"
    if ignore:
        scope += f"; left out: {', '.join(f'{a.dist_info}/{n}' for n in ignore)}"
        scope += " (their installer fields still compared)"
    print(f"compare_wheels: {a.path} vs {b.path}\n  scope: {scope}")
    if problems:
        print(
            f"compare_wheels: the wheels differ ({len(problems)} difference(s)):", file=sys.stderr
        )
        print("\n".join(f"  {p}" for p in problems), file=sys.stderr)
        return 1
    print("  equivalent: same file list, same contents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
