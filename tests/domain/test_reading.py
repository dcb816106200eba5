"""The reader as a whole: `read` sends a thread's reply to the moves and anything else to the
front door (tests/domain/reading/ tests each), never raises, and reads fast."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from domain.reading import Context, Where, read
from tests.domain.reading.contexts import DM, NAMES, THREAD_NL


@given(st.text(max_size=600), st.sampled_from(list(Where)))
def test_never_raises(text, where):
    read(text, Context(where, creators=NAMES))


def test_a_reading_takes_well_under_a_millisecond():
    texts = ["kan het ook met tien dagen, alleen op TikTok?", "hoe doet Zoe het?"] * 200
    start = time.perf_counter()
    for i, text in enumerate(texts):
        read(text + str(i), THREAD_NL if i % 2 == 0 else DM)
    assert (time.perf_counter() - start) / len(texts) < 0.001
