"""Topic coverage from a codebook: which topics each source covers, how much, and how early.

A codebook (``data/topics.yml``, or any dictionary file :mod:`analysis.content.dictionaries`
reads) names topics, each with a list of patterns. Patterns are matched by
:mod:`analysis.content.matcher` on the words of :mod:`analysis.text.tokens` (see there for
globs, case, hyphens and possessives), all patterns in one pass per sentence.

Nested terms: within one topic, overlapping matches count once, for the
longest, leftmost one ("free trade zone" is one mention of trade, not three).
Different topics count independently, so a span can mention two topics.

The keyword-in-context audit (:func:`kwic_samples`) and the per-pattern check
(:func:`pattern_counts`) use the same matcher, so they show exactly what is
counted.
"""
from __future__ import annotations

import calendar
import re
import warnings
from pathlib import Path

import pandas as pd

from analysis.content.dictionaries import Codebook, as_codebook, load_dictionary
from analysis.content.keywords import count_terms, keyness, kwic_lines
from analysis.content.matcher import Matcher
from analysis.paths import TOPICS_YML
from analysis.resources.wordlists import generic_nouns, word_tags
from analysis.text.segment import LEDE_SENTENCES
from analysis.voices.names.lexicon import lexicon
from analysis.text.tokens import FUNCTION_WORDS, HONORIFICS, count_words, words

PROVISIONAL_NOTE = ("provisional: no codebook was given, so each group's most distinctive terms stand for topics "
                    "of their own; write a codebook to measure real topics")


def load_codebook(path: str | Path = TOPICS_YML, *, match: str | None = None, format: str | None = None,
                  encoding: str | None = None) -> Codebook:
    """Read and validate a codebook in any supported format: a :class:`Codebook` ``{topic: [pattern, ...]}``.

    See :func:`analysis.content.dictionaries.load_dictionary` for formats and options.
    """
    return load_dictionary(path, match=match, format=format, encoding=encoding)


def build_matcher(codebook) -> Matcher:
    """The matcher of a codebook (a :class:`Codebook`, a ``{topic: [patterns]}`` mapping or a path)."""
    return as_codebook(codebook).matcher()


def match_topics(text: str, matcher: Matcher) -> dict[str, tuple[int, list[str]]]:
    """Mentions of each topic in one text: ``{topic: (count, matched strings)}``."""
    out: dict[str, tuple[int, list[str]]] = {}
    for match in matcher.find(text):
        count, matched = out.get(match.key, (0, []))
        out[match.key] = (count + 1, [*matched, match.text])
    return out


def topic_mentions(sentences: pd.DataFrame, codebook, *, text_col: str = "text") -> pd.DataFrame:
    """One row per sentence and topic it mentions: ``_row`` (the sentence's index), ``topic``,
    ``mentions`` and ``matched`` (the matched text, joined by " / ")."""
    matcher = build_matcher(codebook)
    rows = []
    for index, text in zip(sentences.index, sentences[text_col]):
        if not isinstance(text, str):
            continue
        for topic, (count, matched) in match_topics(text, matcher).items():
            rows.append((index, topic, count, " / ".join(dict.fromkeys(matched))))
    return pd.DataFrame(rows, columns=["_row", "topic", "mentions", "matched"])


