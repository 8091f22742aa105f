"""Spreadsheets in and out through the command line, read back with independent readers."""

import csv
import io
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from sqlalchemy import text
from tests.server_databases import connected

from delegation.services.participant_rows import list_participants
from delegation.services.trips import find_trip
from delegation.services.workspace import open_workspace

FRENCH_EXCEL = (
    "Civilité;Prénom;Nom;Courriel;Société;Fonction;Téléphone;Catégorie;Statut;Groupe;"
    "Date d'expiration du passeport;N° passeport;Régime alimentaire\r\n"
    "Mme;Hélène;Saar;helene.saar@example.ee;Tartu Ülikool;Professeure;+372 5555 0101;"
    "Universitaire;Confirmé;A;15/03/2031;KF998877;Végétarienne\r\n"
    "M.;François;Lœuvre;f.loeuvre@example.fr;Œnologie & Cie;Gérant;06 12 34 56 78;"
    "Entreprise;Invité;B;;;\r\n"
    "M.;Jürgen;Õunapuu;;Pärnu Sadam;Directeur;;Institutionnel;Liste d'attente;A, B;;;\r\n"
)

ENGLISH_EXPORT = (
    "First Name,Last Name,Email,Company,Job Title,Attendee Status,Group(s),Mobile,Notes\n"
    'Tõnis,Järvelill,tonis.jarvelill@example.ee,"Skype, Ltd",CTO,Attending,A,+372 555 0000,\n'
    "Maria,Σωτηρίου,maria.sotiriou@example.gr,Athens Tech,Researcher,Not attending,B,,"
    '"=HYPERLINK(""http://x"")"\n'
)


@pytest.fixture
def db(cli, database) -> str:
    assert cli("--db", database, "demo").returncode == 0
    return database


def _participants(db: str) -> int:
    with connected(db) as connection:
        return connection.execute(text("SELECT count(*) FROM participants")).scalar_one()


def test_a_french_excel_csv_is_imported_then_changes_nothing(cli, db, tmp_path):
    source = tmp_path / "inscrits.csv"
    source.write_bytes(FRENCH_EXCEL.encode("cp1252"))
    first = cli("--db", db, "import", "participants", "tallinn-2023", str(source))
    assert first.returncode == 0, first.stderr
    assert "3 created, 0 changed" in first.stdout
    again = cli("--db", db, "import", "participants", "tallinn-2023", str(source))
    assert again.returncode == 0, again.stderr
    assert "0 created, 0 changed, 3 unchanged" in again.stdout
    assert _participants(db) == 65


def test_an_english_export_is_imported_then_changes_nothing(cli, db, tmp_path):
    source = tmp_path / "registrations.csv"
    source.write_bytes(b"\xef\xbb\xbf" + ENGLISH_EXPORT.encode("utf-8"))
    first = cli("--db", db, "import", "participants", "tallinn-2023", str(source))
    assert first.returncode == 0, first.stderr
    assert "2 created" in first.stdout
    assert "Ignored columns: Mobile" not in first.stdout  # a phone synonym
    again = cli("--db", db, "import", "participants", "tallinn-2023", str(source))
    assert "0 created, 0 changed, 2 unchanged" in again.stdout


def test_a_changed_row_updates_the_participant_it_matches(cli, db, tmp_path):
    source = tmp_path / "registrations.csv"
    source.write_text(ENGLISH_EXPORT, encoding="utf-8")
    cli("--db", db, "import", "participants", "tallinn-2023", str(source))
    source.write_text(ENGLISH_EXPORT.replace(",CTO,", ",CEO,"), encoding="utf-8")
    changed = cli("--db", db, "import", "participants", "tallinn-2023", str(source))
    assert "0 created, 1 changed, 1 unchanged" in changed.stdout


