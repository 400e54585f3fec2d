"""decode_bytes: encodings, BOMs, NULs, cut characters, line ends, invisibles, mojibake."""
import pytest

from analysis.decode import decode_bytes

TEXT = "Lukashenko’s visit to Beijing: “a new page”, café talks."


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
    (TEXT.encode("utf-32"), "utf-32"),
    (TEXT.encode("cp1252"), "cp1252"),
])
def test_encodings_decode_to_the_same_text(data, encoding):
    decoded = decode_bytes(data)
    assert (decoded.text, decoded.encoding) == (TEXT, encoding)


def test_legacy_code_page_is_reported():
    decoded = decode_bytes(TEXT.encode("cp1252"))
    assert any("not valid UTF-8" in w and "cp1252" in w for w in decoded.warnings)


def test_cyrillic_code_page_is_detected():
    text = "Президент Беларуси Александр Лукашенко встретился с председателем КНР Си Цзиньпином. " * 3
    assert decode_bytes(text.encode("cp1251")).text == text


def test_nul_bytes_are_removed_with_a_warning():
    decoded = decode_bytes(b"Hello\x00 world, this is text.")
    assert decoded.text == "Hello world, this is text."
    assert "NUL" in decoded.warnings[0]


def test_multibyte_character_cut_at_the_end():
    data = "Talks in Minsk ended – ".encode("utf-8") + "’".encode("utf-8")[:2]
    decoded = decode_bytes(data)
    assert decoded.text == "Talks in Minsk ended – "
    assert "cut off" in decoded.warnings[0]


def test_line_ends_and_invisible_characters_are_normalised():
    decoded = decode_bytes("One\r\nTwo\rThree\u200b Four\u202e\n".encode("utf-8"))
    assert decoded.text == "One\nTwo\nThree Four\n"
    assert decoded.invisible == "\u200b\u202e"


def test_mojibake_is_repaired_with_a_note():
    decoded = decode_bytes("Lukashenkoâ€™s visit".encode("utf-8"))
    assert decoded.text == "Lukashenko’s visit"
    assert "mojibake" in decoded.warnings[0]


def test_escaped_html_is_not_unescaped_by_the_repair():
    decoded = decode_bytes("Lukashenkoâ€™s &lt;script&gt;alert(1)&lt;/script&gt;".encode("utf-8"))
    assert "&lt;script&gt;" in decoded.text


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n\t \n", "white space"),
    (b"%PDF-1.7\n...", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    (bytes(range(256)) * 4, "binary"),
])
def test_non_text_is_skipped_with_a_reason(data, reason):
    decoded = decode_bytes(data)
    assert decoded.text is None
    assert reason in decoded.skipped
