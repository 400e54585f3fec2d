"""decode_bytes: encodings, BOMs, NULs, cut characters, line ends, invisibles, mojibake."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.corpus.decode import alphabet_fit, decode_bytes, plausibility

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


# --- Legacy code pages: which one, and how sure --------------------------------------------------------------

# Short news sentences written for these tests, one per language and code page. "Long" repeats them 12 times.
SAMPLES = [
    ("The club agreed a fee of £15.8m for the striker on Tuesday.", "cp1252", {"cp1252"}),
    ("“We will win,” the coach said – and they didn’t stop.", "cp1252", {"cp1252"}),
    ("Le président a déclaré à la presse que l’économie française connaît une période difficile.",
     "cp1252", {"cp1252"}),
    ("Regeringen meddelade på tisdagen att skatten höjs nästa år, och oppositionen är kritisk.", "cp1252", {"cp1252"}),
    ("El presidente dijo que la economía crecerá este año y que los niños recibirán más ayudas.",
     "latin_1", {"cp1252", "latin_1"}),
    ("Der Kanzler sagte am Montag, dass die Gespräche über die Energieversorgung fortgesetzt würden.",
     "latin_1", {"cp1252", "latin_1"}),
    ("Prezydent powiedział w środę, że rząd będzie kontynuował rozmowy. Wałęsa skrytykował tę decyzję w Łodzi.",
     "cp1250", {"cp1250"}),
    ("Předseda vlády v úterý řekl, že Česká republika podpoří návrh komise. Opozice však kritizuje daně.",
     "cp1250", {"cp1250"}),
    ("Der Bundeskanzler sagte, die Bürger müssten sich auf höhere Preise einstellen. Über die Maßnahmen später.",
     "mac_roman", {"mac_roman"}),
    ("O ministro disse que a inflação caiu em março, mas a população ainda não sente a diferença.",
     "mac_roman", {"mac_roman"}),
    ("Cumhurbaşkanı salı günü yaptığı açıklamada, ekonominin gelecek yıl büyüyeceğini söyledi.", "cp1254", {"cp1254"}),
    ("Президент заявил во вторник, что переговоры будут продолжены на следующей неделе в Москве.",
     "koi8_r", {"koi8_r"}),
    ("Президент заявил во вторник, что переговоры будут продолжены на следующей неделе в Москве.",
     "cp1251", {"cp1251"}),
    ("東京で火曜日、首相は記者団に対し、経済対策を来週発表すると述べた。", "shift_jis", {"cp932", "shift_jis"}),
    ("中国外交部发言人周二表示，双方将在下周继续举行会谈。", "gb18030", {"gb18030"}),
    ("台灣行政院長週二表示，政府將在下週公布新的經濟政策。", "big5", {"big5", "cp950"}),
]


@pytest.mark.parametrize("repeat", [1, 12], ids=["short", "long"])
@pytest.mark.parametrize("text, encoding, accepted", SAMPLES, ids=lambda v: v if isinstance(v, str) and
                         len(v) < 12 else None)
def test_legacy_code_pages_decode_to_the_text(text, encoding, accepted, repeat):
    decoded = decode_bytes((text * repeat).encode(encoding))
    assert decoded.text == text * repeat
    assert decoded.encoding in accepted
    assert decoded.confidence in ("likely", "guess")
    assert any(w.startswith("not valid UTF-8") and decoded.encoding in w for w in decoded.warnings)


@pytest.mark.parametrize("text, encoding, accepted", [s for s in SAMPLES if s[1] not in ("cp1254", "big5")])
def test_long_legacy_text_is_likely_not_a_guess(text, encoding, accepted):
    assert decode_bytes((text * 12).encode(encoding)).confidence == "likely"


@pytest.mark.parametrize("text, encoding", [
    ("The mayor—who had promised a vote—didn’t call one, and the council’s members walked out.", "cp1252"),
    ("Talks with O’Brien and the Élysée resumed; l’accord reste fragile.", "cp1252"),
    ("Regina María Sivori left Medellín on Tuesday, her lawyer said.", "mac_roman"),
    ("Critics called it a “farce” — and the minister didn’t answer.", "mac_roman"),
])
def test_dashes_apostrophes_and_names_come_back(text, encoding):
    assert decode_bytes((text * 3).encode(encoding)).text == text * 3


def test_a_single_pound_sign_is_latin_and_called_a_guess():
    decoded = decode_bytes("Shares fell after the £15.8m deal was announced on Monday.".encode("cp1252"))
    assert decoded.text.count("£15.8m") == 1
    assert (decoded.encoding, decoded.confidence) == ("cp1252", "guess")
    assert "decoded as cp1252 (a guess from 1 non-ASCII byte: check the £)" in decoded.warnings[0]


@pytest.mark.parametrize("data, encoding", [
    ("Plain ASCII text.".encode("ascii"), "utf-8"),
    ("Café in UTF-8.".encode("utf-8"), "utf-8"),
    ("\ufeffA BOM.".encode("utf-8"), "utf-8-sig"),
    ("A BOM in UTF-16.".encode("utf-16"), "utf-16"),
])
def test_utf_and_boms_are_certain(data, encoding):
    decoded = decode_bytes(data)
    assert (decoded.encoding, decoded.confidence, decoded.warnings) == (encoding, "certain", [])


def test_utf16_without_a_bom_is_likely():
    assert decode_bytes("No byte-order mark here.".encode("utf-16-le")).confidence == "likely"


@pytest.mark.parametrize("better, worse", [
    ("a fee of £15.8m", "a fee of Ł15.8m"),
    ("the café opened", "the cafŽ opened"),
    ("“We will win”", "ìWe will winî"),
    ("prices – and wages", "prices ñ and wages"),
    ("Wałęsa said", "Wa³êsa said"),
    ("talks with O’Brien", "talks with OíBrien"),
    ("Regina María", "Regina Mar’a"),
])
def test_plausibility_prefers_letters_in_words_and_signs_in_place(better, worse):
    assert plausibility(better) > plausibility(worse)


@pytest.mark.parametrize("text, fit", [
    ("Le président a déclaré à la presse", 1.0),
    ("Předseda vlády v úterý řekl", 1.0),
    ("Pøedseda vlády v úterý øekl daì", 0.5),  # Czech read as cp1252: no alphabet has ø, ý and ì
    ("No accents at all", 1.0),
])
def test_alphabet_fit(text, fit):
    assert alphabet_fit(text) == pytest.approx(fit)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=600))
def test_decode_bytes_never_raises_on_any_bytes(data):
    decoded = decode_bytes(data)
    assert (decoded.text is None) == (decoded.skipped is not None)
    assert decoded.confidence in ("certain", "likely", "guess")


ENCODINGS = ["utf-8", "utf-16", "cp1252", "cp1250", "mac_roman", "koi8_r", "shift_jis", "gb18030", "big5", "latin_1"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from(ENCODINGS))
def test_decode_bytes_never_raises_on_encoded_text(text, encoding):
    data = text.encode(encoding, errors="ignore")
    decoded = decode_bytes(data)
    assert decoded.text is not None or decoded.skipped
