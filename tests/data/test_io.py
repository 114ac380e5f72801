import os

import pandas as pd
import pytest

from stance.data.io import (
    AtomicTableWriter,
    iter_table,
    read_table,
    table_format,
    write_table,
    write_text_atomic,
)
from stance.errors import DataError
from tests.conftest import tiny_frame


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_write_then_read_round_trip(tmp_path, suffix):
    frame = tiny_frame(1)
    path = write_table(frame, tmp_path / f"quotes{suffix}")
    back = read_table(path)
    pd.testing.assert_frame_equal(back, frame.astype(str), check_dtype=False)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_iter_table_streams_in_chunks(tmp_path, suffix):
    frame = tiny_frame(2)
    path = write_table(frame, tmp_path / f"quotes{suffix}")
    sizes = [len(chunk) for chunk in iter_table(path, chunk_rows=7)]
    assert sum(sizes) == len(frame)
    assert max(sizes) <= 7


def test_csv_chunks_are_exact_and_keep_every_value_as_text(tmp_path):
    path = tmp_path / "q.csv"
    rows = [f'{i:03d},"line one\nline two, quoted ""{i}""",' for i in range(23)]
    path.write_text("id,text,empty\n" + "\n".join(rows) + "\n", encoding="utf-8")
    chunks = list(iter_table(path, chunk_rows=10))
    assert [len(c) for c in chunks] == [10, 10, 3]
    assert chunks[0].loc[0].tolist() == ["000", 'line one\nline two, quoted "0"', ""]
    assert chunks[2]["id"].tolist() == ["020", "021", "022"]


