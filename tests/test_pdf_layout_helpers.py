"""Small geometry helpers of the PDF layout, rewritten for speed: their exact choices pinned."""

from __future__ import annotations

from yusuan.readers.pdf_extract import Char
from yusuan.readers.pdf_layout import _drop_slivers, _nearest, join_chars


def test_nearest_boundary_takes_the_lower_one_on_a_tie_and_clamps_at_the_ends() -> None:
    bounds = [10.0, 20.0, 40.0]
    assert _nearest(bounds, 15.0) == 0  # equally far from 10 and 20
    assert _nearest(bounds, 15.1) == 1
    assert _nearest(bounds, 31.0) == 2
    assert _nearest(bounds, -5.0) == 0
    assert _nearest(bounds, 99.0) == 2
    assert _nearest(bounds, 20.0) == 1


def test_empty_narrow_band_of_a_double_frame_is_dropped_and_a_filled_one_kept() -> None:
    # bands: [0,4) empty and narrow (outer frame), [4,50) text, [50,53) empty and narrow
    bounds = [0.0, 4.0, 50.0, 53.0]
    kept = _drop_slivers(bounds, [10.0, 30.0])
    assert kept == [0.0, 53.0]  # the inner line of each double border goes, the outer stays
    # a centre on a boundary belongs to the band below it (bounds[k] <= v < bounds[k + 1])
    assert _drop_slivers(bounds, [10.0, 50.0]) == [0.0, 50.0, 53.0]


def test_space_only_between_latin_words_visibly_apart() -> None:
    def ch(t: str, x0: float) -> Char:
        return Char(t, x0, 0.0, x0 + 5.0, 10.0, 10.0)

    assert join_chars([ch("A", 0.0), ch("B", 5.2)]) == "AB"  # 0.2pt: touching
    assert join_chars([ch("A", 0.0), ch("B", 8.0)]) == "A B"  # 3pt > a quarter of the size
    assert join_chars([ch("A", 0.0), ch("B", 7.0)]) == "AB"  # 2pt < 2.5pt
    assert join_chars([ch("预", 0.0), ch("算", 9.0)]) == "预算"
