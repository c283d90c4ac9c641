"""Where a readout was published: ``extract --source URL`` / ``--sources FILE.tsv`` and
the HTML's canonical link give the document its URL and, through the web domain, its
publisher; ``eval`` reads ``SOURCES.tsv`` beside the gold files and scores by publisher."""

from __future__ import annotations

import json
from pathlib import Path

from _contract import DEV, need_shared, run_cli
from communique import extract
from communique.evaluation import publisher_of, read_split

TEXT = "The Prime Minister spoke to French President Emmanuel Macron this evening.\n"


def test_the_url_names_the_publisher_and_is_kept() -> None:
    out = extract(TEXT, source="a.txt", url="https://www.gov.uk/government/news/pm-call")
    assert out["document"]["url"] == "https://www.gov.uk/government/news/pm-call"
    assert out["document"]["source"] == "a.txt"
    assert out["document"]["publisher"] == "GBR"
    assert "url" not in extract(TEXT, source="a.txt")["document"]


def test_a_canonical_link_is_the_url_of_a_saved_page() -> None:
    html = (
        '<html><head><title>PM call</title><link rel="canonical" '
        'href="https://www.gov.uk/government/news/pm-call"></head>'
        f"<body><main><h1>PM call</h1><p>{TEXT}</p></main></body></html>"
    )
    out = extract(html, source="saved.html")
    assert out["document"]["url"] == "https://www.gov.uk/government/news/pm-call"
    assert out["document"]["publisher"] == "GBR"


def test_extract_takes_a_source_or_a_sources_file(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(TEXT, encoding="utf-8")
    b.write_text(TEXT, encoding="utf-8")
    proc = run_cli("extract", "--source", "https://www.gov.uk/x", a)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["document"]["publisher"] == "GBR"

    table = tmp_path / "SOURCES.tsv"
    table.write_text("file\turl\na.txt\thttps://www.gov.uk/x\n", encoding="utf-8")
    proc = run_cli("extract", "--format", "jsonl", "--sources", table, a, b)
    assert proc.returncode == 0, proc.stderr
    docs = [json.loads(line)["document"] for line in proc.stdout.splitlines()]
    assert [d.get("url") for d in docs] == ["https://www.gov.uk/x", None]

    # mistakes: one line, no traceback
    for args, code in (
        (("--source", "https://www.gov.uk/x", a, b), 2),  # one URL for two files
        (("--source", "www.gov.uk/x", a), 2),  # not a URL
        (("--sources", tmp_path / "missing.tsv", a), 1),
    ):
        proc = run_cli("extract", *args)
        assert proc.returncode == code, (args, proc.stderr)
        assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    table.write_text("a.txt no tab here\n", encoding="utf-8")
    proc = run_cli("extract", "--sources", table, a)
    assert proc.returncode == 1 and "E106" in proc.stderr


def test_eval_by_publisher_and_a_frozen_split(tmp_path: Path) -> None:
    need_shared(DEV)
    split = Path(__file__).with_name("heldout_publishers.txt")
    proc = run_cli("eval", DEV, "--by-publisher")
    assert proc.returncode == 0, proc.stderr
    rows = {line.split()[0]: line for line in proc.stdout.splitlines()[1:]}
    assert {"mofa", "govuk", "state", "all"} <= set(rows)
    held = run_cli("eval", DEV, "--only", split, "--json")
    rest = run_cli("eval", DEV, "--exclude", split, "--json")
    names = {d["name"] for d in json.loads(held.stdout)["documents"]}
    others = {d["name"] for d in json.loads(rest.stdout)["documents"]}
    assert names and others and not names & others
    assert len(names | others) == len(list(DEV.glob("*.gold.json")))
    held_out = read_split(split)
    assert {publisher_of(n) for n in names} == held_out
    assert not {publisher_of(n) for n in others} & held_out


def test_eval_by_genre() -> None:
    from communique.evaluation import genre_of

    assert (
        genre_of("Remarks\n\nSECRETARY BLINKEN: Thank you.\n\nMINISTER HAYASHI: Thank you.\n")
        == "transcript"
    )
    assert genre_of("New Delhi, Oct 6 (PTI) The minister met his counterpart.") == "news"
    assert genre_of("I travelled to London. We had a good meeting. I raised trade.") == "remarks"
    assert genre_of("Visit of the Minister to Japan\n\nHe met A. He also met B.") == "visit report"
    assert (
        genre_of("Japan-Russia Foreign Ministers' Meeting\n\nMinister Kono met Minister Lavrov.")
        == "press release"
    )
    need_shared(DEV)
    proc = run_cli("eval", DEV, "--by-genre")
    assert proc.returncode == 0, proc.stderr
    assert {"press release", "all"} <= {line[:14].strip() for line in proc.stdout.splitlines()[1:]}
