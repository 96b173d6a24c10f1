"""JSON out of the server: answers, SSE frames and stored documents, one encoder for all.

msgspec, because ``json.dumps`` (an encoder built per call, then pure-Python iteration) was the
largest single cost of an answer and of the writer in profiles. msgspec ≥ 0.19 (the pinned range)
writes integers of any size, so a payload's integer beyond 64 bits needs no second encoder
(tests/test_server_api.py round-trips one through answers, storage and SSE).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

json_bytes: Callable[[Any], bytes] = msgspec.json.encode  # compact UTF-8 JSON of a value