def test_streamed_csv_with_undecodable_bytes_names_the_row(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(b"id,text\n" + b"1,fine\n" * 30 + b"2,caf\xe9 au lait\n")
    message = r"latin.csv, row 31 \(line 32\): bytes are not valid utf-8"
    with pytest.raises(DataError, match=message):
        list(iter_table(path, chunk_rows=10))


def test_unknown_extension_is_refused(tmp_path):
    with pytest.raises(DataError, match=r"unknown table format '.xlsx'"):
        table_format(tmp_path / "x.xlsx")


def test_missing_file(tmp_path):
    with pytest.raises(DataError, match="file not found"):
        read_table(tmp_path / "absent.csv")


def test_undecodable_bytes_name_the_row(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(b"id,text\n1,fine\n2,caf\xe9 au lait\n")
    with pytest.raises(DataError, match=r"latin.csv, row 2 \(line 3\): bytes are not valid utf-8"):
        read_table(path)


def test_other_encodings_can_be_configured(tmp_path):
    path = tmp_path / "gb.csv"
    path.write_bytes("id,text\n1,乌克兰\n".encode("gb18030"))
    assert read_table(path, encoding="gb18030")["text"].tolist() == ["乌克兰"]


def test_invalid_json_line_names_the_row(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "1"}\n{"id": \n', encoding="utf-8")
    with pytest.raises(DataError, match=r"q.jsonl, row 2: invalid JSON"):
        read_table(path)


def test_atomic_writer_leaves_nothing_on_error(tmp_path):
    target = tmp_path / "out.csv"
    with pytest.raises(RuntimeError), AtomicTableWriter(target) as writer:
        writer.write(tiny_frame(1))
        raise RuntimeError("crash mid-way")
    assert list(tmp_path.iterdir()) == []


def test_atomic_writer_renames_on_success(tmp_path):
    target = tmp_path / "out.parquet"
    with AtomicTableWriter(target) as writer:
        writer.write(tiny_frame(1))
        assert not target.exists()
        writer.write(tiny_frame(1, prefix="b"))
    assert len(read_table(target)) == 30
    assert [p.name for p in tmp_path.iterdir()] == ["out.parquet"]


# ---------------------------------------------------------------- issue #11


def _chunks(path, chunk_rows=2):
    return [chunk.to_dict("records") for chunk in iter_table(path, chunk_rows)]


def test_a_row_wider_than_the_header_is_an_error_naming_the_row(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text("id,text\nA0,fine\nA1,some text,extra\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"q.csv, row 2 \(line 3\): 3 fields, but the header has 2"):
        _chunks(path)
    path.write_text("id,text\nA1,some text,extra\nA2,more,extra\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"q.csv, row 1 \(line 2\): 3 fields"):
        read_table(path)


def test_short_rows_are_padded_and_stray_quotes_are_text(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('id,text,note\n007\n008,"a ""b""",5" screen\n', encoding="utf-8")
    assert read_table(path).to_dict("records") == [
        {"id": "007", "text": "", "note": ""},
        {"id": "008", "text": 'a "b"', "note": '5" screen'},
    ]


def test_an_unclosed_quote_is_an_error_naming_its_row(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('id,text\n1,fine\n2,"never closed\n3,b\n4,c\n', encoding="utf-8")
    message = r"q.csv, row 2 \(line 3\): a quoted field opens here and is never closed"
    with pytest.raises(DataError, match=message):
        _chunks(path)
    with pytest.raises(DataError, match=message):
        read_table(path)


def test_a_byte_order_mark_does_not_untype_the_first_column(tmp_path):
    path = tmp_path / "q.csv"
    path.write_bytes("\ufeffid,text\n007,x\n0012,y\n".encode())
    assert read_table(path)["id"].tolist() == ["007", "0012"]
    assert _chunks(path, 1) == [[{"id": "007", "text": "x"}], [{"id": "0012", "text": "y"}]]


def test_empty_duplicate_and_header_only_csv(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(DataError, match=r"q.csv: empty file \(no header row\)"):
        read_table(path)
    path.write_text("id,text,id\n1,x,2\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"q.csv, header: duplicate column 'id'"):
        read_table(path)
    path.write_text("id,text\n", encoding="utf-8")
    chunks = list(iter_table(path, 5))
    assert [(len(c), list(c.columns)) for c in chunks] == [(0, ["id", "text"])]


def test_jsonl_columns_are_matched_by_name_in_every_chunk(tmp_path):
    path = tmp_path / "q.jsonl"
    lines = [
        '{"id": "1", "text": "a"}',
        '{"text": "b", "id": "2"}',
        '{"id": "3", "extra": "e", "text": "c"}',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    chunks = list(iter_table(path, 1))
    assert [list(c.columns) for c in chunks] == [["id", "text"]] * 2 + [["id", "text", "extra"]]
    assert [c.loc[0, "text"] for c in chunks] == ["a", "b", "c"]
    assert read_table(path).to_dict("records")[0] == {"id": "1", "text": "a", "extra": ""}


def test_json_values_keep_their_spelling(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text(
        '{"id": 1, "n": 1.50, "b": true, "o": {"k": [1, 2.5]}, "z": null}\n'
        '{"id": 9007199254740993, "n": 1e5, "b": false}\n'
        '{"n": -0.0, "b": "True"}\n',
        encoding="utf-8",
    )
    assert read_table(path).to_dict("records") == [
        {"id": "1", "n": "1.50", "b": "true", "o": '{"k": [1, 2.5]}', "z": ""},
        {"id": "9007199254740993", "n": "1e5", "b": "false", "o": "", "z": ""},
        {"id": "", "n": "-0.0", "b": "True", "o": "", "z": ""},
    ]


def test_parquet_values_become_text_without_a_float_round_trip(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "q.parquet"
    table = pa.table(
        {
            "id": pa.array([1, None, 9007199254740993], pa.int64()),
            "flag": pa.array([True, False, None]),
            "tags": pa.array([["a"], [], None]),
        }
    )
    pq.write_table(table, path)
    assert read_table(path).to_dict("records") == [
        {"id": "1", "flag": "true", "tags": '["a"]'},
        {"id": "", "flag": "false", "tags": "[]"},
        {"id": "9007199254740993", "flag": "", "tags": ""},
    ]


def test_duplicate_json_keys_and_empty_jsonl_are_errors(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "1", "text": "a"}\n{"id": "2", "id": "3"}\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"q.jsonl, row 2: duplicate key 'id'"):
        read_table(path)
    path.write_text("\n \n", encoding="utf-8")
    assert read_table(path).shape == (0, 0)  # stance's own output of no rows


def test_jsonl_lines_split_on_newline_only(tmp_path):
    texts = ["a\u2028b", "c\u2029d", "e\x85f", "g\x0bh\x0ci\x1cj"]
    path = write_table(
        pd.DataFrame({"id": ["1", "2", "3", "4"], "text": texts}), tmp_path / "q.jsonl"
    )
    assert read_table(path)["text"].tolist() == texts
    assert [c["text"].tolist() for c in iter_table(path, 3)] == [texts[:3], texts[3:]]


def test_a_file_that_is_not_parquet(tmp_path):
    path = tmp_path / "q.parquet"
    path.write_text("id,text\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"q.parquet: not a readable Parquet file"):
        read_table(path)


def test_the_temporary_is_exclusive_and_stale_ones_are_removed(tmp_path):
    import subprocess
    import sys

    from stance.data.io import remove_stale_temporaries

    target = tmp_path / "out.csv"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    pid = int(dead.stdout)
    stale = [
        tmp_path / f".out.csv.partial-{pid}",
        tmp_path / f".out.csv.partial-{pid}@{os.uname().nodename}.x1y2z3w4",
    ]
    for path in stale:
        path.write_text("left by a killed writer", encoding="utf-8")
    keep = tmp_path / f".out.csv.partial-{os.getpid()}@{os.uname().nodename}.aaaaaaaa"
    keep.write_text("mine", encoding="utf-8")
    with AtomicTableWriter(target) as writer:
        assert writer.tmp_path.name.startswith(f".out.csv.partial-{os.getpid()}@")
        assert writer.tmp_path.is_file() and not writer.tmp_path.is_symlink()
        writer.write(tiny_frame(1))
    assert sorted(remove_stale_temporaries(target)) == sorted(stale)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([keep.name, "out.csv"])


def test_text_is_written_whole_or_not_at_all(tmp_path):
    target = tmp_path / "report.html"
    write_text_atomic("<p>é</p>\n", target)
    assert target.read_text(encoding="utf-8") == "<p>é</p>\n"
    with pytest.raises(TypeError):
        write_text_atomic(None, target)  # fails mid-write: the old file stays, no temporary
    assert target.read_text(encoding="utf-8") == "<p>é</p>\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]
    with pytest.raises(DataError, match="is a folder"):
        write_text_atomic("x", tmp_path)
