"""`stance server`: one MLflow tracking server for a team.

Runs live in a SQL database (PostgreSQL through psycopg 3); the server proxies
artifacts (`--serve-artifacts`), so clients need only its URL, never access to
the artifact store. The checks here turn the usual mistakes (no driver, a wrong
database URI, a busy port) into one line before MLflow starts its workers.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

from stance import paths
from stance.errors import StanceError, first_line
from stance.secrets import mask

BACKEND_ENV = "STANCE_BACKEND_STORE_URI"
MLFLOW_BACKEND_ENV = "MLFLOW_BACKEND_STORE_URI"  # what `mlflow server` reads
INSTALL_HINT = "pip install 'stance[server]'"
CONNECT_TIMEOUT_S = 5
# MLflow's background job runner (LLM judges, trace rollups) is not used by stance.
SERVER_ENV = {"MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"}


def backend_store_uri(given: str | None) -> str:
    """The database URI from --backend-store-uri or $STANCE_BACKEND_STORE_URI."""
    uri = given or os.environ.get(BACKEND_ENV)
    if not uri:
        raise StanceError(
            f"give --backend-store-uri or set ${BACKEND_ENV}, "
            "e.g. postgresql+psycopg://USER@HOST:5432/DB"
        )
    # SQLAlchemy reads a bare postgresql:// as psycopg2, which stance does not install.
    for bare in ("postgresql://", "postgres://"):
        if uri.startswith(bare):
            return "postgresql+psycopg://" + uri.removeprefix(bare)
    return uri


def artifacts_destination(given: str | None) -> str:
    """A URI for the artifact store: `s3://…` as given, a path as a file URI."""
    if not given:
        return (paths.project_root() / "mlartifacts").as_uri()
    if "://" in given:
        return given
    return Path(given).expanduser().resolve().as_uri()


def _database_url(uri: str):
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(uri)
        url.port  # noqa: B018  (SQLAlchemy checks the port only when asked)
    except (ArgumentError, ValueError) as exc:
        reason = "its port is not a number" if isinstance(exc, ValueError) else "malformed"
        # Not echoed unless it parses as a URI: what the password is cannot be told.
        shown = repr(mask(uri)) if "://" in uri else "the backend store URI"
        raise StanceError(
            f"{shown} is not a database URI ({reason}); expected "
            "postgresql+psycopg://USER:PASSWORD@HOST:PORT/DB"
        ) from None
    return url


def check_database(uri: str) -> None:
    """Connect once, so that a wrong URI fails here rather than in every worker."""
    import sqlalchemy
    from sqlalchemy.pool import NullPool

    url = _database_url(uri)
    if url.get_backend_name() == "sqlite":
        return
    port = f":{url.port}" if url.port else ""
    where = f"{url.host or 'localhost'}{port}/{url.database}"
    timeout = (
        {"connect_timeout": CONNECT_TIMEOUT_S} if url.get_backend_name() == "postgresql" else {}
    )
    try:
        engine = sqlalchemy.create_engine(url, poolclass=NullPool, connect_args=timeout)
    except sqlalchemy.exc.NoSuchModuleError:
        raise StanceError(
            f"{mask(uri)!r}: unknown database scheme {url.drivername!r}; "
            "use postgresql+psycopg://USER@HOST:5432/DB"
        ) from None
    except ImportError as exc:
        raise StanceError(
            f"the database driver {exc.name or ''} is not installed; for PostgreSQL, "
            f"use postgresql+psycopg:// URIs and {INSTALL_HINT}"
        ) from None
    try:
        with engine.connect():
            pass
    except sqlalchemy.exc.DBAPIError as exc:
        reason = first_line(exc.orig, default="failed")
        raise StanceError(f"cannot connect to the database at {where}: {mask(reason)}") from None
    finally:
        engine.dispose()


def check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as sock:
        # As the server will: a port left in TIME_WAIT by a stopped server is free.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise StanceError(
                f"cannot listen on {host}:{port}: {exc.strerror}; is a server running there? "
                "Pick another --port"
            ) from None


def tracking_url(host: str, port: int) -> str:
    """The URL clients use: this machine's name when bound to every interface."""
    if host in ("0.0.0.0", "::", ""):
        host = socket.getfqdn()
    return f"http://{host}:{port}"


def server_command(
    artifacts: str, host: str, port: int, workers: int | None = None, extra: list[str] | None = None
) -> list[str]:
    """`mlflow server` with proxied artifacts; the database URI goes in `server_env`."""
    command = [sys.executable, "-m", "mlflow", "server", "--serve-artifacts"]
    command += ["--artifacts-destination", artifacts, "--host", host, "--port", str(port)]
    if workers:
        command += ["--workers", str(workers)]
    return command + list(extra or [])


def server_env(backend: str) -> dict[str, str]:
    """The server's environment. The database URI travels here rather than in the
    command line, where `ps` would show its password to every user of the machine."""
    return {**os.environ, **SERVER_ENV, MLFLOW_BACKEND_ENV: backend}


def checked_backend(backend: str | None, host: str, port: int) -> str:
    """The backend store URI, once the database answers and the port is free."""
    uri = backend_store_uri(backend)
    check_database(uri)
    check_port_free(host, port)
    return uri
