"""A trip from nothing with the command line alone: the trip, its registrations (whose
groups the file names), a programme of parallel group visits, the checks, the itineraries."""

from datetime import time

from openpyxl import load_workbook
from pypdf import PdfReader

TRIP = ("trips", "add", "--key", "tel-aviv-2024", "--title", "Mission Israël",
        "--destination", "Tel Aviv", "--country", "IL",
        "--start", "2024-03-26", "--end", "2024-03-29")  # fmt: skip


def test_a_new_trip_is_planned_and_printed_from_the_command_line(cli, db, mission, tmp_path):

    def run(*arguments):
        done = cli("--db", db, "--lang", "fr", *arguments)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    run(*TRIP)
    inscrits = mission.registrations(tmp_path / "inscrits.csv")
    programme = mission.programme(tmp_path / "programme.xlsx")

    dry = run("import", "participants", "tel-aviv-2024", str(inscrits), "--dry-run")
    assert "Crée les groupes A (Groupe A), B (Groupe B)." in dry
    assert "Pas encore de groupe" in run("groups", "tel-aviv-2024")  # a dry run writes nothing
    imported = run("import", "participants", "tel-aviv-2024", str(inscrits))
    assert "6 créés" in imported
    groups = run("groups", "tel-aviv-2024")
    assert "Groupe A" in groups and "Groupe B" in groups

    planned = run("import", "agenda", "tel-aviv-2024", str(programme))
    assert "6 créés" in planned
    # The last day's address, written otherwise, is the embassy residence's.
    assert "Résidence de France, Check Point HQ" in planned and planned.count("Résidence") == 1
    assert "0 créé, 0 modifié, 6 inchangés" in run(
        "import", "agenda", "tel-aviv-2024", str(programme)
    )
    # The programme goes out to the hosts, comes back with one visit later and the lunch
    # renamed; read again, it changes those two items and nothing else.
    exported = tmp_path / "programme-envoyé.xlsx"
    run("export", "programme", "tel-aviv-2024", "-o", str(exported))
    book = load_workbook(exported)
    rows = list(book.active.iter_rows(min_row=2))
    visit = next(row for row in rows if row[3].value == "Visite de Mobileye")
    lunch = next(row for row in rows if row[3].value == "Déjeuner")
    visit[1].value, lunch[3].value = time(9, 30), "Déjeuner au marché Sarona"
    book.save(exported)
    edited = run("import", "agenda", "tel-aviv-2024", str(exported), "--dry-run")
    assert "« Visite de Mobileye »: Début 09:00 → 09:30" in edited
    assert "Titre Déjeuner → Déjeuner au marché Sarona" in edited
    assert "0 créé, 2 modifiés, 4 inchangés" in edited
    run("import", "agenda", "tel-aviv-2024", str(exported))
    assert "0 créé, 0 modifié, 6 inchangés" in run(
        "import", "agenda", "tel-aviv-2024", str(exported)
    )

    # Those in both groups cannot be at both parallel visits: the checks say so, naming
    # them; the organiser puts each in one group in the form's sheet and imports it again.
    check = cli("--db", db, "--lang", "fr", "check", "tel-aviv-2024")
    assert check.returncode == 1
    assert "se chevauchent pour 2 participants (Élodie Martin-Lefèvre, Κώστας" in check.stdout
    mission.registrations(inscrits, {"Παπαδόπουλος": "A", "Martin-Lefèvre": "B"})
    again = run("import", "participants", "tel-aviv-2024", str(inscrits))
    assert "0 créé, 2 modifiés, 4 inchangés" in again
    assert "inscrits.csv:7: Élodie Martin-Lefèvre: Groupe A, B → B" in again
    report = run("check", "tel-aviv-2024")
    assert report.startswith("0 problème bloquant")
    folder = tmp_path / "itineraires"
    run("export", "itineraries", "tel-aviv-2024", "-o", str(folder))
    pdfs = sorted(folder.glob("*.pdf"))
    assert len(pdfs) == len(mission.PEOPLE)
    texts = {
        pdf.name: " ".join(page.extract_text() for page in PdfReader(pdf).pages) for pdf in pdfs
    }
    levi = next(text for name, text in texts.items() if "Levi" in name)
    assert "Check Point" in levi and "Mobileye" not in levi
    martin = next(text for name, text in texts.items() if "Martin" in name)
    assert "Mobileye" in martin and "Check Point" not in martin
    assert "22:30\n– 01:30 (+1)\nDîner de gala" in levi
