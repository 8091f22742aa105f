"""The files of a batch share their fonts' numbering and copy the cells they have in common:
each must read and look exactly as if it had been drawn alone."""

import io
from dataclasses import replace

import pypdfium2
import pytest
from pypdf import PdfReader

from delegation.domain.enums import ParticipantStatus
from delegation.reports import shared_drawing
from delegation.reports.base import build_pdf, styles
from delegation.reports.fallback import Paragraph
from delegation.reports.itinerary import draw_itinerary
from delegation.services.itineraries import ItineraryBuilder
from delegation.services.itinerary_data import read_trip_snapshot


def _pages(pdf: bytes) -> list[tuple[str, bytes]]:
    """Each page's text and its pixels at 50 dpi."""
    texts = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    document = pypdfium2.PdfDocument(pdf)
    pixels = [page.render(scale=50 / 72).to_pil().tobytes() for page in document]
    document.close()
    return list(zip(texts, pixels, strict=True))


@pytest.fixture
def set_anew(monkeypatch) -> list[str]:
    """The paragraphs set line by line, rather than copied from an earlier file."""
    texts: list[str] = []
    draw_lines = Paragraph._draw_lines

    def counting(paragraph, debug):
        texts.append(paragraph.getPlainText())
        draw_lines(paragraph, debug)

    monkeypatch.setattr(Paragraph, "_draw_lines", counting)
    return texts


def test_an_itinerary_drawn_after_others_is_the_one_drawn_alone(demo_workspace, tmp_path, set_anew):
    snapshot = read_trip_snapshot(demo_workspace, "tallinn-2023")
    people = [p for p in snapshot.people if p.status == ParticipantStatus.CONFIRMED]
    first, other = people[0], people[1]
    # A name in scripts the sample lacks: characters first met in the last file of the batch.
    last = replace(first, first_name="Ἑλένη 海伦", last_name="עמר")
    builder = ItineraryBuilder(snapshot)
    builder._people = {p.id: p for p in (*snapshot.people, last)}
    alone = tmp_path / "alone.pdf"
    draw_itinerary(ItineraryBuilder(snapshot).personal(last, "fr"), alone)
    set_alone = len(set_anew)

    for person in (first, other, last):
        set_anew.clear()
        builder.draw_personal(person.id, "fr", tmp_path / f"{person.id}.pdf")

    assert len(set_anew) < set_alone  # the programme's cells were copied, not set again
    in_batch = (tmp_path / f"{last.id}.pdf").read_bytes()
    assert _pages(in_batch) == _pages(alone.read_bytes())
    assert "Ἑλένη 海伦" in PdfReader(io.BytesIO(in_batch)).pages[0].extract_text()


def _drawn_twice(story) -> list[bytes]:
    scope = shared_drawing.SharedDrawing()
    files = []
    with scope.active():
        for _ in range(2):
            out = io.BytesIO()
            build_pdf(out, story(), title="T", header="H")
            files.append(out.getvalue())
    return files


def test_a_paragraph_with_a_link_keeps_it_in_every_file(set_anew):
    paragraph = Paragraph('<a href="https://example.org/plan">Plan du site</a>', styles()["body"])
    files = _drawn_twice(lambda: [paragraph])
    for pdf in files:
        (annotation,) = PdfReader(io.BytesIO(pdf)).pages[0]["/Annots"]
        assert annotation.get_object()["/A"]["/URI"] == "https://example.org/plan"
    assert set_anew == ["Plan du site"] * 2


def test_text_that_reads_like_a_font_name_is_copied_as_written(set_anew):
    text = "Salle /F1+0 (niveau 2) — /F9+3 Tf"
    paragraph = Paragraph(text, styles()["body"])
    files = _drawn_twice(lambda: [paragraph])
    assert set_anew == [text]  # copied into the second file
    for pdf in files:
        assert text in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
