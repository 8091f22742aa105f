"""A batch of personal itineraries: one PDF per confirmed participant, named after them,
drawn on every core by worker processes that each receive the trip once, and the
booklet of them all, drawn by one of them."""

import contextlib
import errno
import multiprocessing
import os
import queue
import re
import unicodedata
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path

from delegation.domain.enums import ParticipantStatus
from delegation.domain.errors import UnwritableError, ValidationError
from delegation.domain.private_files import make_private_folder
from delegation.i18n import _
from delegation.i18n.system_errors import unwritable
from delegation.reports.fonts import register_fonts
from delegation.reports.itinerary_booklet import BookletStopped
from delegation.services.itineraries import ItineraryBuilder, itinerary_language, pdf_path
from delegation.services.itinerary_data import (
    PersonRecord,
    TripSnapshot,
    read_trip_snapshot,
)
from delegation.services.outputs import checked_output
from delegation.services.workspace import Workspace

Progress = Callable[[int, int], object]


# Refused by Windows in a file name ("/" everywhere), and the control characters.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
# Invisible marks that reorder how a name reads (a file "…‮fdp.exe" shows as "…exe.pdf");
# the joiners Persian and Indic spellings need (U+200C, U+200D) stay.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Names Windows keeps for devices, whatever extension follows: "CON.pdf" cannot be made.
_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"{device}{number}" for device in ("COM", "LPT") for number in "123456789¹²³"]
)
# In UTF-8 bytes: file systems allow 255, and room is left for "_2.pdf" and the temporary
# name the file is written under first.
_STEM_BYTES = 120


def _name_part(text: str) -> str:
    """A name as a file name holds it: in its own script, NFC (as macOS and zip tools
    expect), its spaces as underscores, without the characters a file system refuses."""
    text = _UNSAFE.sub(" ", unicodedata.normalize("NFC", text))
    kept = "".join(
        char
        for char in text
        if char not in _BIDI_CONTROLS and unicodedata.category(char) not in ("Cc", "Cs", "Cn")
    )
    return "_".join(kept.split())


def _shortened(stem: str) -> str:
    """The stem within _STEM_BYTES, cut before a letter rather than between it and its accent."""
    cut = stem
    while len(cut.encode()) > _STEM_BYTES or (
        len(cut) < len(stem) and unicodedata.category(stem[len(cut)]).startswith("M")
    ):
        cut = cut[:-1]
    return cut


def safe_file_name(person: PersonRecord, taken: set[str]) -> str:
    """ "Tamm_Kadri.pdf", "王_小明.pdf": the name as written, safe on Windows, macOS and
    Linux, unique within `taken` (compared as those file systems do, ignoring case)."""
    parts = (_name_part(person.last_name), _name_part(person.first_name))
    # Windows drops a trailing dot or space; a leading dot hides a file elsewhere.
    stem = _shortened("_".join(p for p in parts if p)).strip(" ._")
    if stem.split(".")[0].upper() in _RESERVED:
        stem += "_"
    stem = stem or f"participant_{person.id}"
    name, number = f"{stem}.pdf", 1
    while name.casefold() in taken:
        number += 1
        name = f"{stem}_{number}.pdf"
    taken.add(name.casefold())
    return name


def export_itineraries(
    workspace: Workspace,
    trip: str | int,
    folder: str | Path,
    *,
    language: str | None = None,
    booklet: str | Path | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    replace: bool = True,
) -> list[Path]:
    """One PDF per confirmed participant in `folder`, each in their language unless one is
    given; optionally all of them in one booklet, each starting on a right-hand page.

    `progress(done, total)` may return False to stop: what is written stays, no booklet.
    With `replace` False, nothing is written if one of the files is there already
    (OutputExistsError). A folder made for them is owner-only.
    """
    workspace.require_private(_("Personal itineraries"))  # each their accessibility needs
    folder = Path(folder)
    booklet_path = None
    if booklet is not None:
        booklet_path = pdf_path(
            checked_output(workspace, booklet, replace=replace, field="booklet")
        )
    if booklet_path is not None and not booklet_path.parent.is_dir():  # say so before the work
        raise unwritable(booklet_path, FileNotFoundError(errno.ENOENT, "no such folder"))
    if folder.exists() and not folder.is_dir():
        raise ValidationError("output", _("{path} is a file, not a folder").format(path=folder))
    try:
        make_private_folder(folder)
    except OSError as error:
        raise unwritable(folder, error) from None
    snapshot = read_trip_snapshot(workspace, trip)
    builder = ItineraryBuilder(snapshot)
    taken: set[str] = set()
    jobs = [
        (person.id, itinerary_language(language, person), folder / safe_file_name(person, taken))
        for person in snapshot.people
        if person.status == ParticipantStatus.CONFIRMED
    ]
    for _person, _language_code, path in jobs:  # all refused before any is drawn
        checked_output(workspace, path, replace=replace)
    # With a booklet, the progress counts each itinerary twice: its file, its pages in it.
    total = len(jobs) * (2 if booklet_path is not None else 1)
    counted = None if progress is None else lambda done, _total: progress(done, total)
    booklet_progress = None if progress is None else lambda done: progress(len(jobs) + done, total)
    written = _draw_all(builder, jobs, counted, workers, booklet_path, booklet_progress)
    if booklet_path is not None and jobs and len(written) == len(jobs) and progress is not None:
        progress(total, total)
    return written


