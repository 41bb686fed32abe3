"""LiftBoard analytics: pure computation, no streamlit or plotly."""

import os as _os

# Arrow's C++ default pool (the one its readers use) follows this variable, read when pyarrow
# loads; set here, it reaches the worker processes too. Its own default here, mimalloc, reserves
# 1 GiB of address space at once, which counted against the fenced reader's memory limit
# (analytics.ingest.fence): the 1,000,000-row bench file's load needed 2.1 GB of data segment
# with it and 1.07 GB with jemalloc, in the same 2.5 s.
_os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "jemalloc")

import pyarrow as _pa

# mimalloc, Arrow's default here, made the same 1M-row parse take 0.55 s or 1.8 s from run to
# run on this 2-core machine; jemalloc was steady at 0.8 s (bench/results.md).
try:
    _pa.set_memory_pool(_pa.jemalloc_memory_pool())
except NotImplementedError:
    _pa.set_memory_pool(_pa.system_memory_pool())
