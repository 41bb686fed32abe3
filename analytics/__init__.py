"""LiftBoard analytics: pure computation, no streamlit or plotly."""

import pyarrow as _pa

# mimalloc, Arrow's default here, made the same 1M-row parse take 0.55 s or 1.8 s from run to
# run on this 2-core machine; jemalloc was steady at 0.8 s (bench/results.md).
try:
    _pa.set_memory_pool(_pa.jemalloc_memory_pool())
except NotImplementedError:
    _pa.set_memory_pool(_pa.system_memory_pool())
