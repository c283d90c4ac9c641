"""Reading one input safely: bytes from a file (later an HTTP body) to ``str``.

Needs: a path (or raw bytes and an optional declared charset).
Adds: the decoded text and a list of warnings (e.g. ``broken encoding: 3 bytes
replaced``). Every refusal is an :class:`~communique.errors.InputError` with a
stable code and a one-line message:

* E101 the file does not exist;
* E102 the content is binary (a known magic number such as PDF, ZIP, PNG or GZIP,
  NUL bytes, or too many control characters near the start);
* E103 the file is larger than :data:`MAX_INPUT_BYTES`;
* E104 the path is a directory or cannot be read.

Decoding cascade (:func:`decode_bytes`), first stage that succeeds wins:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE), or BOM-less UTF-16
   recognised by its alternating NUL bytes;
2. strict UTF-8;
3. the charset declared by the caller (an HTTP ``Content-Type`` header), then the
   one declared in the page itself (``<meta charset>``, ``<meta http-equiv>``,
   ``<?xml encoding?>``), decoded strictly, or with replacement and a warning when
   only a few bytes are broken;
4. "mostly UTF-8 with a few broken bytes" (valid multi-byte sequences outnumber
   the invalid bytes): UTF-8 with replacement and a warning;
5. strict cp1252 (the usual encoding of legacy Western pages);
6. UTF-8 with ``errors="replace"`` and the warning ``broken encoding: N bytes
   replaced``.

Line ends are normalised to ``\\n`` (as Python's text mode does) and a leading BOM
is dropped.
"""

from __future__ import annotations

import codecs
import os
import re
import select
import stat

from communique.errors import InputError

#: Largest input accepted, in bytes. Readouts are a few KB; the biggest real pages
#: with inline scripts are ~1 MB, so 20 MiB leaves room for long transcripts and
#: concatenated text while refusing accidental multi-GB inputs.
MAX_INPUT_BYTES = 20 * 1024 * 1024

#: How much of the start of the input the binary sniffer and charset sniffer read.
SNIFF_BYTES = 64 * 1024

#: Where a ``<meta charset>`` may appear (the HTML standard says the first 1024
#: bytes; real pages put it after long comments or scripts, so look further).
CHARSET_SNIFF_BYTES = 8 * 1024

#: Share of control bytes (other than tab, LF, CR, FF, VT and ESC) in the first
#: :data:`SNIFF_BYTES` above which the input is called binary. Text and HTML have
#: none; compressed or executable data has about 10% (26 of 256 byte values).
MAX_CONTROL_SHARE = 0.05

#: A declared charset that fails strictly is still used, with replacement and a
#: warning, when at most this share of the bytes is broken.
MAX_BROKEN_SHARE = 0.01

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its LE BOM starts with the UTF-16 LE BOM.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Known binary formats: (magic prefix, message). Checked before anything else.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF input is not supported yet"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB), not text or HTML"),
    (b"PK\x05\x06", "ZIP archive, not text or HTML"),
    (b"PK\x07\x08", "ZIP archive, not text or HTML"),
    (b"\x1f\x8b", "GZIP-compressed data, not text or HTML; decompress it first"),
    (b"\x89PNG\r\n\x1a\n", "PNG image, not text or HTML"),
    (b"\xff\xd8\xff", "JPEG image, not text or HTML"),
    (b"GIF87a", "GIF image, not text or HTML"),
    (b"GIF89a", "GIF image, not text or HTML"),
    (b"II*\x00", "TIFF image, not text or HTML"),
    (b"MM\x00*", "TIFF image, not text or HTML"),
    (b"BZh", "BZIP2-compressed data, not text or HTML; decompress it first"),
    (b"\xfd7zXZ\x00", "XZ-compressed data, not text or HTML; decompress it first"),
    (b"(\xb5/\xfd", "Zstandard-compressed data, not text or HTML; decompress it first"),
    (b"7z\xbc\xaf'\x1c", "7-Zip archive, not text or HTML"),
    (b"Rar!\x1a\x07", "RAR archive, not text or HTML"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document (DOC/XLS), not text or HTML"),
    (b"{\\rtf", "RTF document is not supported yet"),
    (b"\x7fELF", "executable file, not text or HTML"),
    (b"SQLite format 3\x00", "SQLite database, not text or HTML"),
)

