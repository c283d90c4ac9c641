"""Reading input files: errors, size limits, binary sniffing and decoding."""

from __future__ import annotations

import codecs
import gzip
import os
import zipfile
from pathlib import Path

import pytest

from communique.errors import CODES, InputError
from communique.sources import MAX_INPUT_BYTES, decode_bytes, looks_like_html, read_path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _error(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        read_path(path)
    assert info.value.code in CODES
    assert "\n" not in info.value.one_line()
    return info.value


# ------------------------------------------------------------------ files


def test_plain_utf8_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", "Kono met Lavrov in Munich \u2014 1 hour.\n".encode())
    assert read_path(path) == ("Kono met Lavrov in Munich \u2014 1 hour.\n", [])
    assert read_path(str(path))[0].startswith("Kono")


def test_empty_file_is_empty_text_not_an_error(tmp_path: Path) -> None:
    assert read_path(_write(tmp_path, "empty.txt", b"")) == ("", [])


def test_missing_file(tmp_path: Path) -> None:
    err = _error(tmp_path / "nope.txt")
    assert err.code == "E101"
    assert err.source == str(tmp_path / "nope.txt")
    assert err.one_line().startswith(f"{tmp_path / 'nope.txt'}: E101")


def test_directory(tmp_path: Path) -> None:
    err = _error(tmp_path)
    assert err.code == "E104"
    assert "directory" in err.message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "secret.txt", b"text")
    path.chmod(0)
    try:
        err = _error(path)
    finally:
        path.chmod(0o644)
    assert err.code == "E104"
    assert "permission" in err.message


