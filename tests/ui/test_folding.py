"""Text folded for searching and sorting: one value, or a column of them in one piece."""

import random
import unicodedata

from delegation.ui.models.folding import folded, folded_column


def test_folding_drops_case_and_accents_and_nothing_else():
    assert folded("Hélène ÕUNAPUU") == "helene ounapuu"
    assert folded("Straße") == "strasse" and folded("ﬁnale") == "finale"
    assert folded("Κώστας 王小明") == "κωστασ 王小明"  # a final sigma as any sigma
    assert folded("e\u0301t\u00e9") == "ete"  # decomposed or not


def test_a_column_is_folded_as_each_of_its_values():
    rng = random.Random(5)
    pool = [chr(c) for c in range(0x20, 0x3000) if unicodedata.category(chr(c))[0] != "C"]
    pool += ["\u0301", "\u0308", "e\u0301", "ﬁ", "İ", "ß", "Ǆ", "Hélène", "\n"]
    values = ["".join(rng.choices(pool, k=rng.randint(0, 12))) for _ in range(5_000)]
    values += values[:1000]  # repeated, as names are
    assert folded_column(values) == [folded(value) for value in values]
    without_breaks = [value.replace("\n", " ") for value in values]
    assert folded_column(without_breaks) == [folded(value) for value in without_breaks]
    assert folded_column(["Noël", "noel", "NOËL"]) == ["noel"] * 3
    assert folded_column(["A@B.EE", ""]) == ["a@b.ee", ""] and folded_column([]) == []
