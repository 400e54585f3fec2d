"""Content: what the articles are about and who is in them, from codebooks, dictionaries and actors files.

- :mod:`~analysis.content.matcher`: the one matcher of patterns (fixed, glob, regex) over the one tokenizer;
- :mod:`~analysis.content.dictionaries`: codebooks and dictionaries in the formats researchers bring;
- :mod:`~analysis.content.keywords`: term counts, keyness, collocations, keyword in context;
- :mod:`~analysis.content.topics`: topic mentions and coverage, the audit of a codebook, provisional topics;
- :mod:`~analysis.content.actors`: actors files, actor mentions, who speaks, stand-in actors from the corpus.

Layer: imports :mod:`analysis.voices` (names, for stand-in actors), :mod:`analysis.text`,
:mod:`analysis.resources` and the base modules.
"""
