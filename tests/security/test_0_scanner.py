"""The leak scanner itself: it must find a number written into one stored cell and must not
invent one from two neighbouring cells (a false finding fails the suite by the clock)."""

from sec import CELL, scan


def _row(*cells) -> str:
    return CELL.join(map(str, cells))


def test_a_timestamp_beside_the_next_cells_year_is_no_phone_number():
    # Microseconds that start with a mobile prefix, then the next column's year.
    row = _row("ops:rev", "2026-12-07 22:25:51.019191", "2026-12-07 22:25:50.019191", 3, None)
    assert scan({"store.revocations": row}) == []


def test_a_phone_number_inside_one_cell_is_still_found():
    row = _row("ops:rev", "2026-12-07 22:25:51.019191", "memo 010-4821-7730", 3)
    assert [what for _, what, _ in scan({"store.revocations": row})] == ["a full mobile number"]


def test_a_phone_number_spelled_loosely_inside_one_cell_is_still_found():
    row = _row("x", "전화 010 ㅡ 4821 ㅡ 7730 이에요")
    assert [what for _, what, _ in scan({"store.events": row})] == ["a full mobile number"]