def test_one_impossible_date_refuses_the_whole_file(cli, db, tmp_path):
    source = tmp_path / "inscrits.csv"
    source.write_bytes(FRENCH_EXCEL.replace("15/03/2031", "31/02/2027").encode("cp1252"))
    refused = cli("--db", db, "import", "participants", "tallinn-2023", str(source))
    assert refused.returncode == 1
    assert f"{source}:2: Date d'expiration du passeport: 31/02/2027 is not a date" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert _participants(db) == 62
    skipped = cli(
        "--db", db, "import", "participants", "tallinn-2023", str(source), "--skip-invalid"
    )
    assert skipped.returncode == 0 and "2 created" in skipped.stdout
    assert _participants(db) == 64


def test_a_dry_run_writes_nothing(cli, db, tmp_path):
    source = tmp_path / "inscrits.csv"
    source.write_bytes(FRENCH_EXCEL.encode("cp1252"))
    dry = cli("--db", db, "import", "participants", "tallinn-2023", str(source), "--dry-run")
    assert dry.returncode == 0 and "3 created" in dry.stdout
    assert _participants(db) == 62


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not a"),
        (b"PK\x03\x04\x14\x00\x00\x00", "damaged"),
        (b"Prenom;Email\r\nA;a@example.com\r\n", "no column for the last name (columns found"),
    ],
)
def test_a_file_that_cannot_be_used_is_one_line(cli, db, tmp_path, content, says):
    source = tmp_path / "bad.csv"
    source.write_bytes(content)
    refused = cli("--db", db, "import", "participants", "tallinn-2023", str(source))
    assert refused.returncode in (1, 2)
    line = refused.stderr.strip()
    assert len(line.splitlines()) == 1 and says in line and "Traceback" not in line
    assert _participants(db) == 62


