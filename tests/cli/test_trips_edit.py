"""delegation trips edit: a trip's settings changed, its programme moved with its dates."""


def test_new_dates_are_refused_until_the_programme_moves_with_them(cli, tmp_path):
    db = str(tmp_path / "edit.sqlite3")
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


def test_an_unknown_time_zone_names_its_option(cli, tmp_path):
    db = str(tmp_path / "edit.sqlite3")
    cli("--db", db, "demo")
    refused = cli("--db", db, "trips", "edit", "tallinn-2023", "--timezone", "Europe/Atlantis")
    assert (refused.returncode, refused.stderr) == (
        1, "delegation: --timezone: unknown time zone Europe/Atlantis\n",
    )  # fmt: skip
