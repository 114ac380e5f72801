"""Errors that the CLI reports as one line, without a traceback."""


def first_line(exc: BaseException, default: str | None = None) -> str:
    """The first non-blank line of an exception's message: libraries' errors run to
    pages, and the CLI reports one line. Blank messages give `default` (the type name)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else (default or type(exc).__name__)


class StanceError(Exception):
    """Base class for user-facing errors: bad config, bad data, missing files."""


class ConfigError(StanceError):
    """A config file, key or value is wrong."""


class DataError(StanceError):
    """A data file is missing, unreadable or breaks the schema."""


class ModelError(StanceError):
    """A model cannot be loaded or does not fit the input."""


class SetupError(StanceError):
    """A program or package the command needs is not installed."""


class UsageError(StanceError):
    """Command options that contradict each other or name no known choice."""