# A worker process's own builder: it receives the trip once, when it starts, and cuts each
# itinerary itself, so a job is a person, a language and a path, not a pickled itinerary.
# The booklet's progress goes back through a queue; a stop comes through an event.
_worker_builder: ItineraryBuilder | None = None
_worker_reports: "Queue[int] | None" = None
_worker_stop: Event | None = None


def _start_worker(snapshot: TripSnapshot, reports: "Queue[int]", stop: Event) -> None:
    global _worker_builder, _worker_reports, _worker_stop
    register_fonts()
    _worker_builder = ItineraryBuilder(snapshot)
    _worker_reports, _worker_stop = reports, stop


def _draw_job(job: tuple[int, str, str]) -> int:
    """One personal itinerary drawn in a worker process."""
    person_id, language, path = job
    assert _worker_builder is not None
    return _worker_builder.draw_personal(person_id, language, path)


def _draw_booklet_job(jobs: list[tuple[int, str]], path: str) -> None:
    """The booklet drawn in a worker process: the window's process, which would otherwise
    make and free its millions of objects, stays free to answer."""
    assert _worker_builder is not None and _worker_reports is not None
    builder, reports, stop = _worker_builder, _worker_reports, _worker_stop

    def reached(done: int) -> bool:
        reports.put(done)
        return not (stop is not None and stop.is_set())

    builder.draw_booklet(
        [builder.personal(builder.person(i), language) for i, language in jobs], path, reached
    )


def _follow_booklet(
    future: Future, reports: "Queue[int]", stop: Event, reached: Callable[[int], object] | None
) -> None:
    """Passes the booklet's progress on until it is drawn; a stop answered is sent on."""
    while True:
        try:
            done = reports.get(timeout=0.05)
        except queue.Empty:
            if future.done():
                break
            continue
        if reached is not None and reached(done) is False:
            stop.set()
    future.result()


Job = tuple[int, str, Path]


def _draw_all(
    builder: ItineraryBuilder,
    jobs: list[Job],
    progress: Progress | None,
    workers: int | None,
    booklet: Path | None,
    booklet_progress: Callable[[int], object] | None,
) -> list[Path]:
    """The itineraries, then the booklet if every one of them was drawn (a stop while it
    is drawn leaves no booklet)."""
    total = len(jobs)
    workers = min(workers or os.cpu_count() or 1, max(total, 1))
    written: list[Path] = []
    stopped = False

    def advance(path: Path) -> bool:
        nonlocal stopped
        written.append(path)
        stopped = progress is not None and progress(len(written), total) is False
        return not stopped

    if progress is not None:
        progress(0, total)
    try:
        drawn = [(person_id, job_language) for person_id, job_language, _path in jobs]
        if workers <= 1 or total <= 2:
            for person_id, job_language, path in jobs:
                builder.draw_personal(person_id, job_language, path)
                if not advance(path):
                    break
            if booklet is not None and jobs and not stopped:
                with contextlib.suppress(BookletStopped):
                    itineraries = [builder.personal(builder.person(i), lang) for i, lang in drawn]
                    builder.draw_booklet(itineraries, booklet, booklet_progress)
            return written
        # spawn, not fork: the window's threads must not be copied into the workers.
        context = multiprocessing.get_context("spawn")
        reports, stop = context.Queue(), context.Event()
        with ProcessPoolExecutor(
            workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(builder.snapshot, reports, stop),
        ) as pool:
            chunk = max(1, min(16, total // (workers * 4)))
            results = pool.map(
                _draw_job, [(i, lang, str(p)) for i, lang, p in jobs], chunksize=chunk
            )
            for (_person, _language, path), _pages in zip(jobs, results, strict=False):
                if not advance(path):
                    pool.shutdown(wait=True, cancel_futures=True)
                    break
            if booklet is not None and not stopped:
                future = pool.submit(_draw_booklet_job, drawn, str(booklet))
                with contextlib.suppress(BookletStopped):
                    _follow_booklet(future, reports, stop, booklet_progress)
    except UnwritableError as error:  # said in the language of the worker's document
        raise unwritable(error.location, OSError(error.code, error.reason)) from None
    except OSError as error:  # the worker processes could not start, or a file not be closed
        failed = jobs[len(written)][2] if len(written) < total else booklet
        raise unwritable(failed or "", error) from None
    return written
