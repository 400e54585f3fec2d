"""Reading a report page as an editor does: every sentence that says "all", "every", "complete" or "full" of a
table must speak of a table that is whole.

A page is read in order into blocks: headings, paragraphs (the Markdown's, and the findings), tables (with their
caption) and chart pictures (with their alt text). Tables and charts carry what they hold, as
:func:`analysis.report.show.show_table` and :func:`analysis.report.show.show_chart` record it: ``data-rows-shown``,
``data-rows-total``, ``data-csv`` and ``data-csv-rows`` (a chart that is not drawn records it on the paragraph that
stands for it).

Each claim (a clause with one of the words) is checked against the table it refers to, by these rules:

1. A clause that names a CSV file (``removed.csv``) speaks of it: the CSV must hold every row of its table.
2. A clause that names "the CSV" (the chart's, its) speaks of the CSV of its own block, or of the chart before it in
   its section: that CSV must hold every row.
3. Otherwise, a clause that speaks of what the page shows ("shown", "below", "listed", "above") refers to its own
   table (a caption), to the nearest table before it ("above"), or to the next table of its section (else the one
   before): every row must be shown. In a page's introduction (before its first section), such a clause must name
   its table's CSV instead.
4. Any other clause in a section refers to its own table or chart, else to the next one of its section (else the one
   before): its CSV (or, without one, the page) must hold every row.

:func:`violations` returns what breaks a rule, in words; an empty list is a page that never overstates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

CLAIM = re.compile(r"\b(all|every|complete|completely|full|fully|whole)\b", re.IGNORECASE)
CSV_NAME = re.compile(r"\b([\w.-]+\.csv)\b")
THE_CSV = re.compile(r"\b(the|its|chart's|table's) CSV\b")
DISPLAY = re.compile(r"\b(shown|show|shows|below|above|listed|lists)\b", re.IGNORECASE)
ABOVE = re.compile(r"\babove\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")


@dataclass
class Block:
    kind: str  # "heading", "text", "finding", "table", "chart"
    text: str = ""
    attrs: dict = field(default_factory=dict)
    section: int = 0  # 0: the page's introduction, before its first h2

    @property
    def holds_data(self) -> bool:
        return "data-rows-total" in self.attrs

    def number(self, key: str) -> int | None:
        value = self.attrs.get(key)
        return None if value is None else int(value)

    def whole_csv(self) -> bool:
        if "data-csv" not in self.attrs:
            return self.whole_page()
        return self.number("data-csv-rows") >= self.number("data-rows-total")

    def whole_page(self) -> bool:
        shown = self.number("data-rows-shown")
        return shown is not None and shown >= self.number("data-rows-total")


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.open: Block | None = None
        self.depth = 0
        self.in_caption = False
        self.table: Block | None = None
        self.section = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        data = {k: v for k, v in attrs.items() if k.startswith("data-")}
        if tag == "h2":
            self.section += 1
        if tag in ("h1", "h2", "h3", "h4"):
            self._start(Block("heading", section=self.section), tag)
        elif tag in ("p", "li") and self.open is None and self.table is None:
            finding = "presslens-finding" in (attrs.get("class") or "")
            self._start(Block("finding" if finding else "text", attrs=data, section=self.section), tag)
        elif tag == "table" and "presslens-table" in (attrs.get("class") or ""):
            self.table = Block("table", attrs=data, section=self.section)
            self.blocks.append(self.table)
        elif tag == "caption" and self.table is not None:
            self.in_caption = True
        elif tag == "img":
            self.blocks.append(Block("chart", text=attrs.get("alt") or "", attrs=data, section=self.section))
        elif self.open is not None and tag == self.open_tag:
            self.depth += 1

    def _start(self, block: Block, tag: str) -> None:
        self.open, self.open_tag, self.depth = block, tag, 1
        self.blocks.append(block)

    def handle_endtag(self, tag):
        if tag == "caption":
            self.in_caption = False
        elif tag == "table" and self.table is not None:
            self.table = None
        elif self.open is not None and tag == self.open_tag:
            self.depth -= 1
            if self.depth == 0:
                self.open = None

    def handle_data(self, data):
        if self.in_caption and self.table is not None:
            self.table.text += data
        elif self.open is not None:
            self.open.text += data


def page_blocks(html: str) -> list[Block]:
    """A page's headings, paragraphs, tables and charts, in reading order (texts with spaces made plain)."""
    reader = _Reader()
    reader.feed(html)
    for block in reader.blocks:
        block.text = " ".join(block.text.replace("\u00a0", " ").replace("¶", "").split())
    return [b for b in reader.blocks if b.text or b.holds_data]


