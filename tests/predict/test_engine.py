"""The engine dispatch of `stance predict`: which inputs and engines make one job."""

import pytest

from stance.errors import UsageError
from stance.predict.engine import check_job, interrupted_message


@pytest.mark.parametrize(
    ("input", "articles", "engine", "message"),
    [
        (None, None, "local", "exactly one of --input (quotes) or --articles"),
        ("in.csv", "docs", "local", "exactly one of --input (quotes) or --articles"),
        ("in.csv", None, "dask", "--engine must be local or spark, not 'dask'"),
        (None, "docs", "spark", "--articles works with --engine local only"),
    ],
)
def test_bad_jobs_stop_in_one_line(input, articles, engine, message):
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_job(input, articles, engine)


def test_only_the_local_quote_engine_offers_a_resume(tmp_path):
    output = tmp_path / "out.csv"
    assert interrupted_message(output) == f"no output written to {output}"
    assert interrupted_message(output, "spark") == f"no output written to {output}"