_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
_CONTROL_TABLE = bytes(range(256))

_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING_RE = re.compile(
    rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)

#: Labels mapped as browsers do (WHATWG Encoding Standard): the Latin-1 and ASCII
#: labels mean windows-1252, Shift_JIS means its Windows superset cp932, and the
#: GB2312/GBK labels mean GB18030.
_CHARSET_ALIASES: dict[str, str] = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "x-euc-jp": "euc-jp",
}


def read_path(path: str | os.PathLike) -> tuple[str, list[str]]:
    """Read a text or HTML file and return ``(content, warnings)``.

    An empty file returns ``("", [])``. Raises :class:`InputError` for a missing
    file (E101), binary content (E102), a file over :data:`MAX_INPUT_BYTES` (E103),
    a directory or an unreadable file (E104).
    """
    source = os.fspath(path)
    data = read_path_bytes(source)
    try:
        return decode_bytes(data)
    except InputError as exc:
        exc.source = source
        raise


def read_path_bytes(path: str | os.PathLike) -> bytes:
    """The bytes of a file, as :func:`read_path` reads them (its E101, E103 and E104),
    not decoded."""
    source = os.fspath(path)
    try:
        st = os.stat(source)
    except FileNotFoundError:
        raise InputError("E101", "file not found", source=source) from None
    except NotADirectoryError:
        raise InputError(
            "E101", "file not found (a parent is not a directory)", source=source
        ) from None
    except OSError as exc:
        raise InputError("E104", f"cannot read file: {_reason(exc)}", source=source) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("E104", "is a directory, not a file", source=source)
    if stat.S_ISREG(st.st_mode) and st.st_size > MAX_INPUT_BYTES:
        raise InputError("E103", _too_large(st.st_size), source=source)
    if stat.S_ISFIFO(st.st_mode):  # a named FIFO, or a shell's pipe such as <(cmd)
        return _read_pipe(source)
    try:
        with open(source, "rb") as handle:
            # Bounded read: also protects against files growing while read, pipes
            # and devices that never end.
            data = handle.read(MAX_INPUT_BYTES + 1)
    except IsADirectoryError:
        raise InputError("E104", "is a directory, not a file", source=source) from None
    except OSError as exc:
        raise InputError("E104", f"cannot read file: {_reason(exc)}", source=source) from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError("E103", _too_large(None), source=source)
    return data


#: Seconds a FIFO or pipe named as an input may stay silent (no writer yet, or a writer
#: that stopped writing) before it is given up with an error: a writer started with the
#: command (``<(cmd)``, a writer already waiting on the FIFO) answers in milliseconds;
#: 10 s leaves room for a slow one on a loaded machine
PIPE_WAIT_S = 10.0
#: bytes read from a pipe at a time (its usual buffer size on Linux)
PIPE_PIECE = 64 * 1024


