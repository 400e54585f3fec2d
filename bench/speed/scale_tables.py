"""Make the tables of a scored corpus N times larger, to check the notebooks at a million articles.

Scoring a million generated articles takes hours on two cores; the notebooks only read the tables. This
copies every table of a `presslens score` output N times, giving each copy's articles new ids (``id~k``) and
spreading the copies over the original dates (shifted by k weeks), and writes them with a completion
manifest, as `presslens score` would.

    .venv/bin/python bench/speed/scale_tables.py /tmp/out-100k/scores.parquet /tmp/out-1m/scores.parquet --times 10
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from analysis.tables.files import commit, make_staging, output_paths, table_paths

ID_COLUMNS = ("article_id", "duplicate_of")


def copy_table(source: Path, target: Path, times: int) -> None:
    reader = pq.ParquetFile(source)
    with pq.ParquetWriter(target, reader.schema_arrow) as writer:
        for k in range(times):
            for batch in reader.iter_batches(batch_size=50_000):
                table = pa.Table.from_batches([batch])
                for column in ID_COLUMNS:
                    if column in table.column_names:
                        values = table.column(column)
                        renamed = pc.if_else(pc.is_null(values), values, pc.binary_join_element_wise(values, f"~{k}", ""))
                        table = table.set_column(table.column_names.index(column), column, renamed)
                if "published" in table.column_names and k:
                    shifted = pc.add(table.column("published"), pa.scalar(7 * 86400 * 10**9 * k,
                                                                          pa.duration("ns")))
                    table = table.set_column(table.column_names.index("published"), "published", shifted)
                writer.write_table(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--times", type=int, default=10)
    args = parser.parse_args()
    sources = table_paths(args.source)
    targets = output_paths(args.target, "parquet")
    args.target.parent.mkdir(parents=True, exist_ok=True)
    staging = make_staging(args.target.parent, ".scale-")
    try:
        staged = {}
        for name, path in sources.items():
            staged[name] = staging / path.name
            copy_table(path, staged[name], args.times)
            print(name, pq.ParquetFile(staged[name]).metadata.num_rows, flush=True)
        commit(staged, targets, fmt="parquet")
    finally:
        shutil.rmtree(staging, ignore_errors=True)


if __name__ == "__main__":
    main()
