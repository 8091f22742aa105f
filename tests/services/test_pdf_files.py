"""The sample trip's PDFs as files: the booklet's size and fonts, every document's author."""

import shutil
import subprocess

import pytest
from pypdf import PdfReader

from delegation.services.itinerary_batch import export_itineraries
from delegation.services.lists import export_badges, export_participant_pdf, export_rooming_pdf

# The first line of the sample trip's organisers.
SAMPLE_AUTHOR = "Camille Icard — Déléguée générale — +33 6 59 50 88 83"


def _font_files(reader: PdfReader) -> dict[int, str]:
    """The embedded TrueType files (object number: font name) the pages use."""
    files = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            reference = font["/FontDescriptor"].get_object().raw_get("/FontFile2")
            files[reference.idnum] = str(font["/BaseFont"])
    return files


def test_the_booklet_draws_every_person_with_one_set_of_fonts(demo_workspace, tmp_path):
    booklet = tmp_path / "booklet.pdf"
    files = export_itineraries(
        demo_workspace, "tallinn-2023", tmp_path / "people", booklet=booklet, workers=1
    )
    assert len(files) == 54 and all(file.stat().st_size > 10_000 for file in files)
    assert booklet.stat().st_size < 1_500_000  # 4.9 MB when merged from the personal files
    reader = PdfReader(booklet)
    own = [PdfReader(file) for file in files]
    assert len(reader.pages) == sum(len(r.pages) + len(r.pages) % 2 for r in own)
    # One embedded file per face and subset, not one per person: as many as a single
    # itinerary has, give or take a subset of a face that runs past 256 characters.
    fonts = _font_files(reader)
    faces = {name.split("+")[1] for name in fonts.values()}
    assert len(fonts) <= 2 * len(faces) < len(files)
    assert faces == {name.split("+")[1] for r in own for name in _font_files(r).values()}
    # A bookmark per person, in the files' order, on the first page of their itinerary.
    people = [entry for entry in reader.outline if not isinstance(entry, list)]
    assert len(people) == len(files)
    first = PdfReader(files[0])
    assert people[0].title in first.metadata["/Title"]
    days = reader.outline[1]
    assert len([day for day in days if day.title.startswith(("Jour", "Day"))]) == 4


def test_lists_and_badges_name_the_organisers_and_their_language(demo_workspace, tmp_path):
    paths = {
        "participants": tmp_path / "participants.pdf",
        "rooms": tmp_path / "rooms.pdf",
        "badges": tmp_path / "badges.pdf",
    }
    export_participant_pdf(demo_workspace, "tallinn-2023", paths["participants"], language="en")
    export_rooming_pdf(demo_workspace, "tallinn-2023", paths["rooms"], language="fr")
    export_badges(demo_workspace, "tallinn-2023", paths["badges"], language="en")
    expected = {
        "participants": ("Participant list", "en"),
        "rooms": ("Répartition des chambres", "fr"),
        "badges": ("Name badges", "en"),
    }
    for name, path in paths.items():
        reader = PdfReader(path)
        subject, language = expected[name]
        assert reader.metadata["/Author"] == SAMPLE_AUTHOR
        assert reader.metadata["/Subject"] == subject
        assert reader.metadata["/Title"].startswith(subject)
        assert reader.trailer["/Root"]["/Lang"] == language


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed")
def test_pdfinfo_reads_the_same_properties(demo_workspace, tmp_path):
    path = tmp_path / "rooms.pdf"
    export_rooming_pdf(demo_workspace, "tallinn-2023", path, language="fr")
    output = subprocess.run(
        ["pdfinfo", "-enc", "UTF-8", str(path)], capture_output=True, text=True, check=True
    ).stdout
    fields = dict(line.split(":", 1) for line in output.splitlines() if ":" in line)
    assert fields["Title"].strip() == "Répartition des chambres — Mission Tallinn 2023"
    assert fields["Author"].strip() == SAMPLE_AUTHOR
    assert fields["Subject"].strip() == "Répartition des chambres"
    assert fields["Creator"].strip() == "Delegation"
