"""find_duplicates: exact copies, near copies, and the first copy wins."""
from analysis.corpus.dedupe import find_duplicates

STORY = " ".join(f"Line {i} of the report covers the summit and the trade deal in detail." for i in range(30))


def test_exact_copies_ignore_case_and_punctuation():
    found = find_duplicates(["a", "b"], [STORY, STORY.upper().replace(".", "")])
    assert found == {"b": ("a", 1.0)}


def test_near_copy_is_found_and_unrelated_text_is_not():
    edited = STORY.replace("Line 3 of", "Paragraph three of")
    other = " ".join(f"Match {i} ended with a late goal from the visiting side." for i in range(30))
    found = find_duplicates(["a", "b", "c"], [STORY, edited, other])
    assert set(found) == {"b"} and found["b"][0] == "a" and 0.8 <= found["b"][1] < 1


def test_chain_of_copies_points_to_the_first():
    found = find_duplicates(["x", "y", "z"], [STORY, STORY, STORY])
    assert found == {"y": ("x", 1.0), "z": ("x", 1.0)}


def test_short_texts_are_compared_exactly_only():
    assert find_duplicates(["a", "b"], ["Yes.", "No."]) == {}


def test_the_disk_index_finds_what_the_memory_index_finds(tmp_path):
    from analysis.corpus.dedupe import DiskDuplicateIndex, DuplicateIndex

    texts = [STORY, STORY.replace("Line 3 of", "Paragraph three of"), STORY, "Short one.",
             " ".join(f"Match {i} ended with a late goal from the visiting side." for i in range(30))]
    memory, disk = DuplicateIndex(), DiskDuplicateIndex(tmp_path / "index")
    disk.FLUSH = 2
    for k, text in enumerate(texts):
        memory.add(f"a{k}", text, f"2024-01-0{5 - k}")
        disk.add(f"a{k}", text, f"2024-01-0{5 - k}")
    by_text = {f"a{k}": t for k, t in enumerate(texts)}
    fetch = lambda ids: {i: by_text[i] for i in ids}  # noqa: E731
    assert disk.duplicates(fetch=fetch) == memory.duplicates(fetch=fetch)
    assert memory.duplicates()["a0"] == ("a2", 1.0)  # a2 is the earlier copy


def test_a_long_text_is_signed_in_bounded_memory():
    """Issue 23, break 13: the MinHash signature multiplied every shingle by 128 hashes at once (1 KB a word, so
    GBs for one long file); it goes in blocks, its working memory bounded whatever the length."""
    import tracemalloc

    import numpy as np

    from analysis.corpus.dedupe import MINHASH_BLOCK, NUM_PERM, signature

    words = " ".join(f"w{i % 5000} x{i % 7}" for i in range(150_000))
    tracemalloc.start()
    exact, minhash = signature(words)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert minhash is not None and minhash.dtype == np.uint32 and len(minhash) == NUM_PERM
    assert peak < 60 * 1024 * 1024, f"{peak / 2 ** 20:.0f} MB"  # all at once: 300,000 shingles x 1 KB = 290 MB
    assert MINHASH_BLOCK * NUM_PERM * 8 <= 8 * 1024 * 1024
    again = signature(words)
    assert again[0] == exact and (again[1] == minhash).all()


def test_files_over_the_default_cap_are_passed_over_unread(tmp_path):
    """Issue 23, break 13: the default cap is what 2 GB holds (``score`` needs about 51 times a file's size)."""
    from analysis import load_corpus
    from analysis.corpus.readers import MAX_FILE_MB

    assert MAX_FILE_MB == 32  # the command line's default: test_the_command_line_default_cap_is_the_librarys
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "ok.txt").write_text("The port reopened on Monday after a long strike.\n")
    with open(tmp_path / "a" / "big.txt", "wb") as handle:
        handle.truncate((MAX_FILE_MB + 1) * 1024 * 1024)  # sparse: its size is all the cap reads
    problems = load_corpus(tmp_path).problems
    assert problems.set_index("path").loc["a/big.txt", "message"].startswith("33 MB, over the limit of 32 MB")
