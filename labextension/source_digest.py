"""The digest of casp-nbgrader-fr's source, recorded beside its prebuilt output.

`make labextension` builds the extension into course/lab/labextensions/casp-nbgrader-fr/ (shipped in the
course's wheel, so that installing the course needs no Node) and then runs this script, which writes the
digest of the source it was built from into that folder. tests/test_labextension.py recomputes the digest:
a source changed without a rebuild fails there, as a release/ that no longer matches source/ does.

The source is what decides the output: the TypeScript and the dictionary (src/), the compiler settings,
and the exact versions of the build tools and JupyterLab packages (package.json, package-lock.json).
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE.parent / "course" / "lab" / "labextensions" / "casp-nbgrader-fr"
DIGEST_FILE = "source-digest.txt"
TOP_FILES = ("package.json", "package-lock.json", "tsconfig.json")


def source_files(source: Path = HERE) -> list[Path]:
    return sorted([source / name for name in TOP_FILES] + [p for p in (source / "src").rglob("*") if p.is_file()])


def digest(source: Path = HERE) -> str:
    """SHA-256 over each source file's path (relative, POSIX) and bytes, in path order."""
    sha = hashlib.sha256()
    for path in source_files(source):
        sha.update(path.relative_to(source).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


def recorded(output: Path = OUTPUT) -> str:
    return (output / DIGEST_FILE).read_text(encoding="utf-8").strip()


def record(source: Path = HERE, output: Path = OUTPUT) -> str:
    value = digest(source)
    (output / DIGEST_FILE).write_text(value + "\n", encoding="utf-8")
    return value


if __name__ == "__main__":
    print(f"{OUTPUT / DIGEST_FILE}: {record()}", file=sys.stderr)
