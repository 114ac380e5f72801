import pandas as pd
import pytest

from stance.data.io import AtomicTableWriter, iter_table, read_table, table_format, write_table
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
    with pytest.raises(DataError, match=r"latin.csv, near row 31: bytes are not valid utf-8"):
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
