"""The CSV sheets trainers fill in, often saved by Excel: one reader for every importer.

Second marks and moderation (double_marking, moderation), the jury's sheet (jury) and the team
roster (teams) are all read by `read_sheet`:

- bytes → text: UTF-8 with or without BOM, else Windows-1252 (Excel's « CSV » on French Windows)
  with a note saying so; anything else is refused (UTF-16, a workbook renamed .csv: NUL bytes;
  bytes Windows-1252 does not define);
- separator: « ; » (Excel in French locales) when the header line holds more « ; » than « , »,
  else « , »;
- blank lines are skipped anywhere; the header is the first non-blank line; empty cells that
  spreadsheets add after the last column are dropped, on the header and on the rows;
- each row keeps the line of the file where it starts and the line where it ends (a quoted cell
  may hold line breaks).

Problems with the file itself raise a CourseError naming the file (and the line, for broken CSV).
What a sheet's header and rows must hold is each importer's business: `Sheet.header_problems`
says which columns are missing, unknown or doubled, and the importer words the error.
"""
from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .. import CourseError

UTF8 = "utf-8"
CP1252 = "cp1252"


def column_key(name: str) -> str:
    """A header name compared without accents, case or surrounding spaces (« Critère » → critere)."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lstrip("\ufeff"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def cp1252_note(path: Path) -> str:
    """What the reader is told when a sheet had to be read as Windows-1252."""
    return (f"{path} : fichier lu en Windows-1252 (cp1252) car il n'est pas en UTF-8 ; vérifiez les accents des "
            "commentaires importés. À l'avenir, enregistrez au format « CSV UTF-8 ».")


class UndecodableSheet(CourseError):
    """Neither UTF-8 nor Windows-1252: `byte` at `position` (0x00 for UTF-16 or a binary file)."""

    def __init__(self, path: Path, byte: int, position: int):
        self.path, self.byte, self.position = path, byte, position
        super().__init__(
            f"{path} : encodage illisible, ni UTF-8 ni Windows-1252 (octet 0x{byte:02x} en position {position}). "
            "Enregistrez la feuille au format « CSV UTF-8 (délimité par des points-virgules) »."
        )


def decode_sheet(path: Path) -> tuple[str, str, list[str]]:
    """The sheet's text, its encoding (UTF8 or CP1252) and the notes for the reader (the cp1252 one)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CourseError(f"{path} : fichier introuvable.") from None
    except OSError as exc:
        raise CourseError(f"{path} : lecture impossible ({exc.strerror}).") from None
    if b"\x00" in data:  # UTF-16, or a binary file such as .xlsx; Windows-1252 would « read » it as garbage
        raise UndecodableSheet(path, 0, data.index(b"\x00"))
    try:
        return data.decode("utf-8-sig"), UTF8, []
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), CP1252, [cp1252_note(path)]
    except UnicodeDecodeError as exc:
        raise UndecodableSheet(path, exc.object[exc.start], exc.start) from None


@dataclass(frozen=True)
class SheetRow:
    """One non-blank row: cells stripped, `values` by column key ("" where the row is short)."""

    line: int  # line of the file where the row starts (the header is line 1 unless blank lines precede it)
    last_line: int  # line where it ends: later than `line` when a quoted cell holds line breaks
    cells: tuple[str, ...]
    values: dict[str, str]


@dataclass(frozen=True)
class HeaderProblems:
    """What is wrong with a header; false when nothing is."""

    missing: tuple[str, ...]  # required column keys absent from the header
    unknown: tuple[str, ...]  # header cells, as written, that are not expected columns
    doubled: tuple[str, ...]  # column keys given more than once, sorted

    def __bool__(self) -> bool:
        return bool(self.missing or self.unknown or self.doubled)


@dataclass(frozen=True)
class Sheet:
    path: Path
    encoding: str  # UTF8 or CP1252
    notes: list[str]  # for the reader: the file was read as Windows-1252
    delimiter: str  # ";" or ","
    header: tuple[str, ...]  # header cells as written, stripped; () when the file holds no non-blank line
    columns: tuple[str, ...]  # column_key of each header cell
    rows: list[SheetRow]

    def header_problems(self, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> HeaderProblems:
        """Missing, unknown and doubled columns, names compared with column_key (`required` are keys)."""
        expected = (*required, *optional)
        return HeaderProblems(
            missing=tuple(column for column in required if column not in self.columns),
            unknown=tuple(cell for cell, key in zip(self.header, self.columns) if key not in expected),
            doubled=tuple(sorted({key for key in self.columns if self.columns.count(key) > 1})),
        )


def read_sheet(path: Path) -> Sheet:
    """The sheet decoded and split into header and rows; problems with the file raise a CourseError."""
    path = Path(path)
    text, encoding, notes = decode_sheet(path)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    rows: list[SheetRow] = []
    last = 0
    try:
        for record in reader:
            line, last = last + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            cells = [cell.strip() for cell in record]
            if not columns:
                keys = [column_key(cell) for cell in cells]
                while keys and not keys[-1]:
                    keys.pop()  # spreadsheets add empty trailing cells
                header, columns = tuple(cells[:len(keys)]), tuple(keys)
                continue
            while len(cells) > len(columns) and not cells[-1]:
                cells.pop()
            values = dict(zip(columns, cells + [""] * (len(columns) - len(cells))))
            rows.append(SheetRow(line, last, tuple(cells), values))
    except csv.Error as exc:
        raise CourseError(f"{path} : CSV illisible à la ligne {reader.line_num} ({exc}).") from None
    return Sheet(path, encoding, notes, delimiter, header, columns, rows)