def topic_coverage(sentences: pd.DataFrame, codebook, *, by: str = "source",
                   lede_sentences: int = LEDE_SENTENCES, text_col: str = "text") -> pd.DataFrame:
    """Long form, one row per group and topic (every topic, mentioned or not).

    Columns: ``by``, ``topic``, ``sentence_share`` (share of the group's
    sentences that mention the topic), ``mentions``, ``per_1000_words``
    (mentions per 1,000 words, words counted by :func:`analysis.text.tokens.count_words`,
    as everywhere), ``articles_mentioning``, ``n_articles``, ``article_share``,
    ``first_in_lede`` (articles whose first mention is in their first
    ``lede_sentences`` sentences), ``first_buried`` (articles whose first
    mention comes in their second half), ``n_sentences`` and ``words``.
    """
    codebook = as_codebook(codebook)
    for column in (by, "article_id", "sentence_no", text_col):
        if column not in sentences.columns:
            raise KeyError(f"topic_coverage needs column {column!r}; the frame has {list(sentences.columns)}")
    found = topic_mentions(sentences, codebook, text_col=text_col)
    base = sentences[list(dict.fromkeys([by, "article_id", "sentence_no"]))].copy()  # by may be a key itself
    base["n_sentences_article"] = (sentences["article_sentences"] if "article_sentences" in sentences
                                   else base.groupby("article_id")["sentence_no"].transform("max") + 1)
    base["words"] = sentences[text_col].map(count_words)
    hits = found.join(base, on="_row")
    groups = base.groupby(by).agg(n_sentences=("article_id", "size"), n_articles=("article_id", "nunique"),
                                  words=("words", "sum"))
    first = hits.sort_values("sentence_no").groupby(list(dict.fromkeys([by, "topic", "article_id"])),
                                                    as_index=False).first()
    first["lede"] = first["sentence_no"] < lede_sentences
    first["buried"] = first["sentence_no"] >= first["n_sentences_article"] / 2
    rows = []
    for group, info in groups.iterrows():
        for topic in codebook:
            h = hits[(hits[by] == group) & (hits["topic"] == topic)]
            f = first[(first[by] == group) & (first["topic"] == topic)]
            rows.append((group, topic, len(h) / info["n_sentences"], int(h["mentions"].sum()),
                         1000 * h["mentions"].sum() / max(info["words"], 1), len(f), int(info["n_articles"]),
                         len(f) / info["n_articles"], int(f["lede"].sum()), int(f["buried"].sum()),
                         int(info["n_sentences"]), int(info["words"])))
    return pd.DataFrame(rows, columns=[by, "topic", "sentence_share", "mentions", "per_1000_words",
                                       "articles_mentioning", "n_articles", "article_share", "first_in_lede",
                                       "first_buried", "n_sentences", "words"])


