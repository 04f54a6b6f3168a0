"""The note-parsing bench's scoring: what it counts as the same value, on a labelled file it
writes and reads back."""

from __future__ import annotations

import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import notes_accuracy  # noqa: E402


def test_a_bracketed_medium_is_not_a_difference() -> None:
    assert notes_accuracy.lenient("Rural Studies [Online]") == notes_accuracy.lenient(
        "Rural Studies"
    )
    assert notes_accuracy.lenient("Counting rain [Internet]") == "countingrain"


def test_other_bracketed_words_still_differ() -> None:
    assert notes_accuracy.lenient("Counting rain [sic]") != notes_accuracy.lenient("Counting rain")


def test_the_bench_scores_a_labelled_file_with_a_medium_in_the_label(tmp_path: Path) -> None:
    labelled = tmp_path / "labelled.jsonl"
    row = {
        "id": "t-1",
        "source": "anystyle/test",
        "text": "Okafor, C. (2018). Counting the rain. Rural Studies, 12(3), 45–61.",
        "authors": ["Okafor, C."],
        "title": "Counting the rain [Online]",
        "container": "Rural Studies",
        "date": "2018",
        "year": 2018,
    }
    labelled.write_text(json.dumps(row) + "\n", encoding="utf-8")
    out = tmp_path / "figures.json"
    assert notes_accuracy.main([str(labelled), "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["all"]["fields"]["title"]["tp"] == 1
    assert figures["all"]["fields"]["container"]["tp"] == 1