def clauses(text: str) -> list[str]:
    """A text's clauses: its sentences, cut at semicolons."""
    return [c.strip() for sentence in SENTENCE_END.split(text) for c in sentence.split(";") if c.strip()]


def claims(blocks: list[Block]) -> list[tuple[int, str]]:
    """``(block index, clause)`` of every clause that says all, every, complete or full."""
    return [(i, c) for i, b in enumerate(blocks) if b.kind != "heading" for c in clauses(b.text) if CLAIM.search(c)]


def violations(blocks: list[Block], csv_dir: Path | None = None) -> list[str]:
    """What on the page breaks the rules of the module docstring (and, with ``csv_dir``, any table or chart whose
    recorded CSV rows are not the rows of its file there)."""
    found = []
    by_csv = {b.attrs["data-csv"]: b for b in blocks if "data-csv" in b.attrs}
    if csv_dir is not None:
        for name, block in by_csv.items():
            rows = _csv_rows(Path(csv_dir) / name)
            if rows != block.number("data-csv-rows"):
                found.append(f"{name} has {rows} rows, but the page says it holds {block.number('data-csv-rows')}")
    for i, clause in claims(blocks):
        block = blocks[i]
        named = CSV_NAME.findall(clause)
        if named:
            for name in named:
                target = by_csv.get(name)
                if target is None:
                    found.append(f"“{clause}” names {name}, which no table or chart of the page wrote")
                elif not target.whole_csv():
                    found.append(f"“{clause}”: {name} holds {target.number('data-csv-rows')} of "
                                 f"{target.number('data-rows-total')} rows")
            continue
        if THE_CSV.search(clause):
            target = block if block.holds_data else _near(blocks, i, kinds=("chart", "finding"), forward=False)
            if target is None or not target.whole_csv():
                found.append(f"“{clause}”: {_describe(target)} is not whole")
            continue
        if DISPLAY.search(clause):
            if block.section == 0:
                found.append(f"“{clause}” (in the introduction) says all of what the page shows, but names no table")
                continue
            target = block if block.kind == "table" else _above(blocks, i) if ABOVE.search(clause) else \
                _near(blocks, i, kinds=("table",))
            if target is not None and not target.whole_page():
                found.append(f"“{clause}”: the page shows {target.number('data-rows-shown')} of "
                             f"{target.number('data-rows-total')} rows of {_describe(target)}")
            continue
        if block.section == 0:
            continue  # the introduction's claims are about the data, not a table
        target = block if block.holds_data else _near(blocks, i, kinds=("table", "chart", "finding"))
        if target is not None and not target.whole_csv():
            found.append(f"“{clause}”: {_describe(target)} is not whole")
    return found


def _near(blocks: list[Block], i: int, *, kinds: tuple[str, ...], forward: bool = True) -> Block | None:
    """The next block of ``kinds`` that holds data in the same section (else the one before)."""
    section = blocks[i].section
    after = [b for b in blocks[i + 1:] if b.section == section and b.kind in kinds and b.holds_data]
    before = [b for b in blocks[:i][::-1] if b.section == section and b.kind in kinds and b.holds_data]
    ordered = (after + before) if forward else (before + after)
    return ordered[0] if ordered else None


def _above(blocks: list[Block], i: int) -> Block | None:
    """The nearest table before block ``i``, in any section ("the table above lists every story")."""
    return next((b for b in blocks[:i][::-1] if b.kind == "table" and b.holds_data), None)


def _describe(block: Block | None) -> str:
    if block is None:
        return "no table or chart"
    return f"the {block.kind} {block.attrs.get('data-csv', '(no CSV)')}"


def _csv_rows(path: Path) -> int | None:
    import pandas as pd

    return len(pd.read_csv(path, keep_default_na=False)) if path.exists() else None
