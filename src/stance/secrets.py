"""Credentials never reach the screen or a log: `user:PASSWORD@host` becomes `user:***@host`.

Tracking and database URIs carry passwords (`postgresql+psycopg://user:PASSWORD@host/db`);
every message the CLI prints, every log line and every uncaught traceback goes through
`mask`.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback

# scheme://user:password@ : the password runs to the last '@' before the next space.
_USERINFO = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@'\"]*):(?P<secret>\S*)@")
_QUERY = re.compile(r"(?i)(?P<head>\b(?:password|passwd|pwd|token|secret)=)(?P<secret>[^&\s'\"]+)")
HIDDEN = "***"
MAX_MESSAGE = 2_000  # characters of one error line


def mask(text: str) -> str:
    """`text` with the passwords of URIs (and password=… parameters) replaced by ***."""
    text = _USERINFO.sub(lambda m: f"{m['head']}:{HIDDEN}@", text)
    return _QUERY.sub(lambda m: f"{m['head']}{HIDDEN}", text)


def one_line(text: str, limit: int = MAX_MESSAGE) -> str:
    """A masked message cut to `limit` characters (a YAML alias bomb made 5 MB errors)."""
    text = mask(text)
    if len(text) > limit:
        text = f"{text[:limit]}… ({len(text) - limit:,} more characters)"
    return text


def _masking_factory(factory):
    def make(*args, **kwargs):
        record = factory(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed log call: leave it to logging
            return record
        record.msg, record.args = mask(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = mask("".join(traceback.format_exception(*record.exc_info)))
        return record

    make.stance_masks = True
    return make


def install() -> None:
    """Mask every log record of every logger, and tracebacks that nothing catches."""
    factory = logging.getLogRecordFactory()
    if not getattr(factory, "stance_masks", False):
        logging.setLogRecordFactory(_masking_factory(factory))

    def excepthook(kind, value, tb):
        sys.stderr.write(mask("".join(traceback.format_exception(kind, value, tb))))

    sys.excepthook = excepthook
