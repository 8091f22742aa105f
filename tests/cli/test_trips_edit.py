"""delegation trips edit: a trip's settings changed, its programme moved with its dates,
the logo of its covers."""

import io

from PIL import Image
from pypdf import PdfReader


def _image() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), (31, 78, 121)).save(buffer, "PNG")
    return buffer.getvalue()


def _cover_images(cli, db: str, tmp_path) -> int:
    """The images on the cover of the delegation's itinerary, exported anew."""
    path = tmp_path / "cover.pdf"
    done = cli("--db", db, "export", "itinerary", "tallinn-2023", "-o", str(path), "--force")
    assert done.returncode == 0, done.stderr
    return len(PdfReader(path).pages[0].images)


def test_new_dates_are_refused_until_the_programme_moves_with_them(cli, db, tmp_path):
    assert cli("--db", db, "demo").returncode == 0
    refused = cli("--db", db, "trips", "edit", "tallinn-2023", "--start", "2024-05-05",
                  "--end", "2024-05-08")  # fmt: skip
    assert refused.returncode == 1
    assert refused.stderr.startswith(
        "delegation: --start: the programme would have items outside the trip: "
    )
    assert "Welcome lunch at the hotel" in refused.stderr
    assert len(refused.stderr.splitlines()) == 1
    moved = cli("--db", db, "trips", "edit", "tallinn-2023", "--start", "2024-05-05",
                "--end", "2024-05-08", "--move-programme",
                "--home-timezone", "Asia/Jerusalem")  # fmt: skip
    assert moved.returncode == 0, moved.stderr
    assert moved.stdout.startswith("Changed trip tallinn-2023: Mission Tallinn 2023, ")
    shown = cli("--db", db, "trips", "show", "tallinn-2023").stdout
    assert "home time Asia/Jerusalem" in shown
    assert "Agenda items: 19" in shown
    calendar = tmp_path / "programme.ics"
    assert (
        cli("--db", db, "export", "calendar", "tallinn-2023", "-o", str(calendar)).returncode == 0
    )
    assert "DTSTART;TZID=Europe/Tallinn:20240505" in calendar.read_text(encoding="utf-8")


def test_an_unknown_time_zone_names_its_option(cli, db, tmp_path):
    cli("--db", db, "demo")
    refused = cli("--db", db, "trips", "edit", "tallinn-2023", "--timezone", "Europe/Atlantis")
    assert (refused.returncode, refused.stderr) == (
        1, "delegation: --timezone: unknown time zone Europe/Atlantis\n",
    )  # fmt: skip


def test_the_logo_is_set_and_removed(cli, db, tmp_path):
    assert cli("--db", db, "demo").returncode == 0
    logo = tmp_path / "logo.png"
    logo.write_bytes(_image())
    done = cli("--db", db, "trips", "edit", "tallinn-2023", "--logo", str(logo))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "The covers of tallinn-2023 print this logo."
    assert _cover_images(cli, db, tmp_path) == 1
    bad = tmp_path / "logo.gif"
    bad.write_bytes(b"GIF89a" + bytes(10))
    done = cli("--db", db, "--lang", "fr", "trips", "edit", "tallinn-2023", "--logo",
               str(bad), "--title", "Renamed")  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.strip() == f"delegation: {bad}: un logo doit être une image PNG ou JPEG"
    shown = cli("--db", db, "trips", "show", "tallinn-2023").stdout
    assert "Mission Tallinn 2023" in shown and "Renamed" not in shown  # nothing changed
    done = cli("--db", db, "trips", "edit", "tallinn-2023", "--no-logo")
    assert done.returncode == 0, done.stderr
    assert _cover_images(cli, db, tmp_path) == 0
