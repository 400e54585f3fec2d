"""Quotation marks and the spans they enclose, and whether a span is speech, a scare quote or a title.

Marks are read per paragraph. A mark's role comes from its neighbours more than from its glyph, because
scraped and spun text often curls the wrong way (``Xinhua,” China is…``) and German closes with ``“``:

- a mark with a space (or the paragraph start, a bracket or a dash) before it and a letter after it *opens*;
- a mark with a letter or punctuation before it and a space, punctuation or the end after it *closes*;
- anything else (`` " `` between spaces, as in exports whose commas were removed) is *either*.

Pairing walks the marks in order. An opening mark inside an open quote is the news convention for a
quote that runs over several paragraphs (each paragraph opens with a mark, only the last closes), in text
whose paragraph breaks were lost: the running quote ends with the sentence before the new mark and the new
one continues it (same ``chain``). A closing mark with nothing open opens instead when another mark follows
(a mis-curled opener); the last one of a paragraph closes a quote that started with its sentence. A quote
left open runs to the end of its paragraph, and continues into the next paragraph when that one opens
with a mark; in a paragraph so long that its breaks were probably lost, it ends with its sentence.

Inch and foot marks (``30" of snow``, ``6' 4"``), apostrophes (``don't``, ``Fans’ anger``, ``'80s``,
``rock 'n' roll``) never open a quote. Single marks count only as pairs (``‘…’``), not as apostrophes.

Each span is then typed (:func:`span_kind`): ``title`` (a Title-Case name: films, songs, reports,
slogans, or after a cue such as "film" or "titled"), ``scare`` (a short phrase with no sign of speech:
"so-called", a modifier as in ``an "all-weather" partnership``, no verb of saying before it), or
``speech`` (four words or more, sentence punctuation inside, or a verb of saying before it).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from analysis.resources.wordlists import speech_verbs
from analysis.text.patterns import alternation

OPEN_DOUBLE = "“„‟«「『"
CLOSE_DOUBLE = "”»」』"
EITHER_DOUBLE = '"″'
OPEN_SINGLE = "‘‚‹"
CLOSE_SINGLE = "’›"
EITHER_SINGLE = "'"
_DOUBLE_RE = re.compile(f"[{OPEN_DOUBLE}{CLOSE_DOUBLE}{EITHER_DOUBLE}]")
_SINGLE_RE = re.compile(f"[{OPEN_SINGLE}{CLOSE_SINGLE}{EITHER_SINGLE}]")
_ANY_MARK_RE = re.compile(f"[{OPEN_DOUBLE}{CLOSE_DOUBLE}{EITHER_DOUBLE}{OPEN_SINGLE}{CLOSE_SINGLE}{EITHER_SINGLE}]")
_OPENERS_BEFORE = frozenset(" \t\n([{–—-/:" + OPEN_DOUBLE + OPEN_SINGLE + EITHER_DOUBLE)
_CJK = frozenset("「『」』")
_WORD_RE = re.compile(r"\w+")
# Punctuation followed by nothing but non-words to the end; tried from the last mark only (the same answer:
# whether one exists), so that a run of marks is linear.
_FINAL_PUNCT_RE = re.compile(r"[.!?…,;:][^\w.!?…,;:]*+$")
_INNER_PUNCT_RE = re.compile(r"[.!?…]\s")
_SPEECH_ENDINGS = frozenset(",.!?…")
_END_PUNCT_RE = re.compile(r"[,.!?…][^\w,.!?…]*+$")  # "He smiled," she said: speech ends with its punctuation
_FRAGMENT_CUES = frozenset("termed branded labelled labeled dismissed hailed praised criticised criticized "
                           "condemned accused expressed as saying quoted according".split())
LONG_PARAGRAPH_SENTENCES = 8  # a "paragraph" of more sentences probably lost its breaks
MIN_SPEECH_WORDS = 4

_TITLE_CUE_RE = re.compile(
    r"(?i:\b(?:film|movie|documentary|album|song|single|track|hit|book|novel|memoir|biography|play|musical|"
    r"opera|show|series|sitcom|programme|program|podcast|poem|painting|exhibition|report|paper|study|"
    r"campaign|slogan|motto|hashtag|operation|project|initiative|plan|strategy|policy|bill|act|brand|"
    r"titled|entitled|called|named|dubbed|nicknamed|nickname|code-?named|known(?:\s+[\w'’-]+){0,3}?\s+as|billed as|"
    r"headlined|"
    r"collection|anthology|EP|mixtape|itself|themselves)\b)"
    r"[^.!?;:\w]{0,3}(?:\w+[^.!?;:\w]{1,3}){0,2}$")
_COORDINATION_RE = re.compile(r"\s*(?:,|and|or|,\s*and|,\s*or)\s*")
_SLOGAN_CUE_RE = re.compile(r"(?i:\b(?:reading|read|chanting|chanted|slogans?|mottos?|hashtags?|titled|entitled|"
                            r"headlined|emblazoned with|bearing the words)[^.!?;:\w]{0,3}(?:\w+[^.!?;:\w]{1,3}){0,3}$)")
_SCARE_CUE_RE = re.compile(r"(?i:\b(?:so-called|so called|self-styled|dubbed|nicknamed|known as|"
                           r"what(?:\s+[\w'’-]+){1,3}?\s+(?:call|calls|called|term|terms|termed|dubbed|describes? as|"
                           r"described as)(?:\s+(?:the|a|an|it))?|"
                           r"call(?:s|ed|ing)?\s+(?:it|them|him|her|this|that|itself|themselves)\s+(?:the|an?))"
                           r"\s*$)")  # "what the commission called", "critics called it the "…""
_BILLED_RE = re.compile(r"(?i:\b(?:bill|bills|billed|billing|market|markets|marketed|advertised|branded|"
                        r"promoted|sold)(?:\s+[\w'’-]+){0,3}?\s+as\s*$)")  # posters bill it as "the …"
_DET_NOUN_BEFORE_RE = re.compile(r"(?:\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur|[Tt]his|[Tt]hat)|[’']s)"
                                 r"(?:\s+[a-z][\w-]*){0,2}\s*$")
_NOT_NOUNS = frozenset("today yesterday tonight last next this every each throughout that which who whom whose "
                       "than then there here also only just even still too very he she it they we i you the a an "
                       "his her their its our my your these those".split())
_VERB_SLOT = frozenset("would will could should can may might must shall did does do had has have was were is are be been "
                       "being not never".split())
_DETERMINER_BEFORE_RE = re.compile(r"(?i:\b(?:a|an|the|its|their|his|her|our|this|that|these|those)\s*$)|[’']s\s*$")
_FUNCTION_WORDS = frozenset(
    "of on in to for with by at from into over about against as and or but nor that which who whom whose "
    "is was are were be been being has have had will would can could should may might must do does did "
    "not than then when while after before because since if unless until so yet".split())
_SMALL_TITLE_WORDS = frozenset("a an the of on in to for and or but at by with from as vs".split())


@dataclass
class Span:
    """A quoted stretch: ``text[start:end]`` is inside the marks; ``chain`` links the paragraphs of one quote."""

    start: int
    end: int
    chain: int
    kind: str = "speech"
    closed: bool = True


def has_marks(text: str) -> bool:
    """Whether the text holds any quotation mark at all (a cheap test before the real work)."""
    return _ANY_MARK_RE.search(text) is not None


def quote_spans(text: str, paragraphs: list[tuple[int, int]], sentences: list[tuple[int, int]] | None = None,
                *, typed: bool = True) -> list[Span]:
    """The quoted spans of ``text``, in order, typed as ``speech``, ``scare`` or ``title``.

    ``paragraphs`` and ``sentences`` are ``(start, end)`` character spans (sentences are used to end a
    quote whose paragraph breaks were lost, and to type spans); without sentences each paragraph is one.
    """
    sentences = sentences if sentences is not None else list(paragraphs)
    sentence_starts = [s for s, _ in sentences]
    spans: list[Span] = []
    chain = 0
    for k, (p_start, p_end) in enumerate(paragraphs):
        long = _sentences_in(sentence_starts, p_start, p_end) > LONG_PARAGRAPH_SENTENCES
        continues = bool(spans) and not spans[-1].closed and _opens_paragraph(text, p_start)
        if not continues:
            chain += 1
        found, chain = _pair_double(text, p_start, p_end, sentences, sentence_starts, chain, long)
        spans.extend(found)
        next_opens = k + 1 < len(paragraphs) and _opens_paragraph(text, paragraphs[k + 1][0], single=True)
        singles = _pair_single(text, p_start, p_end, found, chain if continues and not found else chain + 1,
                               next_opens=next_opens, sentence_starts=sentence_starts)
        chain = max([chain] + [span.chain for span in singles])
        spans.extend(singles)
    spans.sort(key=lambda s: s.start)
    _end_at_inner_tags(text, spans, chain)
    if typed:
        for span in spans:
            span.kind = span_kind(text, span, sentences, sentence_starts)
        for first, second in zip(spans, spans[1:]):  # banners reading "No water" and "Valencia lives"
            if first.kind != "speech" and _COORDINATION_RE.fullmatch(text, first.end + 1, max(second.start - 1,
                                                                                              first.end + 1)):
                second.kind = first.kind
        speaking = {s.chain for s in spans if s.kind == "speech"}
        for span in spans:  # the paragraphs of one quote are all speech
            if span.chain in speaking:
                span.kind = "speech"
    return spans


def _end_at_inner_tags(text: str, spans: list[Span], chain: int) -> None:
    """A quote whose closing mark was lost or misplaced holds its own attribution (``"It is a sale, said
    Ana Lupu, in a post.``): it ends before the tag, and the marks after it start a new quote. Inside a
    quote that was closed, only a tag that names someone counts ("…, he said" can be quoted speech)."""
    renamed: dict[int, int] = {}  # the chain of a quote that ended at its tag → the chain of what follows
    for span in spans:
        span.chain = renamed.get(span.chain, span.chain)
        if "," not in text[span.start:span.end]:
            continue
        tag = _inner_tag(named=span.closed).search(text, span.start, span.end)
        if tag is not None:
            span.end, span.closed = tag.start() + 1, True
            chain += 1
            renamed[span.chain] = chain


def _sentences_in(starts: list[int], p_start: int, p_end: int) -> int:
    return bisect_right(starts, p_end - 1) - bisect_right(starts, p_start - 1)


def _opens_paragraph(text: str, p_start: int, *, single: bool = False) -> bool:
    """Whether a paragraph opens with a quotation mark (with ``single``, a single one: ‘ or ')."""
    head = text[p_start:p_start + 3].lstrip()
    if single:
        return bool(head) and (head[0] in OPEN_SINGLE or head[0] in EITHER_SINGLE) and len(head) > 1 and \
            head[1].isalnum() and not _is_apostrophe(text, p_start + text[p_start:].index(head[0]))
    return bool(head) and (head[0] in OPEN_DOUBLE or head[0] in EITHER_DOUBLE or head[0] in OPEN_SINGLE or
                           (head[0] in EITHER_SINGLE and len(head) > 1 and head[1].isalnum()))


def mark_role(text: str, i: int) -> str:
    """``open``, ``close`` or ``either`` for the quotation mark at ``text[i]``, from its neighbours."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens = before in _OPENERS_BEFORE and not after.isspace()
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    if text[i] in _CJK:
        return "open" if text[i] in OPEN_DOUBLE else "close"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    if opens and closes:  # `("` or `—"…`: the glyph decides
        return "close" if text[i] in CLOSE_DOUBLE else "open"
    return "close" if text[i] in CLOSE_DOUBLE else "open" if text[i] in OPEN_DOUBLE and before.isspace() else "either"


def is_measurement(text: str, i: int) -> bool:
    """An inch or foot mark: ``30" of snow``, ``6' 4"``, ``a 12' blade`` (straight marks after a digit)."""
    if i == 0 or not text[i - 1].isdigit() or text[i] not in "\"'″′":
        return False
    after = text[i + 1:i + 4]
    return re.match(r"\s+[a-z\d(]|[-x×]", after) is not None or \
        re.search(r"\d['′]\s?\d+$", text[max(0, i - 8):i]) is not None


def _pair_double(text, p_start, p_end, sentences, sentence_starts, chain, long) -> tuple[list[Span], int]:
    marks = [m.start() for m in _DOUBLE_RE.finditer(text, p_start, p_end)]
    spans: list[Span] = []
    open_at = None
    for k, i in enumerate(marks):
        if is_measurement(text, i) and not (open_at is not None and _closes_title(text, open_at, i)):
            continue  # 30" of snow; but "Ray of Light 2" in New Orleans closes a title
        role = mark_role(text, i)
        if open_at is None:
            if role != "close" or k + 1 < len(marks):
                open_at = i + 1
            else:  # a last closing mark with nothing open: a quote from its sentence's start, if alone there
                start = _sentence_start(sentences, sentence_starts, i, p_start)
                alone = not spans or spans[-1].end < start
                if alone and i - start > 1 and _FINAL_PUNCT_RE.search(text, start, i):
                    spans.append(Span(start, i, chain))
        elif role == "open" and _sentence_start(sentences, sentence_starts, i, p_start) > open_at:
            cut = _sentence_start(sentences, sentence_starts, i, p_start)
            spans.append(Span(open_at, _trim_end(text, open_at, cut), chain, closed=False))
            open_at = i + 1
            if text[cut:i].strip(" \t" + OPEN_DOUBLE + EITHER_DOUBLE):
                chain += 1  # a mark inside a sentence opens a new quote; only one that opens it continues one
        else:
            if i > open_at:
                spans.append(Span(open_at, i, chain))
            open_at = None
            chain += 1
    if open_at is not None and p_end > open_at:
        end = p_end
        if long:
            sentence = _containing(sentences, sentence_starts, open_at)
            end = sentence[1] if sentence else p_end
        spans.append(Span(open_at, _trim_end(text, open_at, end), chain, closed=False))
    return spans, chain


def _closes_title(text: str, open_at: int, i: int) -> bool:
    """Whether a mark after a digit closes the quote opened at ``open_at`` ("Ray of Light 2" in): the
    quote is short, opened in the same sentence, and the number is no height (6' 2")."""
    inner = text[open_at:i]
    return len(inner) < 60 and not re.search(r"[.!?]\s", inner) and not re.search(r"\d['′]\s?\d+$", inner)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _sentence_start(sentences, starts, position: int, floor: int) -> int:
    k = bisect_right(starts, position) - 1
    return max(sentences[k][0], floor) if k >= 0 else floor


def _containing(sentences, starts, position: int):
    k = bisect_right(starts, position) - 1
    if k >= 0 and sentences[k][0] <= position <= sentences[k][1]:
        return sentences[k]
    return None


def _pair_single(text: str, p_start: int, p_end: int, doubles: list[Span], chain: int, *,
                 next_opens: bool = False, sentence_starts: list[int] = ()) -> list[Span]:
    """``‘…’`` and ``'…'`` pairs outside double quotes; apostrophes and measurements are skipped.

    A quote over several paragraphs in single marks opens each paragraph and closes only the last: an
    opening mark with no closing one runs to its paragraph's end when the next paragraph opens with a
    single mark (``next_opens``), or to the next sentence that opens with one (breaks lost)."""
    openers, closers = [], []
    for match in _SINGLE_RE.finditer(text, p_start, p_end):
        i = match.start()
        if any(s.start <= i < s.end for s in doubles) or _is_apostrophe(text, i) or is_measurement(text, i):
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before in _OPENERS_BEFORE and after.isalnum() and text[i] not in CLOSE_SINGLE:
            openers.append(i)
        elif not before.isspace() and not after.isalnum():
            closers.append((i, before in ".,!?;:…-—"))
    spans, cursor = [], p_start
    for i in openers:
        if i < cursor:
            continue
        later = [c for c in closers if c[0] > i]
        nxt = next((o for o in openers if o > i), p_end)
        strong = [c for c, punct in later if punct and c < p_end]
        weak = [c for c, punct in later if not punct and c < nxt]
        close = strong[0] if strong and (not weak or strong[0] < nxt) else weak[0] if weak else None
        if close is not None and close > i + 1:
            spans.append(Span(i + 1, close, chain + len(spans)))
            cursor = close + 1
        elif close is None:
            reopens = [o for o in openers if o > i and o in sentence_starts_set(text, sentence_starts, o)]
            end = reopens[0] if reopens else p_end if next_opens else None
            if end is not None and end > i + 1:
                spans.append(Span(i + 1, _trim_end(text, i + 1, end), chain + len(spans), closed=False))
                cursor = end
    return _chain_unclosed(spans)


def sentence_starts_set(text: str, sentence_starts: list[int], position: int) -> set[int]:
    """``{position}`` when the mark at ``position`` opens its sentence (only spaces between), else empty."""
    k = bisect_right(sentence_starts, position) - 1
    return {position} if k >= 0 and not text[sentence_starts[k]:position].strip() else set()


def _chain_unclosed(spans: list[Span]) -> list[Span]:
    """A single-mark quote left open continues into the next span (the paragraph-opening convention)."""
    for before, after in zip(spans, spans[1:]):
        if not before.closed:
            after.chain = before.chain
    return spans


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalpha() and after.isalpha():  # don't, Xi'an
        return True
    if after in "sS" and not text[i + 2:i + 3].isalnum():  # "Weinstein 's" in tokenised exports
        return True
    if re.match(r"\d0s\b|n['’]\s|em\b|cause\b|til\b", text[i + 1:i + 6]):  # '80s, rock 'n' roll, 'em
        return True
    return before in "nN" and text[i - 2:i - 1] in (" ", "'", "’") and after in " "  # the second mark of 'n'


def span_kind(text: str, span: Span, sentences, sentence_starts) -> str:
    """``speech``, ``scare`` or ``title`` for a quoted span (see the module's docstring)."""
    inner = text[span.start:span.end]
    if not span.closed and not inner.isupper():
        return "speech"  # a quote running to its paragraph's end
    words = _WORD_RE.findall(inner)
    sentence = _containing(sentences, sentence_starts, max(span.start - 1, 0))
    s_start = sentence[0] if sentence else max(0, span.start - 200)
    before = text[max(s_start, span.start - 120):max(span.start - 1, s_start)]
    near = before[-60:]  # cues stand within a few words of the quote
    punctuated = inner[-1:] in _SPEECH_ENDINGS or _END_PUNCT_RE.search(inner) or _INNER_PUNCT_RE.search(inner + " ")
    if punctuated and (len(words) > 8 or not inner[:1].isupper()):
        return "speech"  # "We came close, but …," — no title or scare quote reads like that
    if _SCARE_CUE_RE.search(near):
        return "scare"
    if inner[:1].isupper() and _is_title(inner, words, near):
        return "title"
    if punctuated:
        return "speech"
    if len(words) <= 10 and _BILLED_RE.search(near):
        return "title"  # a slogan: the festival, billed as "the friendliest in the world"
    tagged = _said_after().match(text, span.end + 1) is not None  # "We're out" he said
    if len(words) <= 5 and not tagged and _modifies_noun(near, text[span.end + 1:span.end + 40]):
        return "scare"  # "premium" customers, "buy now, pay later" loans
    saying = tagged or _saying_in(before)
    determiner = _DETERMINER_BEFORE_RE.search(near) is not None
    if len(words) >= MIN_SPEECH_WORDS and (saying or not determiner or len(words) > 6):
        return "speech"
    if determiner and (not saying or _is_modifier(near, text[span.end + 1:span.end + 40])):
        return "scare"  # an "all-weather" partnership; its "food security agenda"
    return "speech" if saying else "scare"


@lru_cache(maxsize=1)
def _saying_before() -> re.Pattern:
    """Verbs that make a short quote speech ("told reporters the border was "not normal""): the speech
    verbs, less the present of "call" ("economists call them "strategic defaulters"" names a thing)."""
    verbs = set(speech_verbs()) - {"call", "calls"} | _FRAGMENT_CUES
    return re.compile(r"\b" + alternation(verbs) + r"\b")


def _saying_in(before: str) -> bool:
    """A verb of saying in the text before a quote, not a passive one ("much has been said of the …")."""
    return any(not before[max(0, m.start() - 6):m.start()].endswith(("been ", "being ", " be "))
               for m in _saying_before().finditer(before))


def _is_title(inner: str, words: list[str], before: str) -> bool:
    if not words or not inner[:1].isupper():
        return False
    cued = _TITLE_CUE_RE.search(before) is not None
    if _SLOGAN_CUE_RE.search(before):  # banners reading "No water, no food"
        return True
    stripped = inner.rstrip(" ,")
    if re.search(r"[.!?;:…]\W*$", stripped) or len(words) > 10:
        return cued and len(words) <= 8
    significant = [w for w in words[1:] if w.lower() not in _SMALL_TITLE_WORDS and w not in ("s", "t")]
    title_case = all(w[0].isupper() or w[0].isdigit() for w in significant)
    named_thing = bool(_DET_NOUN_BEFORE_RE.search(before))  # the rover "Tenacity", her collection "…"
    if title_case and (significant or cued or named_thing or before.rstrip().endswith(",")):
        return stripped == inner or cued or named_thing
    return False


def _modifies_noun(before: str, after: str) -> bool:
    """A quoted phrase used as a modifier: a lower-case noun right after it (``focus on "premium"
    customers``), and no auxiliary or "to" right before it (``would "terrify" patients`` is a verb)."""
    following = re.match(r"[ \u00a0]+([a-z][\w-]*)\b", after)
    if following is None or following.group(1) in _FUNCTION_WORDS or following.group(1) in _NOT_NOUNS or \
            following.group(1).endswith("ly"):
        return False
    previous = re.search(r"([\w'’-]+)\W*$", before)
    return previous is None or previous.group(1).lower() not in _VERB_SLOT


def _is_modifier(before: str, after: str) -> bool:
    """``an "all-weather" partnership``: a determiner before, a lower-case content word after."""
    following = re.match(r"\s+([a-z][\w-]*)", after)
    return bool(_DETERMINER_BEFORE_RE.search(before)) and following is not None and \
        following.group(1) not in _FUNCTION_WORDS


@lru_cache(maxsize=2)
def _inner_tag(*, named: bool) -> re.Pattern:
    """``, said Ana Lupu, …`` / ``, the minister said.`` (and, when not ``named``, ``, he told parliament.``)
    inside a quoted span, running to the end of its sentence."""
    verbs = alternation(v for v in speech_verbs() if not v.endswith("ing") and v not in ("call", "calls", "called"))
    name = r"(?:(?!(?:I|We|You|They|He|She|It|This|That|There)\b)[A-Z][\w'’.-]*(?:[ \u00a0]+[A-Z][\w'’.-]*){0,3})"
    who = rf"(?:{name}|(?:the|one|another|a|an)[ \u00a0]+[a-z][\w'’-]*(?:[ \u00a0]+[a-z][\w'’-]*)?"
    who += "" if named else r"|he|she|they|we"
    who += ")"
    return re.compile(rf",[ \u00a0]+(?:(?:{verbs})[ \u00a0]+{who}|{who}[ \u00a0]+(?:{verbs}))\b(?![ \u00a0]+that\b)"
                      rf"[^.!?\"“”]{{0,120}}[.!?]")  # "…, he wrote that ‘…’" reports what he wrote: no tag


@lru_cache(maxsize=1)
def _said_after() -> re.Pattern:
    """An attribution right after a short quote: ``"We're out" he said``, ``"That one" says Comisky``."""
    verbs = alternation(set(speech_verbs()) - {"call", "calls", "called"})
    return re.compile(rf"[\s,]*(?:[\w'’.-]+[ \u00a0]){{0,4}}?{verbs}\b")
