"""The printed lists through the command line: PDF participant list, badges, host lists."""

import pytest
from pypdf import PdfReader


@pytest.fixture
def db(cli, database) -> str:
    assert cli("--db", database, "demo").returncode == 0
    return database


def _text(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_participants_as_pdf_with_and_without_sensitive_fields(cli, db, tmp_path):
    plain, full = tmp_path / "participants.pdf", tmp_path / "full.pdf"
    result = cli(
        "--db", db, "--lang", "fr", "export", "participants", "tallinn-2023", "-o", str(plain)
    )
    assert result.returncode == 0, result.stderr
    assert "pages" in result.stdout and str(plain) in result.stdout
    result = cli(
        "--db", db, "export", "participants", "tallinn-2023", "-o", str(full),
        "--include-sensitive", "--lang", "en",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Liste des participants" in _text(plain) and "Passeport" not in _text(plain)
    assert "Passport number" in _text(full) and "Participant list" in _text(full)


def test_badges_in_both_layouts(cli, db, tmp_path):
    eight, ten = tmp_path / "eight.pdf", tmp_path / "ten.pdf"
    assert cli("--db", db, "export", "badges", "tallinn-2023", "-o", str(eight)).returncode == 0
    result = cli(
        "--db", db, "export", "badges", "tallinn-2023", "-o", str(ten), "--layout", "85x55"
    )
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(eight).pages) > len(PdfReader(ten).pages) >= 1
    wrong = cli("--db", db, "export", "badges", "tallinn-2023", "-o", str(ten), "--layout", "A7")
    assert wrong.returncode == 2 and "A7" in wrong.stderr


def test_host_and_supplier_lists(cli, db, tmp_path):
    for kind, expected in (
        ("visitors", "Passport number"),
        ("dietary", "Vegetarian"),  # the sample's "végétarien", in the document's language
        ("rooming", "Hotel Telegraaf"),
    ):
        target = tmp_path / f"{kind}.pdf"
        result = cli("--db", db, "export", kind, "tallinn-2023", "-o", str(target))
        assert result.returncode == 0, result.stderr
        assert expected in _text(target)


def test_the_rooming_workbook_is_still_a_workbook(cli, db, tmp_path):
    target = tmp_path / "rooming.xlsx"
    result = cli("--db", db, "export", "rooming", "tallinn-2023", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_bytes()[:2] == b"PK"


def test_a_list_to_a_wrong_suffix_is_refused_in_one_line(cli, db, tmp_path):
    result = cli("--db", db, "export", "visitors", "tallinn-2023", "-o", str(tmp_path / "v.txt"))
    assert result.returncode == 2  # a wrong option: usage
    assert result.stderr.count("\n") == 1 and ".pdf" in result.stderr
    assert not (tmp_path / "v.txt").exists()


def test_an_alignment_page_for_each_layout(cli, db, tmp_path):
    for layout, labels in (("90x54", 8), ("85x55", 10)):
        target = tmp_path / f"test-{layout}.pdf"
        result = cli(
            "--db", db, "--lang", "fr", "export", "badges", "tallinn-2023", "-o", str(target),
            "--alignment", "--layout", layout,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        (page,) = PdfReader(target).pages
        text = " ".join(page.extract_text().split())
        width, height = layout.split("x")
        assert text.count(f"étiquette de {width} mm × {height} mm") == labels
        assert "Nicolaï" not in text  # a test page, not the badges