def test_the_participant_list_reads_back_with_accents_and_no_formula(cli, db, tmp_path):
    source = tmp_path / "registrations.csv"
    source.write_text(ENGLISH_EXPORT, encoding="utf-8")
    cli("--db", db, "import", "participants", "tallinn-2023", str(source))

    french = tmp_path / "liste.csv"
    done = cli(
        "--db", db, "--lang", "fr", "export", "participants", "tallinn-2023", "-o", str(french)
    )
    assert done.returncode == 0, done.stderr
    raw = french.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Nom", "Prénom", "Civilité"] or rows[0][0] == "Nom"
    names = {(row[1], row[0]) for row in rows[1:]}
    assert ("Tõnis", "Järvelill") in names and ("Maria", "Σωτηρίου") in names
    assert ("Élodie", "Nicolaï") in names
    cells = {cell for row in rows for cell in row}
    # A formula-like cell is one text constant, which a spreadsheet shows as the text itself.
    formulas = {cell for cell in cells if cell.startswith(("=", "+", "@", "-", "\t"))}
    assert all(re.fullmatch(r'="(?:[^"]|"")*"', cell) for cell in formulas)
    assert '="=HYPERLINK(""http://x"")"' in formulas
    assert '="+372 555 0000"' in formulas  # a phone, without an apostrophe
    assert "Passeport" not in " ".join(rows[0])  # sensitive data left out

    workbook = tmp_path / "list.xlsx"
    done = cli(
        "--db", db, "export", "participants", "tallinn-2023", "-o", str(workbook),
        "--include-sensitive",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    sheet = load_workbook(workbook).active
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    texts = {cell.value for cell in cells if isinstance(cell.value, str)}
    assert '=HYPERLINK("http://x")' in texts or '\'=HYPERLINK("http://x")' in texts
    assert "Järvelill" in texts and "Passport number" in texts
    assert any(isinstance(cell.value, datetime) and cell.is_date for cell in cells)


def test_the_calendar_keeps_tallinn_time(cli, db, tmp_path):
    path = tmp_path / "programme.ics"
    done = cli("--db", db, "export", "calendar", "tallinn-2023", "-o", str(path))
    assert done.returncode == 0, done.stderr
    calendar = Calendar.from_ical(path.read_bytes())
    zones = [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")]
    assert "Europe/Tallinn" in zones
    events = calendar.walk("VEVENT")
    assert len(events) == 19
    briefing = next(e for e in events if "e-Estonia" in str(e["SUMMARY"]))
    start = briefing["DTSTART"]
    assert start.params["TZID"] == "Europe/Tallinn"
    assert start.dt.replace(tzinfo=None) == datetime(2023, 5, 8, 9, 0)
    assert start.dt.astimezone(UTC) == datetime(2023, 5, 8, 6, 0, tzinfo=UTC)


def test_a_participants_calendar_has_their_group_and_travel(cli, db, tmp_path):
    path = tmp_path / "kadri.ics"
    done = cli(
        "--db", db, "export", "calendar", "tallinn-2023", "-o", str(path),
        "--participant", "Kadri.Tamm@mistral-data.example",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert 0 < len(events) < 19 + 4
    unknown = cli(
        "--db", db, "export", "calendar", "tallinn-2023", "-o", str(path),
        "--participant", "nobody@example.com", "--force",
    )  # fmt: skip
    assert unknown.returncode == 2 and "nobody@example.com" in unknown.stderr


def test_a_programme_round_trips_through_its_workbook(cli, db, tmp_path):
    workbook = tmp_path / "programme.xlsx"
    done = cli("--db", db, "export", "programme", "tallinn-2023", "-o", str(workbook))
    assert done.returncode == 0, done.stderr
    sheet = load_workbook(workbook).active
    assert sheet.max_row == 20 and isinstance(sheet["A2"].value, datetime)
    again = cli("--db", db, "import", "agenda", "tallinn-2023", str(workbook))
    assert again.returncode == 0, again.stderr
    assert "0 created, 0 changed, 19 unchanged" in again.stdout


def test_a_new_programme_item_from_csv(cli, db, tmp_path):
    source = tmp_path / "programme.csv"
    source.write_text(
        "Date;Début;Fin;Intitulé;Type;Lieu;Adresse;Groupe\n"
        "09/05/2023;18h00;19h30;Visite du musée Kumu;visite;Kumu;Valge 1, Tallinn;A\n",
        encoding="utf-8",
    )
    done = cli("--db", db, "import", "agenda", "tallinn-2023", str(source))
    assert done.returncode == 0, done.stderr
    assert "1 created" in done.stdout
    outside = source.read_text(encoding="utf-8").replace("09/05/2023", "12/05/2023")
    source.write_text(outside, encoding="utf-8")
    refused = cli("--db", db, "import", "agenda", "tallinn-2023", str(source))
    assert refused.returncode == 1 and ":2: Date: 12/05/2023 is outside the trip" in refused.stderr


def test_the_rooming_list_has_a_sheet_per_hotel(cli, db, tmp_path):
    workbook = tmp_path / "rooming.xlsx"
    done = cli("--db", db, "export", "rooming", "tallinn-2023", "-o", str(workbook))
    assert done.returncode == 0, done.stderr
    book = load_workbook(workbook)
    assert book.sheetnames == ["Hotel Telegraaf"]
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Room", "Type")
    assert any(row[3] == "Tamm" for row in rows)
    assert isinstance(rows[1][7], datetime) and rows[1][7].date() == date(2023, 5, 7)


def test_a_missing_input_or_an_unwritable_output_is_one_line(cli, db, tmp_path):
    missing = cli("--db", db, "import", "participants", "tallinn-2023", str(tmp_path / "no.csv"))
    assert missing.returncode == 2 and missing.stderr.strip().endswith("no.csv: no such file")
    target = tmp_path / "no-folder" / "list.csv"
    refused = cli("--db", db, "export", "participants", "tallinn-2023", "-o", str(target))
    assert refused.returncode == 2 and "cannot be written" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1


def test_an_output_of_the_wrong_kind_is_a_usage_error(cli, db, tmp_path):
    wrong = cli("--db", db, "export", "programme", "tallinn-2023", "-o", str(tmp_path / "p.txt"))
    assert wrong.returncode == 2 and "--output" in wrong.stderr


def test_a_kind_of_problem_on_many_rows_is_reported_once_unless_verbose(cli, db, tmp_path):
    source = tmp_path / "inscrits.csv"
    rows = "".join(
        f"Nom{n};Prénom;personne{n}@example.fr;Zorglub;3{n}/02/1980\n" for n in range(12)
    )
    source.write_text(
        "Nom;Prénom;Courriel;Statut;Date de naissance\n" + rows + "Dupont;Jean;jean@;;\n"
    )
    refused = cli("--db", db, "import", "participants", "tallinn-2023", str(source))
    assert refused.returncode == 1
    # Each unknown word once with its rows; each kind of other problem once, whatever value.
    assert refused.stderr.splitlines()[:3] == [
        f"{source}:2: Statut: Zorglub is not a status (invited, confirmed, waitlisted, "
        "cancelled) (12 rows: lines 2, 3, 4, 5, 6…)",
        f"{source}:2: Date de naissance: 30/02/1980 is not a date (12 rows: lines 2, 3, 4, 5, 6…)",
        f"{source}:14: Courriel: not an email address",
    ]
    verbose = cli("--db", db, "import", "participants", "tallinn-2023", str(source), "--verbose")
    assert verbose.stderr.count(": Statut: Zorglub") == 12 and "(12 rows" not in verbose.stderr
    assert ": Date de naissance: 311/02/1980 is not a date" in verbose.stderr
    assert _participants(db) == 62


FIXTURES = Path(__file__).parent.parent / "interchange" / "fixtures"


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_old_excel_and_libreoffice_workbooks_are_imported(cli, db, tmp_path, suffix):
    source = tmp_path / f"inscrits{suffix}"
    source.write_bytes((FIXTURES / f"inscrits-scripts{suffix}").read_bytes())
    first = cli("--db", db, "import", "participants", "tallinn-2023", str(source))
    assert first.returncode == 0, first.stderr
    assert "5 created, 0 changed" in first.stdout
    with connected(db) as connection:
        people = {
            name: born
            for name, born in connection.execute(
                text(
                    "SELECT c.last_name, CAST(c.birth_date AS TEXT) FROM contacts c "
                    "WHERE c.email LIKE '%.cn' OR c.email LIKE '%.il' OR c.email LIKE '%.jo' "
                    "OR c.email LIKE '%.gr' OR c.email = 'juri.ounapuu@example.ee'"
                )
            )
        }
    assert people == {
        "王": "1984-02-29",
        "כהן": "1990-12-31",
        "الحسيني": "1975-07-14",
        "Παπαδόπουλος": "2001-01-01",
        "Õunapuu": "1966-06-23",
    }
    again = cli("--db", db, "import", "participants", "tallinn-2023", str(source))
    assert "0 created, 0 changed, 5 unchanged" in again.stdout


def test_a_workbook_forged_to_exhaust_memory_is_one_line(cli, db, tmp_path):
    data = (FIXTURES / "inscrits-scripts.xls").read_bytes()
    # The last text cell moved to the far corner of the grid: billions of cells to lay out.
    at = data.rfind(b"\xfd\x00\x0a\x00")
    forged = data[: at + 4] + b"\xff\xff\xff\xff" + data[at + 8 :]
    source = tmp_path / "forged.xls"
    source.write_bytes(forged)
    refused = cli("--db", db, "import", "participants", "tallinn-2023", str(source))
    assert refused.returncode == 1
    assert refused.stderr.strip() == f"delegation: {source}: the workbook is too large to read"
    assert _participants(db) == 62


def test_a_tool_s_export_is_named_and_its_unknown_values_mapped_on_the_command_line(
    cli, db, tmp_path
):
    source = tmp_path / "reponses.csv"
    source.write_text(
        "Horodateur,Adresse e-mail,Nom,Prénom,Date de naissance,Nationalité\n"
        "02/03/2026 14:00:00,jean@example.fr,Dupont,Jean,03/04/1980,Bretonne\n"
        "02/03/2026 14:05:00,anne@example.fr,Martin,Anne,05/06/1981,Française\n",
        encoding="utf-8",
    )
    refused = cli("--db", db, "import", "participants", "tallinn-2023", str(source))
    assert refused.returncode == 1
    assert "Laid out as a Google Forms export." in refused.stdout
    assert "read day first (3 April); check." in refused.stdout
    assert f"{source}:2: Nationalité: Bretonne is not a country" in refused.stderr
    assert '--map "Nationalité:Bretonne=…"' in refused.stderr
    done = cli(
        "--db", db, "import", "participants", "tallinn-2023", str(source),
        "--map", "Nationalité:Bretonne=FR", "--dates", "month-first",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "2 created" in done.stdout and _participants(db) == 64
    workspace = open_workspace(db)
    try:
        trip = find_trip(workspace, "tallinn-2023")
        rows = list_participants(workspace, trip.id)
    finally:
        workspace.close()
    [jean] = [row.details for row in rows if row.details.full_name == "Jean Dupont"]
    assert (jean.birth_date, jean.nationality) == (date(1980, 3, 4), "FR")
    # The meaning is remembered: the same layout is read so again without --map.
    again = cli("--db", db, "import", "participants", "tallinn-2023", str(source), "--dry-run")
    assert again.returncode == 0 and "Bretonne" not in again.stderr
    wrong = cli("--db", db, "import", "participants", "tallinn-2023", str(source), "--map", "Pays")
    assert wrong.returncode == 2 and "COLUMN:VALUE=MEANING" in wrong.stderr


def test_a_meaning_no_value_has_is_refused_before_anything_is_read(cli, db, tmp_path):
    source = tmp_path / "inscrits.csv"
    source.write_text("Nom;Prénom;Statut\nDupont;Jean;Bof\n", encoding="utf-8")
    refused = cli(
        "--db", db, "import", "participants", "tallinn-2023", str(source), "--map", "Statut:Bof=xyz"
    )
    assert refused.returncode == 2
    assert "--map: Statut: xyz is none of: invited, confirmed" in refused.stderr
    done = cli(
        "--db", db, "import", "participants", "tallinn-2023", str(source),
        "--map", "Statut:Bof=Confirmed",
    )  # fmt: skip
    assert done.returncode == 0 and "1 created" in done.stdout


def test_two_processes_importing_one_file_at_once_add_each_person_once(cli, db, tmp_path):
    import subprocess
    import sys

    source = tmp_path / "inscrits.csv"
    rows = "".join(f"Personne{n};Jean;;Société {n}\n" for n in range(300))
    source.write_text("Nom;Prénom;Courriel;Société\n" + rows, encoding="utf-8")
    command = [sys.executable, "-m", "delegation", "--db", db, "import", "participants"]
    command += ["tallinn-2023", str(source)]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
    for code, stderr in results:
        assert code in (0, 1), stderr
        assert "Traceback" not in stderr and "UNIQUE" not in stderr
    assert sorted(code for code, _stderr in results) in ([0, 0], [0, 1])
    assert _participants(db) == 62 + 300


def test_a_file_mixing_encodings_is_refused_until_repair_is_asked(cli, db, tmp_path):
    source = tmp_path / "inscrits.csv"
    # Written in UTF-8, then one row pasted from a Windows-1252 file.
    lines = FRENCH_EXCEL.splitlines(keepends=True)
    source.write_bytes("".join(lines[:3]).encode() + lines[3].encode("cp1252"))
    refused = cli("--db", db, "import", "participants", "tallinn-2023", str(source))
    assert refused.returncode == 1
    first, hint = refused.stderr.strip().splitlines()
    assert first == (
        f"delegation: {source}:4: column 5: byte 0xFC is not UTF-8; "
        "the file mixes encodings: save it again as UTF-8"
    )
    assert "--repair-encoding" in hint
    assert _participants(db) == 62
    repaired = cli(
        "--db", db, "import", "participants", "tallinn-2023", str(source), "--repair-encoding"
    )
    assert repaired.returncode == 0, repaired.stderr
    assert "Line 4 held bytes that are not UTF-8" in repaired.stdout
    assert "3 created, 0 changed" in repaired.stdout
    with connected(db) as connection:
        names = set(connection.execute(text("SELECT last_name FROM contacts")).scalars())
    assert {"Saar", "Lœuvre", "Õunapuu"} <= names
