"""The names of one article, resolved lazily: :class:`NameIndex` puts the parts of :mod:`analysis.voices.names`
together, and :func:`resolve_mentions` lists every name and pronoun of an article with what it refers to.
"""
from __future__ import annotations

from analysis.voices.names.entities import Entities, Entity, Mention
from analysis.voices.names.lexicon import Lexicon, lexicon
from analysis.voices.names.mentions import MentionFinder
from analysis.voices.names.parse import ArticleText, NameParser
from analysis.voices.names.resolve import PRONOUN_RE, Resolver



class NameIndex:
    """The names of one article (outside quotes), resolved lazily: only what a query needs is read.

    ``sentences`` are ``(start, end)`` spans; ``quotes`` are ``(start, end)`` spans of quoted text, whose
    names are neither antecedents nor evidence. A sentence's names are scanned the first time a query
    looks at that sentence, and an entity's evidence is gathered (from every place its name occurs) the
    first time it is met, so the cost follows the number of attributions, not the number of names.

    Each query is answered by the part that owns its state: ``article`` (the text, where words occur),
    ``parser`` (names cut from capitalised words), ``entities`` (canonical names and types), ``finder``
    (mentions per sentence) and ``resolver`` (pronouns and descriptions).
    """

    def __init__(self, text: str, sentences: list[tuple[int, int]], quotes: list[tuple[int, int]] = (), *,
                 masked: str | None = None):
        self.text = text
        self.lex: Lexicon = lexicon()
        self.article = ArticleText(text, sentences, quotes, masked=masked)
        self.parser = NameParser(self.article, self.lex)
        self.entities = Entities(self.article, self.lex, self.parser)
        self.finder = MentionFinder(self.article, self.lex, self.parser, self.entities)
        self.resolver = Resolver(self.article, self.lex, self.parser, self.entities, self.finder)

    def sentence_of(self, position: int) -> int:
        """The sentence (its number) that holds ``position``."""
        return self.article.sentence_of(position)

    def in_quote(self, position: int) -> bool:
        return self.article.in_quote(position)

    def mentions_in(self, k: int) -> list[Mention]:
        """The names of sentence ``k`` (outside quotes), each with its entity."""
        return self.finder.mentions_in(k)

    def anonymous_in(self, k: int) -> list[Mention]:
        """People sentence ``k`` describes without naming (see :meth:`MentionFinder.anonymous_in`)."""
        return self.finder.anonymous_in(k)

    def descriptions_in(self, k: int) -> list[Mention]:
        """"the prime minister", "the company" in sentence ``k``, where they resolve to an entity."""
        return self.resolver.descriptions_in(k)

    @property
    def mentions(self) -> list[Mention]:
        """Every name and resolved description of the article, in order (scans the whole article)."""
        return self.resolver.mentions

    def split_name(self, tokens: list[str], *, initial: bool = False):
        """``(skipped, titles, name tokens, possessive)`` of a run of capitalised words, or None."""
        return self.parser.split_name(tokens, initial=initial)

    def entity_for(self, core: str, titles: tuple = (), position: int = 0) -> Entity:
        """The entity a name refers to, under the fullest form the article gives."""
        return self.entities.entity_for(core, titles, position)

    def typed(self, entity: Entity) -> Entity:
        """The entity, with its type, gender and roles gathered from the article (once)."""
        return self.entities.typed(entity)

    def canonical(self, surface: str, position: int) -> Entity | None:
        """The entity a name written at ``position`` refers to ("Mr Blair" → Tony Blair), or None."""
        return self.finder.canonical(surface, position)

    def speaks_at(self, end: int) -> bool:
        """Whether the name ending at ``end`` is the subject of a speech verb."""
        return self.finder.speaks_at(end)

    def nearest(self, position: int, **options) -> Entity | None:
        """The nearest entity mentioned before ``position`` (see :meth:`Resolver.nearest`)."""
        return self.resolver.nearest(position, **options)

    def resolve_pronoun(self, pronoun: str, position: int) -> Entity | None:
        """The person (or, for "it", organisation) a pronoun at ``position`` refers to, or None."""
        return self.resolver.resolve_pronoun(pronoun, position)

    def resolve_affiliated(self, party: str | None, state: str | None, position: int) -> Entity | None:
        """The person "the Ohio Republican" at ``position`` refers to (see :meth:`Resolver.resolve_affiliated`)."""
        return self.resolver.resolve_affiliated(party, state, position)

    def resolve_description(self, description: str, position: int, **options) -> Entity | None:
        """The entity a description at ``position`` refers to (see :meth:`Resolver.resolve_description`)."""
        return self.resolver.resolve_description(description, position, **options)


def resolve_mentions(text: str, sentence_spans: list[tuple[int, int]], *,
                     quotes: list[tuple[int, int]] = ()) -> list[tuple[int, int, str, str, str]]:
    """Every name and third-person pronoun of an article, resolved within the article.

    Returns ``(start, end, surface, canonical, kind)`` tuples in text order: ``text[start:end] == surface``;
    ``canonical`` is the fullest name the article gives ("Mr Blair" → "Tony Blair"; a pronoun → the person
    it refers to); ``kind`` is ``person``, ``organisation``, ``place`` or ``unknown`` (a pronoun takes its
    referent's kind; an unresolved pronoun is left out). ``sentence_spans`` are ``(start, end)`` offsets of
    the sentences (``split_sentences``'s ``start``/``end``); names inside ``quotes`` spans are skipped.
    """
    index = NameIndex(text, list(sentence_spans), list(quotes))
    out = [(m.start, m.end, text[m.start:m.end], m.entity.canonical, index.typed(m.entity).kind)
           for m in index.mentions]
    for match in PRONOUN_RE.finditer(text):
        if index.in_quote(match.start()):
            continue
        entity = index.resolve_pronoun(match.group(0), match.start())
        if entity is not None and not entity.description:
            out.append((match.start(), match.end(), match.group(0), entity.canonical, entity.kind))
    return sorted(out)
