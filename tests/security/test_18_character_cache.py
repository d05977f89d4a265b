"""Issue 21, finding 9: the table that folds characters (full-width digits, dashes, invisible
characters) remembered every distinct character it was given: 60 messages of 1,000 new code
points each added ~10 MB to a server for good. It now remembers only the characters it changes
and a bounded number of the others."""

import sys


def test_new_characters_do_not_grow_the_fold_table_without_end():
    from privacy import identity
    from privacy.masking import mask_text

    before = len(identity._FOLD)
    base = 0x20000  # CJK extension B: 42,000 letters nobody types, each a new key
    for n in range(60):
        message = "".join(chr(base + n * 1000 + i) for i in range(1000)) + " 010-2025-0001"
        assert "2025" not in mask_text(message)
    grown = len(identity._FOLD) - before
    assert len(identity._FOLD) <= 25_000, grown  # the characters it changes, and 20,000 others
    assert sys.getsizeof(identity._FOLD) < 2 * 1024 * 1024


def test_folding_still_reads_full_width_digits_and_dashes_after_the_table_is_full():
    from privacy import identity

    for i in range(25_000):
        identity.fold(chr(0x30000 + i))
    assert identity.fold("０１０－２０２５\u200b０００１") == "010-2025 0001"
