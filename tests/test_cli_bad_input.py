"""Bad and odd input through the real console script: exit codes, one-line errors, warnings.

Exit codes (cli.py): 0 all inputs processed; 1 at least one input could not be read
(each named on stderr in one line, the others still processed); 2 bad usage. Whatever
happens, stderr never holds a traceback.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from _contract import jsonl, run_cli, schema_errors, span_problems

#: A readout written for these tests (real offices, invented wording).
READOUT = (
    "Japan-Russia Foreign Ministers' Meeting\n\n"
    "March 3, 2018\n\n"
    "On March 3, Mr. Taro Kono, Minister for Foreign Affairs of Japan, held a meeting with "
    "Mr. Sergey Lavrov, Minister of Foreign Affairs of Russia, in Tokyo for about one hour. "
    "The two ministers discussed the peace treaty issue.\n"
)

#: Generous: the 10 MB run takes ~2 s on one core.
BIG_TIMEOUT = 90


def cli(*args: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    proc = run_cli(*args, timeout=timeout)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def one_object(proc: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert isinstance(result, dict)
    assert schema_errors(result) == []
    assert span_problems(result) == []
    return result


def error_lines(proc: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in proc.stderr.splitlines() if line.strip()]


def assert_one_error(proc: subprocess.CompletedProcess[str], path: Path, code: str) -> None:
    lines = error_lines(proc)
    assert len(lines) == 1, proc.stderr
    assert str(path) in lines[0]
    assert f" {code} " in lines[0], lines[0]
    assert lines[0].startswith("communique: ")


# --------------------------------------------------------------------------- readable input


def test_good_readout(tmp_path: Path) -> None:
    result = one_object(cli("extract", write(tmp_path, "a.txt", READOUT)))
    assert len(result["engagements"]) == 1
    assert result["warnings"] == []


def test_empty_file(tmp_path: Path) -> None:
    proc = cli("extract", write(tmp_path, "empty.txt", b""))
    result = one_object(proc)
    assert result["engagements"] == []
    assert result["document"]["text"] == ""
    assert any("empty" in w for w in result["warnings"]), result["warnings"]
    assert proc.stderr == ""


def test_whitespace_only_file(tmp_path: Path) -> None:
    result = one_object(cli("extract", write(tmp_path, "blank.txt", "\n  \n\t\n")))
    assert result["engagements"] == []
    assert any("empty" in w for w in result["warnings"]), result["warnings"]


def test_html_page_with_no_readout(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<title>Regions | A Ministry</title><script>var menu = 1;</script></head><body>"
        "<header><a href='/'>A Ministry</a></header>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/policy/'>Policy</a></li>"
        "<li><a href='/regions/'>Regions</a></li></ul></nav>"
        "<footer><a href='/sitemap/'>Sitemap</a> <a href='/contact/'>Contact</a></footer>"
        "</body></html>\n"
    )
    result = one_object(cli("extract", write(tmp_path, "nav.html", page)))
    assert result["engagements"] == []
    assert result["warnings"], "a page with no readable text should say so"


def test_html_readout(tmp_path: Path) -> None:
    body = READOUT.split("\n\n", 2)
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>A Ministry</title></head>"
        "<body><nav><a href='/'>Home</a></nav><main>"
        f"<h1>{body[0]}</h1><p>{body[1]}</p><p>{body[2].strip()}</p>"
        "</main><footer>Sitemap</footer></body></html>"
    )
    result = one_object(cli("extract", write(tmp_path, "page.html", page)))
    assert len(result["engagements"]) == 1
    assert "<p>" not in result["document"]["text"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "fr",
            "Le 3 mars, le ministre des Affaires étrangères a rencontré son homologue "
            "allemand à Paris. Les deux ministres ont discuté de la coopération entre les "
            "deux pays et de la situation dans la région.\n",
        ),
        (
            "de",
            "Am 3. März traf der Außenminister seinen französischen Amtskollegen in Berlin. "
            "Die beiden Minister sprachen über die Zusammenarbeit zwischen den beiden Ländern "
            "und die Lage in der Region.\n",
        ),
    ],
)
def test_non_english_text_is_named_in_a_warning(tmp_path: Path, lang: str, text: str) -> None:
    result = one_object(cli("extract", write(tmp_path, f"{lang}.txt", text)))
    assert result["document"]["language"] == lang
    assert result["engagements"] == []
    assert any(f"'{lang}'" in w for w in result["warnings"]), result["warnings"]


def test_russian_text_is_read_by_its_own_stages(tmp_path: Path) -> None:
    """Japanese and Russian readouts are extracted (issue 11), not only named in a warning."""
    text = (
        "16 февраля министр иностранных дел России встретился с министром иностранных "
        "дел Японии в Мюнхене.\n"
    )
    result = one_object(cli("extract", write(tmp_path, "ru.txt", text)))
    assert result["document"]["language"] == "ru"
    (eng,) = result["engagements"]
    assert sorted(p["country"] for p in eng["participants"]) == ["JPN", "RUS"]
    assert eng["place"] == {"name": "Munich", "country": "DEU"}
    assert eng["date"] is None  # a day without a year and no date line


def test_broken_utf8_is_read_with_a_warning(tmp_path: Path) -> None:
    # valid UTF-8 (an em dash, curly quotes, a macron) with three broken bytes in it
    data = READOUT.replace("Kono", "K\u014dno").replace(" in Tokyo", " \u2014 in Tokyo").encode()
    data = data.replace(b"peace treaty", b"peace \xc3\x28treaty \xe2\x82")
    proc = cli("extract", write(tmp_path, "broken.txt", data))
    result = one_object(proc)
    assert any("broken encoding" in w for w in result["warnings"]), result["warnings"]
    assert "\ufffd" in result["document"]["text"]
    assert len(result["engagements"]) == 1


def test_ten_megabyte_text_completes_with_a_scan_warning(tmp_path: Path) -> None:
    paragraph = READOUT.split("\n\n", 2)[2] + "\n"
    path = tmp_path / "big.txt"
    path.write_text(READOUT + paragraph * (10 * 1024 * 1024 // len(paragraph)), encoding="utf-8")
    assert path.stat().st_size >= 10 * 1024 * 1024
    start = time.monotonic()
    proc = cli("extract", "--format", "jsonl", path, timeout=BIG_TIMEOUT)
    elapsed = time.monotonic() - start
    assert proc.returncode == 0, proc.stderr
    assert elapsed < BIG_TIMEOUT
    (result,) = jsonl(proc.stdout)
    assert any("looked for in the first" in w for w in result["warnings"]), result["warnings"]
    assert result["engagements"], "the readout at the start is still read"
    assert span_problems(result) == []


# --------------------------------------------------------------------------- unreadable input


def test_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path, "blob.bin", bytes(range(256)) * 64)
    proc = cli("extract", "--format", "jsonl", path)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert_one_error(proc, path, "E102")


def test_pdf_file(tmp_path: Path) -> None:
    data = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(200)
    path = write(tmp_path, "readout.pdf", data)
    proc = cli("extract", "--format", "jsonl", path)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert_one_error(proc, path, "E102")
    assert "PDF" in proc.stderr


def test_pdf_with_default_format(tmp_path: Path) -> None:
    path = write(tmp_path, "readout.pdf", b"%PDF-1.4\n" + bytes(64))
    proc = cli("extract", path)
    assert proc.returncode == 1
    assert_one_error(proc, path, "E102")


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "no-such-readout.txt"
    proc = cli("extract", "--format", "jsonl", path)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert_one_error(proc, path, "E101")


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    proc = cli("extract", "--format", "jsonl", folder)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert_one_error(proc, folder, "E104")
    assert "directory" in proc.stderr


def test_batch_with_one_bad_file_among_good_ones(tmp_path: Path) -> None:
    good1 = write(tmp_path, "one.txt", READOUT)
    bad = write(tmp_path, "two.pdf", b"%PDF-1.4\n" + bytes(64))
    good2 = write(tmp_path, "three.txt", READOUT.replace("March 3", "March 4"))
    proc = cli("extract", "--format", "jsonl", good1, bad, good2)
    assert proc.returncode == 1
    results = jsonl(proc.stdout)
    assert [r["document"]["source"] for r in results] == [str(good1), str(good2)]
    assert [r["engagements"][0]["date"] for r in results] == ["2018-03-03", "2018-03-04"]
    assert_one_error(proc, bad, "E102")


def test_batch_with_a_missing_file_in_json_format(tmp_path: Path) -> None:
    good = write(tmp_path, "one.txt", READOUT)
    missing = tmp_path / "gone.txt"
    proc = cli("extract", good, missing)
    assert proc.returncode == 1
    results = json.loads(proc.stdout)
    assert isinstance(results, list)
    assert [r["document"]["source"] for r in results] == [str(good)]
    assert_one_error(proc, missing, "E101")


# --------------------------------------------------------------------------- formats


def test_json_with_one_path_is_an_object(tmp_path: Path) -> None:
    proc = cli("extract", "--format", "json", write(tmp_path, "a.txt", READOUT))
    assert isinstance(one_object(proc), dict)


def test_json_with_two_paths_is_an_array(tmp_path: Path) -> None:
    a = write(tmp_path, "a.txt", READOUT)
    b = write(tmp_path, "b.txt", READOUT)
    proc = cli("extract", "--format", "json", a, b)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    assert isinstance(results, list)
    assert [r["document"]["source"] for r in results] == [str(a), str(b)]
    for r in results:
        assert schema_errors(r) == []


def test_summary_format(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", READOUT)
    proc = cli("extract", "--format", "summary", path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(f"{path}: 2018-03-03")
    assert any("Kono" in line and "Lavrov" in line and "60 min" in line for line in lines[1:])


# --------------------------------------------------------------------------- usage


def assert_usage_error(proc: subprocess.CompletedProcess[str]) -> None:
    assert proc.returncode == 2
    assert "usage:" in proc.stderr
    assert proc.stdout == ""


def test_no_arguments() -> None:
    assert_usage_error(cli())


@pytest.mark.parametrize(
    "args",
    [
        ["--bogus"],
        ["extract"],
        ["extract", "--format", "xml", "a.txt"],
        ["extract", "--bogus", "a.txt"],
        ["eval"],
        ["frobnicate"],
    ],
    ids=[
        "bad-flag",
        "extract-no-path",
        "bad-format",
        "extract-bad-flag",
        "eval-no-dir",
        "bad-command",
    ],
)
def test_bad_usage(args: list[str]) -> None:
    assert_usage_error(cli(*args))


def test_help_and_version_exit_zero() -> None:
    proc = cli("--help")
    assert proc.returncode == 0
    assert "extract" in proc.stdout
    proc = cli("--version")
    assert proc.returncode == 0
    assert proc.stdout.startswith("communique ")


def test_eval_of_a_missing_directory(tmp_path: Path) -> None:
    proc = cli("eval", tmp_path / "nowhere")
    assert proc.returncode == 1
    assert_one_error(proc, tmp_path / "nowhere", "E105")