def test_ten_megabyte_text_is_accepted(tmp_path: Path) -> None:
    line = b"The two ministers agreed to meet again in the near future.\n"
    path = _write(tmp_path, "big.txt", line * (10_000_000 // len(line) + 1))
    assert path.stat().st_size > 10_000_000
    text, warnings = read_path(path)
    assert warnings == []
    assert len(text) == path.stat().st_size


def test_twenty_five_megabyte_file_is_rejected(tmp_path: Path) -> None:
    assert MAX_INPUT_BYTES == 20 * 1024 * 1024
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        chunk = b"x" * (1024 * 1024 - 1) + b"\n"
        for _ in range(25):
            handle.write(chunk)
    err = _error(path)
    assert err.code == "E103"
    assert "20 MiB" in err.message


# ------------------------------------------------------------------ binary


def test_nul_bytes_are_binary(tmp_path: Path) -> None:
    err = _error(_write(tmp_path, "blob.bin", b"abc\x00\x01\x02" + os.urandom(4096)))
    assert err.code == "E102"


def test_control_characters_are_binary(tmp_path: Path) -> None:
    err = _error(_write(tmp_path, "ctl.dat", b"text\x01\x02\x03\x04\x05\x06" * 100))
    assert err.code == "E102"
    assert "control characters" in err.message


def test_pdf_magic(tmp_path: Path) -> None:
    err = _error(
        _write(tmp_path, "readout.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    )
    assert err.code == "E102"
    assert err.message == "PDF input is not supported yet"


def test_zip_png_gzip_magic(tmp_path: Path) -> None:
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readout.txt", "The ministers met.")
    png = _write(tmp_path, "a.png", b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 20)
    gz = _write(tmp_path, "a.txt.gz", gzip.compress(b"The ministers met." * 10))
    assert "ZIP" in _error(archive).message
    assert "PNG" in _error(png).message
    assert "GZIP" in _error(gz).message
    assert {_error(p).code for p in (archive, png, gz)} == {"E102"}


def test_text_mentioning_pdf_is_not_binary(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", b"The report (%PDF-1.4 version) was published.\n")
    assert read_path(path)[0].startswith("The report")


# ------------------------------------------------------------------ decoding


def test_broken_utf8_is_replaced_with_a_warning(tmp_path: Path) -> None:
    data = "Caf\u00e9 talks in S\u00e3o Paulo \u2014 ".encode() + b"\xff\xfe ok"
    text, warnings = read_path(_write(tmp_path, "broken.txt", data))
    assert text == "Caf\u00e9 talks in S\u00e3o Paulo \u2014 \ufffd\ufffd ok"
    assert warnings == ["broken encoding: 2 bytes replaced"]


def test_undecodable_bytes_fall_back_with_warning() -> None:
    # 0x81 is undefined in cp1252 and invalid in UTF-8.
    text, warnings = decode_bytes(b"a\x81b")
    assert text == "a\ufffdb"
    assert warnings == ["broken encoding: 1 byte replaced"]


def test_boms() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + "\u00e9t\u00e9".encode()) == ("\u00e9t\u00e9", [])
    assert decode_bytes(codecs.BOM_UTF16_LE + "\u65e5\u9732".encode("utf-16-le")) == (
        "\u65e5\u9732",
        [],
    )
    assert decode_bytes(codecs.BOM_UTF16_BE + "Talks".encode("utf-16-be")) == ("Talks", [])


def test_utf16_without_bom_is_not_binary() -> None:
    assert (
        decode_bytes("The ministers met in Tokyo.".encode("utf-16-le"))[0]
        == "The ministers met in Tokyo."
    )


def test_line_ends_are_normalised() -> None:
    assert decode_bytes(b"one\r\ntwo\rthree\n") == ("one\ntwo\nthree\n", [])


def test_shift_jis_declared_by_meta(tmp_path: Path) -> None:
    html = '<html><head><meta charset="Shift_JIS"></head><body><p>\u65e5\u9732\u5916\u76f8\u4f1a\u8ac7\u3092\u884c\u3044\u307e\u3057\u305f</p></body></html>'
    text, warnings = read_path(_write(tmp_path, "sjis.html", html.encode("shift_jis")))
    assert "\u65e5\u9732\u5916\u76f8\u4f1a\u8ac7" in text
    assert warnings == []


def test_windows_1251_declared_by_http_equiv() -> None:
    html = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>\u041b\u0430\u0432\u0440\u043e\u0432</p>'
    assert "\u041b\u0430\u0432\u0440\u043e\u0432" in decode_bytes(html.encode("cp1251"))[0]


def test_iso_8859_1_label_means_windows_1252() -> None:
    data = b'<meta charset="iso-8859-1"><p>Minister\x92s visit</p>'
    assert "Minister\u2019s visit" in decode_bytes(data)[0]


def test_declared_charset_argument_wins() -> None:
    data = "<p>\u041c\u043e\u0441\u043a\u0432\u0430</p>".encode("koi8-r")
    assert "\u041c\u043e\u0441\u043a\u0432\u0430" in decode_bytes(data, declared="KOI8-R")[0]


def test_cp1252_fallback_without_declaration(tmp_path: Path) -> None:
    data = (
        "The Minister\u2019s meeting at the \u00c9lys\u00e9e \u2014 \u201cnew chapter\u201d".encode(
            "cp1252"
        )
    )
    text, warnings = read_path(_write(tmp_path, "legacy.txt", data))
    assert (
        text == "The Minister\u2019s meeting at the \u00c9lys\u00e9e \u2014 \u201cnew chapter\u201d"
    )
    assert warnings == []


def test_fixture_pages_decode() -> None:
    sjis, warnings = read_path(FIXTURES / "shift_jis_mofa.html")
    assert "\u65e5\u9732\u5916\u76f8\u4f1a\u8ac7" in sjis and warnings == []
    latin, warnings = read_path(FIXTURES / "windows_1252_visit.html")
    assert "Minister\u2019s visit" in latin and "\u00c9lys\u00e9e" in latin and warnings == []


# ------------------------------------------------------------------ HTML sniffing


def test_looks_like_html() -> None:
    assert looks_like_html("<!DOCTYPE html>\n<html><body><p>x</p></body></html>")
    assert looks_like_html("\n  <html lang='en'><p>x")
    assert looks_like_html("<div id='main'><h1>Talks</h1><p>The ministers met.</p></div>")
    assert not looks_like_html("Japan-Russia Relations\n\nFebruary 16, 2019\nThe ministers met.")
    assert not looks_like_html("")
    for path in FIXTURES.glob("*.html"):
        assert looks_like_html(read_path(path)[0]), path.name


def test_corpus_text_is_not_html() -> None:
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not available")
    for path in sorted(CORPUS.glob("*.txt")):
        text, warnings = read_path(path)
        assert warnings == [], path.name
        assert not looks_like_html(text), path.name
