"""Errors that the CLI reports as one line, without a traceback."""


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
