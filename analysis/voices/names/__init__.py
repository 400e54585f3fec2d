"""Names of people, organisations and places within one article: canonical forms, types, pronouns.

No model is downloaded: names are runs of capitalised words, typed by the evidence the article gives.

- **Canonical name**: the fullest form the article gives. "Mr Blair" and "Blair" map to "Tony Blair" (the
  last word of a longer name; or its first word, for "Xi" and "Xi Jinping"); titles and honorifics
  ("President", "Mr", "Detective Inspector"), demonyms ("Belarusian") and a possessive "'s" are not part
  of a name; an acronym maps to the name it abbreviates ("WHO" → "World Health Organization").
- **Type** (``person``, ``organisation``, ``place``, ``unknown``), by evidence: a title or honorific, a
  given name (``data/given_names.txt``), a role before the name ("coach Gary Stead") or an apposition
  after it ("Whitcombe, 58,", "Raman, the chief executive,") make a person; an organisation word
  ("Bank", "Ministry", "FC"), an organisation noun around it ("the union Usdaw", "Brightway, the
  supermarket chain,") an organisation; ``data/places.txt`` and place words ("Street", "Bridge") a place.
  The word lists are data: ``data/names.yml``, ``data/demonyms.txt``, ``data/places.txt``.
- **Gender**, where the article shows it: an honorific (Mr, Mrs, Ms, Sir, Dame) or a given name, to resolve
  pronouns; and, apart (``Entity.shown``), only what the article itself shows (an honorific, a gendered noun such
  as "spokeswoman", "he"/"she" in an attribution), never a given name, for the sources table.
- **Affiliation and role**, as stated: "(D-Ga.)", ", R-Tenn.", "Republican of Kansas", "FBI Director X",
  ", president of the Tarrytown Neighbors Association", ", the deputy attorney general,", "Denise Forbes, 52,".
- **Pronouns** ("he", "she") resolve to the nearest earlier *person* of a compatible gender, outside
  quotes, never to a place, an organisation or a date; "it" to the nearest organisation.
- **Descriptions** ("the prime minister", "the company", "the teenager") resolve to the person whose
  title or role the article gave ("Prime Minister Tony Blair"), else to the nearest person (or
  organisation, for "the company").

:func:`analysis.voices.names.index.resolve_mentions` is the public entry point for other modules (the stance
measure does not use it yet: it has a resolver of its own, :mod:`analysis.scores.stance.spans`).

The parts, each owning its state, from the bottom up:

- :mod:`~analysis.voices.names.lexicon`: the word lists and the tests on single words;
- :mod:`~analysis.voices.names.affiliation`: what the text states next to a name (a party and state, "(D-Ga.)"; an
  organisation; a role from titles; a gendered noun);
- :mod:`~analysis.voices.names.parse`: the article's text as names read it (:class:`ArticleText`: masked
  quotes, sentences, where a word occurs) and a run of capitalised words cut into a name (:class:`NameParser`);
- :mod:`~analysis.voices.names.entities`: the entities, their fullest names and their types (:class:`Entities`);
- :mod:`~analysis.voices.names.mentions`: the names and unnamed people of each sentence (:class:`MentionFinder`);
- :mod:`~analysis.voices.names.resolve`: pronouns and descriptions resolved (:class:`Resolver`);
- :mod:`~analysis.voices.names.index`: :class:`NameIndex`, the parts put together for one article.

Part of the voices layer: imports :mod:`analysis.resources`, :mod:`analysis.text` and :mod:`analysis.paths` only.
"""
