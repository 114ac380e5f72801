"""Passwords in URIs never reach a message, a log line or a traceback."""

import logging
import sys

import pytest

from stance import secrets


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (
            "postgresql+psycopg://user:PASSWORD@db:5432/runs",
            "postgresql+psycopg://user:***@db:5432/runs",
        ),
        ("'postgres://u:p@ss/w@h/db' is not", "'postgres://u:***@h/db' is not"),
        ("http://a:b@h/x then sqlite:///x.db", "http://a:***@h/x then sqlite:///x.db"),
        ("host=h password=PASSWORD user=u", "host=h password=*** user=u"),
        ("https://host/path@x and user@host", "https://host/path@x and user@host"),
    ],
)
def test_mask_hides_passwords_and_nothing_else(text, masked):
    assert secrets.mask(text) == masked


def test_one_line_caps_the_length():
    line = secrets.one_line("x" * 10_000, limit=100)
    assert line.startswith("x" * 100) and line.endswith("(9,900 more characters)")


def test_log_records_and_tracebacks_are_masked(caplog, capsys, monkeypatch):
    monkeypatch.setattr(logging, "_logRecordFactory", logging.getLogRecordFactory())
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    secrets.install()
    with caplog.at_level(logging.WARNING):
        logging.getLogger("mlflow.store").warning("cannot reach %s", "postgresql://u:SECRET@h/db")
    assert "SECRET" not in caplog.text and "u:***@h" in caplog.text
    try:
        raise RuntimeError("bad uri postgresql://u:SECRET@h/db")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    err = capsys.readouterr().err
    assert "SECRET" not in err and "RuntimeError: bad uri postgresql://u:***@h/db" in err
