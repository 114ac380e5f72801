"""The numba kernels load where numba can write no cache (read-only installs)."""

import subprocess
import sys

import pytest

from tests.conftest import PROJECT

PROBE = """
import numba.core.caching as caching
caching.CacheImpl._locator_classes = {locators}
import numpy as np
from stance.models import ngram_kernels
codes = np.array([104, 105, 104, 105], np.int32)
hashes = ngram_kernels.token_hashes(codes, np.array([0, 2, 4], np.int64))
print(hashes[0] == hashes[1])
"""


def run_probe(locators: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", PROBE.format(locators=locators)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env={"PYTHONPATH": str(PROJECT / "src"), "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.slow  # compiles every kernel without a cache: seconds
def test_kernels_compile_without_a_cache_location():
    # No locator: numba cannot cache anywhere, as on a read-only file system.
    result = run_probe("[]")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_numba_itself_refuses_cache_true_without_a_location():
    # The condition the fallback handles; if numba stops raising, the fallback can go.
    code = (
        "import numba.core.caching as c; c.CacheImpl._locator_classes = []\n"
        "from numba import njit\n"
        "njit(cache=True)(lambda x: x)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0
    assert "no locator available" in result.stderr
