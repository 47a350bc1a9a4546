"""The shared CSV sheet reader (course/grading/sheets.py), on files written byte by byte."""
from __future__ import annotations

import pytest

from course import CourseError
from course.grading.sheets import HeaderProblems, Sheet, SheetRow, UndecodableSheet, column_key, read_sheet

CP1252_NOTE = ("{path} : fichier lu en Windows-1252 (cp1252) car il n'est pas en UTF-8 ; vérifiez les accents des "
               "commentaires importés. À l'avenir, enregistrez au format « CSV UTF-8 ».")
UNREADABLE = ("{path} : encodage illisible, ni UTF-8 ni Windows-1252 (octet 0x{byte} en position {position}). "
              "Enregistrez la feuille au format « CSV UTF-8 (délimité par des points-virgules) ».")


def write(path, data: bytes):
    path.write_bytes(data)
    return path


def row(line, cells, columns=("apprenant", "devoir", "commentaire"), last_line=None):
    values = dict(zip(columns, list(cells) + [""] * (len(columns) - len(cells))))
    return SheetRow(line, line if last_line is None else last_line, tuple(cells), values)


SEMICOLON = "apprenant;devoir;commentaire\r\nÉlodie;mini;Très bien, « posé »\r\nLéa;mini;\r\n"
EXPECTED_ROWS = [row(2, ("Élodie", "mini", "Très bien, « posé »")), row(3, ("Léa", "mini", ""))]


def sheet(path, encoding="utf-8", notes=(), delimiter=";", rows=EXPECTED_ROWS,
          header=("apprenant", "devoir", "commentaire")):
    return Sheet(path, encoding, list(notes), delimiter, header, tuple(column_key(cell) for cell in header), rows)


def test_utf8_without_bom(tmp_path):
    path = write(tmp_path / "f.csv", SEMICOLON.encode("utf-8"))
    assert read_sheet(path) == sheet(path)


def test_utf8_with_bom(tmp_path):
    path = write(tmp_path / "f.csv", SEMICOLON.encode("utf-8-sig"))
    assert read_sheet(path) == sheet(path)


def test_windows_1252_is_read_with_a_note(tmp_path):
    path = write(tmp_path / "f.csv", SEMICOLON.encode("cp1252"))
    assert read_sheet(path) == sheet(path, "cp1252", [CP1252_NOTE.format(path=path)])


def test_comma_separator_and_quoted_decimal_comma(tmp_path):
    path = write(tmp_path / "f.csv", b'apprenant,devoir,points\nbon,mini,"5,5"\n')
    assert read_sheet(path) == sheet(path, delimiter=",", header=("apprenant", "devoir", "points"),
                                     rows=[row(2, ("bon", "mini", "5,5"), ("apprenant", "devoir", "points"))])


def test_semicolon_wins_only_with_more_semicolons_than_commas(tmp_path):
    path = write(tmp_path / "f.csv", b"apprenant;commentaire\nbon;oui, bien\n")
    assert read_sheet(path).rows == [row(2, ("bon", "oui, bien"), ("apprenant", "commentaire"))]
    path = write(tmp_path / "g.csv", b"a;b,c,d\n1;2,3,4\n")
    assert (read_sheet(path).delimiter, read_sheet(path).header) == (",", ("a;b", "c", "d"))


def test_header_keys_blank_lines_trailing_cells_and_line_numbers(tmp_path):
    path = write(tmp_path / "f.csv", (
        "\r\n"
        " Apprenant ;DEVOIR;Commentaire;;\r\n"      # line 2: the header, Excel's empty trailing cells dropped
        "bon;mini;;;\r\n"                           # line 3: empty cells past the header dropped
        ";;\r\n"                                    # line 4: blank, skipped
        "vide;mini;\"Deux lignes\r\nde commentaire\"\r\n"  # lines 5–6: one row
        "partiel\r\n"                               # line 7: short, padded in values only
        "excellent;mini;x;y;\r\n"                   # line 8: too long, kept as is (minus the empty cell)
    ).encode("utf-8"))
    assert read_sheet(path) == sheet(path, header=("Apprenant", "DEVOIR", "Commentaire"), rows=[
        row(3, ("bon", "mini", "")),
        row(5, ("vide", "mini", "Deux lignes\r\nde commentaire"), last_line=6),
        row(7, ("partiel",)),
        row(8, ("excellent", "mini", "x", "y")),
    ])


def test_column_key_ignores_accents_case_spaces_and_bom():
    assert [column_key(name) for name in (" Critère ", "ÉQUIPE", "\ufeffapprenant", "modalité")] == [
        "critere", "equipe", "apprenant", "modalite",
    ]


def test_header_problems(tmp_path):
    path = write(tmp_path / "f.csv", "Apprenant;Critère;Note;critere;;\nbon;M1;3;M1\n".encode("utf-8"))
    found = read_sheet(path).header_problems(("apprenant", "devoir", "critere"), ("commentaire",))
    assert found == HeaderProblems(missing=("devoir",), unknown=("Note",), doubled=("critere",))
    assert bool(found) is True
    good = write(tmp_path / "g.csv", b"devoir;apprenant\n")
    assert bool(read_sheet(good).header_problems(("apprenant", "devoir"), ("commentaire",))) is False


def test_missing_column_in_the_header(tmp_path):
    path = write(tmp_path / "f.csv", b"devoir;equipe\nmini;A\n")
    assert read_sheet(path).header_problems(("devoir", "equipe", "apprenant")) == HeaderProblems(
        missing=("apprenant",), unknown=(), doubled=())


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b";;;\n ; \n"])
def test_empty_file_has_no_header_and_no_rows(tmp_path, data):
    path = write(tmp_path / "vide.csv", data)
    empty = read_sheet(path)
    assert (empty.header, empty.columns, empty.rows, empty.encoding) == ((), (), [], "utf-8")
    assert empty.header_problems(("apprenant",)) == HeaderProblems(missing=("apprenant",), unknown=(), doubled=())


def test_undecodable_bytes_are_refused(tmp_path):
    path = write(tmp_path / "f.csv", b"apprenant;commentaire\nbon;Tr\x81s bien\n")
    with pytest.raises(UndecodableSheet) as error:
        read_sheet(path)
    assert str(error.value) == UNREADABLE.format(path=path, byte="81", position=28)
    assert (error.value.byte, error.value.position) == (0x81, 28)
    assert isinstance(error.value, CourseError)


def test_utf16_is_refused_at_its_first_nul_byte(tmp_path):
    path = write(tmp_path / "f.csv", "apprenant;devoir\nbon;mini\n".encode("utf-16-le"))
    with pytest.raises(UndecodableSheet) as error:
        read_sheet(path)
    assert str(error.value) == UNREADABLE.format(path=path, byte="00", position=1)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(CourseError) as error:
        read_sheet(tmp_path / "absent.csv")
    assert str(error.value) == f"{tmp_path / 'absent.csv'} : fichier introuvable."
    with pytest.raises(CourseError) as error:
        read_sheet(tmp_path)
    assert str(error.value) == f"{tmp_path} : lecture impossible (Is a directory)."


def test_broken_csv_names_the_line(tmp_path):
    path = write(tmp_path / "f.csv", b"apprenant;commentaire\nbon;ok\nvide;" + b"x" * 200_000 + b"\n")
    with pytest.raises(CourseError) as error:
        read_sheet(path)
    assert str(error.value) == f"{path} : CSV illisible à la ligne 3 (field larger than field limit (131072))."
