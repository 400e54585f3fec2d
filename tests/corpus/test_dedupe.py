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