def kwic_samples(sentences: pd.DataFrame, codebook, *, by: str = "source", per_topic: int = 3,
                 window: int = 40, text_col: str = "text") -> pd.DataFrame:
    """A few keyword-in-context lines per topic, to audit what its patterns really matched.

    Exactly the matches :func:`topic_coverage` counts. Columns: ``topic``,
    ``by``, ``article_id``, ``left``, ``match``, ``right``, ``pattern`` (the
    pattern that matched); at most ``per_topic`` lines per topic, each from a
    different group. ``left`` keeps the words next to the match and is cut
    at its start ("…"); ``right`` is cut at its end.
    """
    matcher = build_matcher(codebook)
    taken: dict[str, set] = {}
    rows = []
    for match, record in kwic_lines(sentences, matcher, window=window, text_col=text_col,
                                    carry=[c for c in (by, "article_id") if c in sentences.columns]):
        group = record.get(by)
        used = taken.setdefault(match["key"], set())
        if len(used) >= per_topic or group in used:
            continue
        used.add(group)
        rows.append({"topic": match["key"], by: group, "article_id": record.get("article_id"),
                     "left": match["left"], "match": match["match"], "right": match["right"],
                     "pattern": match["pattern"]})
    columns = ["topic", by, "article_id", "left", "match", "right", "pattern"]
    out = pd.DataFrame(rows, columns=columns)
    order = {topic: i for i, topic in enumerate(matcher_keys(matcher))}
    return out.sort_values("topic", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def matcher_keys(matcher: Matcher) -> list[str]:
    """The keys of a matcher, in the codebook's order."""
    return list(dict.fromkeys(key for key, _ in matcher.patterns))


def pattern_counts(sentences: pd.DataFrame, codebook, *, text_col: str = "text", warn: bool = True
                   ) -> pd.DataFrame:
    """How often each pattern of a codebook matched: one row per topic and pattern.

    Columns: ``topic``, ``pattern``, ``line`` (in the codebook file, where
    known), ``matches`` (what :func:`topic_coverage` counts for it, after the
    overlap rule) and ``sentences``. With ``warn``, a pattern that matches
    nothing raises one warning that gives how many did not match, and which.
    """
    codebook = as_codebook(codebook)
    matcher = codebook.matcher()
    counts: dict[tuple[str, str], list[int]] = {pair: [0, 0] for pair in matcher.patterns}
    for text in sentences[text_col]:
        seen = set()
        for match in matcher.find(text) if isinstance(text, str) else ():
            counts[(match.key, match.pattern)][0] += 1
            seen.add((match.key, match.pattern))
        for pair in seen:
            counts[pair][1] += 1
    out = pd.DataFrame([(key, pattern, codebook.line_of(key, pattern), n, s)
                        for (key, pattern), (n, s) in counts.items()],
                       columns=["topic", "pattern", "line", "matches", "sentences"])
    out["line"] = out["line"].astype("Int64")
    unmatched = out[out["matches"] == 0]
    if warn and len(unmatched):
        names = ", ".join(f"{p!r}" for p in unmatched["pattern"].head(8))
        more = f" and {len(unmatched) - 8} more" if len(unmatched) > 8 else ""
        warnings.warn(f"{len(unmatched)} of {len(out)} patterns of {codebook.source} match nothing in these "
                      f"{len(sentences)} texts: {names}{more}", UserWarning, stacklevel=2)
    return out


def provisional_codebook(articles: pd.DataFrame, *, by: str = "source", per_group: int = 3,
                         max_topics: int = 12, text_col: str = "text") -> Codebook:
    """Stand-in topics for a corpus with no codebook: named things and noun phrases distinctive of each group.

    Candidates are each group's terms more frequent in it than in the rest, in
    :func:`analysis.content.keywords.keyness`'s order (words and two-word phrases, news stop list, multi-word
    names kept whole), or, with one group, its most frequent terms. A candidate stands for a topic only by
    :func:`topic_kind`'s rules: a name as the corpus writes it ("Port Authority", "Minsk"), a noun phrase
    ("wage talks"), or else a single noun that is not a generic one ("grain", not "work"); never a month or
    weekday, a verb, an adjective or an adverb, and never an outlet naming itself ("reuters" in a corpus grouped
    by source with a source "Reuters"). Names and noun phrases come before single nouns. Terms are taken in turn
    from every group (its best, then every group's second, …) so that each contributes up to ``per_group`` and
    none dominates; at most ``max_topics`` in all. A name is labelled as the corpus writes it, anything else in
    lower case.

    The result says it is provisional (``provisional=True`` and ``note``); when no candidate qualifies it is
    empty and its note says so, rather than fill the page with stray words.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        keys = keyness(articles, by=by, ngrams=(1, 2), text_col=text_col, min_count=2) \
            if articles[by].nunique() >= 2 else pd.DataFrame()
    if len(keys):
        ranked = [group["term"].tolist() for _, group in keys.groupby(by, sort=True)]
    else:
        counts = count_terms(articles, by=by, ngrams=(1, 2), text_col=text_col, min_count=2)
        ranked = [counts.sort_values(["count", "term"], ascending=[False, True])["term"].tolist()]
    own = _group_name_words(articles[by])
    texts = "\n\n".join(t for t in articles[text_col] if isinstance(t, str))
    written = written_names({t for group_terms in ranked for t in group_terms}, texts)
    kinds = {t: topic_kind(t, names=written) for group_terms in ranked for t in group_terms}
    ranked = [sorted((t for t in group_terms if kinds[t] and not set(words(str(t))) <= own),
                     key=lambda t: kinds[t] == "noun")  # stable: names and phrases first, each in keyness order
              for group_terms in ranked]
    terms: list[str] = []
    for depth in range(per_group):
        for group_terms in ranked:
            if depth < len(group_terms) and group_terms[depth] not in terms and len(terms) < max_topics:
                terms.append(group_terms[depth])
    note = PROVISIONAL_NOTE if terms else NO_STAND_INS
    return Codebook({written.get(term, term): [term] for term in terms}, match="fixed", source="provisional codebook",
                    format="provisional", provisional=True, note=note)


NO_STAND_INS = ("provisional: no codebook was given, and no name, noun phrase or noun is distinctive enough of a group "
                "to stand for a topic; write a codebook to measure topics")
CALENDAR_WORDS = frozenset(
    [m.lower() for m in calendar.month_name[1:]] + [m.lower() for m in calendar.month_abbr[1:]] + ["sept"]
    + [d.lower() for d in calendar.day_name] + [d.lower() for d in calendar.day_abbr])
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
MODIFIER_TAGS = NOUN_TAGS | {"JJ", "JJR", "JJS"}
CONNECTORS = frozenset({"of", "and", "de", "for", "the"})  # inside a multi-word name ("Port of Portville")


def topic_kind(term: str, *, names: dict[str, str] | frozenset | set = frozenset()) -> str | None:
    """Whether a lower-case term can stand for a topic, and as what: ``"name"``, ``"phrase"``, ``"noun"`` or None.

    Rules, in order (word classes are the commonest part of speech of each word, :func:`analysis.resources.wordlists.word_tags`):

    - a term holding a month or weekday name ("march", "monday"), or made of titles only ("president"), is never a
      topic;
    - a term in ``names`` (the corpus writes it capitalised: :func:`written_names`) is a **name**, unless it is a
      lone demonym ("Belarusian"), which is an adjective;
    - a term of several words is a **phrase** when its last word is a noun, not a generic one ("good work" is
      filler), and every other word a noun or an adjective ("wage talks", "chinese capital");
    - a single word is a **noun** when its class is a noun and it is not a generic noun ("work", "nobody",
      ``data/generic_nouns.txt``);
    - anything else (verbs, adjectives, adverbs, words the lexicon does not know) is not a topic.
    """
    parts = str(term).split()
    if not parts or any(w in CALENDAR_WORDS for w in parts) or all(w in lexicon().titles for w in parts):
        return None
    if term in names:
        return None if len(parts) == 1 and parts[0] in lexicon().demonyms_lower else "name"
    tags = word_tags()
    classes = [tags.get(w) for w in parts]
    if len(parts) > 1:
        modifiers_ok = all(c in MODIFIER_TAGS or w in lexicon().demonyms_lower for w, c in zip(parts[:-1], classes[:-1]))
        head = parts[-1]
        return "phrase" if classes[-1] in NOUN_TAGS and modifiers_ok and head not in generic_nouns() else None
    return "noun" if classes[0] in NOUN_TAGS and parts[0] not in generic_nouns() else None


def written_names(terms, text: str) -> dict[str, str]:
    """The terms the corpus writes as names of their own: ``{term: as written}``.

    A use counts as a name when every word starts with a capital (connectors such as "of" apart) and the name
    stands alone: the word after it, and the word before it unless that word opens a sentence, are not
    capitalised, function words apart ("Port" in "Port Authority" or "President" in "President Xi" is part of a
    longer name; "The" before "Port Authority" is not). A term is
    a name when at least half of its uses are, and at least one of them does not open a sentence (a common noun
    capitalised at the start of sentences is not a name). "As written" is the commonest such form."""
    found = {}
    for term in terms:
        parts = str(term).split()
        pattern = re.compile(r"(?<![\w'’-])" + r"[\s-]+".join(re.escape(p) for p in parts) + r"(?![\w-])",
                             re.IGNORECASE)
        uses = named = 0
        forms: dict[str, int] = {}
        inside = False
        for match in pattern.finditer(text):
            uses += 1
            written = match.group(0)
            opens = _opens_sentence(text, match.start())
            if (all(w[0].isupper() or w.lower() in CONNECTORS for w in written.split())
                    and not _capitalised(_NEXT_WORD.match(text, match.end()))
                    and (opens or not _capitalised(_PREVIOUS_WORD.search(text[max(0, match.start() - 40):match.start()])))):
                named += 1
                forms[written] = forms.get(written, 0) + 1
                inside = inside or not opens
        if uses and inside and named * 2 >= uses:
            found[term] = max(sorted(forms), key=forms.get)
    return found


_NEXT_WORD = re.compile(r"[ \t]+(\w+)")
_PREVIOUS_WORD = re.compile(r"(\w+)[ \t]+$")


def _capitalised(match: re.Match | None) -> bool:
    """Whether a neighbouring word is capitalised and not a function word, honorific or title ("The" opening a
    sentence, "Mr" or "President" before a name are not part of it)."""
    word = match.group(1) if match else ""
    return word[:1].isupper() and word.lower() not in FUNCTION_WORDS | HONORIFICS | lexicon().titles


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?:\n"


def _group_name_words(labels: pd.Series) -> set[str]:
    """The normalised words of every group label (``"The Daily Ledger"`` gives the, daily, ledger)."""
    return {word for label in labels.dropna().astype(str).unique() for word in words(label)}