def _read_pipe(source: str) -> bytes:
    """The bytes of a FIFO (or a pipe's ``/dev/fd/N``) up to its end, waiting at most
    :data:`PIPE_WAIT_S` for each piece: opened non-blocking, so a FIFO no one writes to
    gives E104 instead of hanging (``open`` of a FIFO waits for a writer; ``read`` of
    a FIFO whose writer has not come yet says "end" at once, so the wait is a ``poll``)."""
    try:
        fd = os.open(source, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise InputError("E104", f"cannot read file: {_reason(exc)}", source=source) from None
    pieces: list[bytes] = []
    size = 0
    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        while True:
            if not poller.poll(PIPE_WAIT_S * 1000):
                raise InputError(
                    "E104",
                    f"a FIFO or pipe with no writer: nothing came in {PIPE_WAIT_S:g} s; not read",
                    source=source,
                )
            try:
                piece = os.read(fd, PIPE_PIECE)
            except BlockingIOError:
                continue
            except OSError as exc:
                raise InputError(
                    "E104", f"cannot read file: {_reason(exc)}", source=source
                ) from None
            if not piece:  # every writer has closed it
                break
            size += len(piece)
            if size > MAX_INPUT_BYTES:
                raise InputError("E103", _too_large(None), source=source)
            pieces.append(piece)
    finally:
        os.close(fd)
    return b"".join(pieces)


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode raw input bytes to ``(text, warnings)`` by the cascade in the module doc.

    ``declared`` is a charset named outside the bytes (an HTTP header); it is tried
    before the one a page declares itself. Raises :class:`InputError` E102 when the
    bytes are binary.
    """
    if not data:
        return "", []
    warnings: list[str] = []
    # 1. Byte-order marks (checked before the binary sniffer: UTF-16 has NULs).
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text, broken = _decode_counting(data[len(bom) :], encoding)
            if broken:
                warnings.append(_broken_warning(broken))
            return _normalise(text), warnings
    head = data[:SNIFF_BYTES]
    _check_magic(head)
    if b"\x00" in head:
        utf16 = _guess_utf16(head)
        if utf16:
            text, broken = _decode_counting(data, utf16)
            if broken:
                warnings.append(_broken_warning(broken))
            return _normalise(text), warnings
        raise InputError("E102", "binary file (NUL bytes), not text or HTML")
    _check_controls(head)
    # 2. Strict UTF-8.
    try:
        return _normalise(data.decode("utf-8")), warnings
    except UnicodeDecodeError:
        pass
    # 3. Declared charsets: the caller's, then the page's own.
    for label in (declared, sniff_declared_charset(data)):
        encoding = _python_encoding(label)
        if encoding is None or encoding == "utf-8":
            continue
        try:
            return _normalise(data.decode(encoding)), warnings
        except UnicodeDecodeError:
            pass
        text, broken = _decode_counting(data, encoding)
        if broken <= max(1, len(data) * MAX_BROKEN_SHARE):
            warnings.append(_broken_warning(broken) + f" (declared {label})")
            return _normalise(text), warnings
    # 4. Mostly valid UTF-8 with a few broken bytes.
    text, broken = _decode_counting(data, "utf-8")
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if multibyte >= broken:
        warnings.append(_broken_warning(broken))
        return _normalise(text), warnings
    # 5. Legacy Western pages.
    try:
        return _normalise(data.decode("cp1252")), warnings
    except UnicodeDecodeError:
        pass
    # 6. Last resort.
    warnings.append(_broken_warning(broken))
    return _normalise(text), warnings


def sniff_declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (meta tag or XML prolog), or None."""
    head = data[:CHARSET_SNIFF_BYTES]
    match = _XML_ENCODING_RE.match(head) or _META_CHARSET_RE.search(head)
    if match:
        return match.group(1).decode("ascii", "replace").strip().lower()
    return None


_HTML_START_RE = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_HTML_TAG_RE = re.compile(
    r"<(?:html|head|body|meta|title|p|div|br|h[1-6]|table|ul|ol|li|span|a\s|section|article|main|link|script)\b",
    re.IGNORECASE,
)

#: Distinct HTML tags near the start needed to call content HTML when it has no
#: doctype or ``<html>``. A plain-text readout never has three.
MIN_HTML_TAGS = 3


def looks_like_html(content: str) -> bool:
    """True when ``content`` is HTML: a doctype or ``<html`` at the start, or several
    block/markup tags within the first 4 KB."""
    head = content[:4096].lstrip("\ufeff")
    if _HTML_START_RE.match(head) or "<html" in head[:1024].lower():
        return True
    return len(_HTML_TAG_RE.findall(head)) >= MIN_HTML_TAGS


# --------------------------------------------------------------------------- helpers


def _check_magic(head: bytes) -> None:
    stripped = head.lstrip(b" \t\r\n")
    for magic, message in _MAGIC:
        if stripped.startswith(magic) or head.startswith(magic):
            if magic == b"BZh" and head[4:10] not in (b"1AY&SY", b"\x17rE8P\x90"):
                continue
            raise InputError("E102", message)
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        raise InputError("E102", "WEBP image, not text or HTML")


def _check_controls(head: bytes) -> None:
    controls = len(head) - len(head.translate(_CONTROL_TABLE, _CONTROL_BYTES))
    if controls and controls > len(head) * MAX_CONTROL_SHARE:
        share = 100 * controls / len(head)
        raise InputError("E102", f"binary file ({share:.0f}% control characters), not text or HTML")


def _guess_utf16(head: bytes) -> str | None:
    """UTF-16 without BOM: most ASCII characters leave a NUL at every other byte."""
    sample = head[: len(head) & ~1]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        encoding = "utf-16-le"
    elif even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        sample.decode(encoding)
    except UnicodeDecodeError:
        return None
    return encoding


def _decode_counting(data: bytes, encoding: str) -> tuple[str, int]:
    """Decode with one U+FFFD per undecodable byte; return the text and that count."""
    try:
        return data.decode(encoding), 0
    except UnicodeDecodeError:
        pass
    text = data.decode(encoding, "surrogateescape")
    broken = 0

    def _replace(match: re.Match[str]) -> str:
        nonlocal broken
        broken += len(match.group())
        return "\ufffd" * len(match.group())

    text = _SURROGATES_RE.sub(_replace, text)
    if not broken:  # a codec without surrogateescape support for some sequences
        text = data.decode(encoding, "replace")
        broken = text.count("\ufffd")
    return text, broken


_SURROGATES_RE = re.compile("[\udc80-\udcff]+")


def _python_encoding(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in ("utf-16", "utf-32", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        # A page that declares UTF-16 in ASCII bytes is in fact ASCII-compatible.
        return None
    return {
        "latin-1": "cp1252",
        "iso8859-1": "cp1252",
        "ascii": "cp1252",
        "shift_jis": "cp932",
    }.get(name, name)


def _normalise(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _broken_warning(count: int) -> str:
    return f"broken encoding: {count} byte{'s' if count != 1 else ''} replaced"


def _too_large(size: int | None) -> str:
    limit = MAX_INPUT_BYTES // (1024 * 1024)
    if size is None:
        return f"file too large (over the {limit} MiB limit)"
    return f"file too large ({size / (1024 * 1024):.1f} MiB, limit {limit} MiB)"


def _reason(exc: OSError) -> str:
    return (exc.strerror or exc.__class__.__name__).lower()


def read_sources_tsv(path: str | os.PathLike) -> dict[str, str]:
    """File name -> URL from a sources file: ``name<TAB>url`` a line, an optional
    ``file<TAB>url`` header, ``#`` comments (the form of ``eval/dev/SOURCES.tsv``).

    Raises :class:`InputError` (E106) for a line that is not a name and an http(s) URL.
    """
    content, _warnings = read_path(path)
    table: dict[str, str] = {}
    for number, line in enumerate(content.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if number == 1 and [c.lower() for c in cells[:2]] == ["file", "url"]:
            continue
        if len(cells) < 2 or not cells[0] or not cells[1].startswith(("http://", "https://")):
            raise InputError(
                "E106", f"line {number} is not 'file name<TAB>http(s) URL'", source=os.fspath(path)
            )
        table[os.path.basename(cells[0])] = cells[1]
    return table


def url_for(path: str | os.PathLike, sources: dict[str, str]) -> str | None:
    """The URL a sources table gives for ``path`` (matched on its file name)."""
    return sources.get(os.path.basename(os.fspath(path)))
