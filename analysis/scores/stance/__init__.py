"""Stance toward an actor: how favourably an article presents each person or body it names.

Today's "tone toward X" is the tone of every sentence that mentions X, which
reads a sentence praising Y and attacking X, quoted criticism, and topic words
("war", "crisis") as tone toward X. This package gathers evidence that is about
the actor, sentence by sentence, then weighs it with a small model fitted on
human judgements (PerSenT; ``bench/fit/stance.py``, ``docs/stance.md``). Its main evidence is the tone of
each sentence toward the actor, from a sentence-level model learned from news (NewsMTSC):
:func:`analysis.scores.stance.target_model.target_sentiment`, with the events done to the actor ("was
fired") neutralised first, so that what happened to it is not read as how the outlet tells it.

Evidence, per sentence that refers to the actor (the parts of the ablation):

- **proximity**: VADER's lexicon words, and the event words of the framing
  list, in the actor's clause within ``WINDOW`` words of a mention (negated
  words flip), not the whole sentence;
- **roles**: event words of ``data/framing_verbs.tsv`` for which the actor is
  the doer ("X lied", "X won") or the target ("critics accused X", "X was
  arrested", "the arrest of X"), valued from -2 to +2;
- **framing**: reporting verbs that frame the actor as a speaker ("X claimed",
  "X conceded", "X falsely said");
- **quotes**: the actor named inside others' quoted words (their stance), and
  the actor's own quoted words, become signals of their own, weighed apart
  from the outlet's narration;
- **coreference**: "he"/"she" and descriptions ("the senator", "the company")
  that the one name resolver (:mod:`analysis.voices.names`) resolves to the actor;
- **toward**: the tone of the sentence toward the actor (target sentiment), by channel: the outlet's
  narration, others' quoted words, the actor's own words, the headline and the lede;
- **article level**: the headline, the lede (the first two sentences:
  ``analysis.text.segment.STANCE_LEDE_SENTENCES``), and
  the tone of the sentences around the actor's.

Output of :func:`analysis.scores.stance.model.article_stance`, one row per article and actor referred to:
``stance`` in [-1, 1] (the model's probability of a favourable reading minus
that of an unfavourable one), ``stance_label`` (``negative`` below
``thresholds[0]``, ``positive`` above ``thresholds[1]``, else ``neutral``),
``n_evidence`` (sentences, headline included, with at least one evidence word
about the actor) and ``clear`` (``n_evidence >= MIN_EVIDENCE``: below it, show
"no clear stance"). Mentions are found by :class:`analysis.scores.stance.spans.ArticleMentions`, over the
names resolver's :class:`analysis.voices.names.index.NameIndex`.

Modules, from the bottom up: :mod:`~analysis.scores.stance.framing` (the framing list and VADER's lexicon),
:mod:`~analysis.scores.stance.spans` (where a sentence refers to an actor, through the names resolver),
:mod:`~analysis.scores.stance.targets` (target sentiment's features) and
:mod:`~analysis.scores.stance.target_model` (its shipped weights, :func:`target_sentiment`),
:mod:`~analysis.scores.stance.evidence` (what each sentence says about each actor),
:mod:`~analysis.scores.stance.reading` (each article read sentence by sentence: ``stance_evidence``) and
:mod:`~analysis.scores.stance.model` (features, the shipped weights, :func:`article_stance` and
:func:`stance_summary`). Part of the scores layer: besides the layers below (content, voices, text,
resources, tables), it imports :mod:`analysis.scores.sentiment` and :mod:`analysis.scores.tone`.
"""
