"""Shared fixtures: an isolated user folder, fresh databases, the sample delegation."""

import os

# Before any Qt import: the tests draw into memory, there is no screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import contextlib
import csv
import io
import subprocess
from datetime import datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook
from tests.server_databases import SKIP_REASON, ServerDatabases, server_url

from delegation.i18n import set_language
from delegation.services.demo import load_demo
from delegation.services.workspace import Workspace, open_workspace

BACKENDS = ("sqlite", "postgresql")
# The window's tests exercise widgets, not the database: SQLite is enough for them.
SQLITE_ONLY_FOLDERS = (Path(__file__).parent / "ui",)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "sqlite_only: the test is about the SQLite file itself (its bytes, path, WAL or"
        " damage); the workspace fixtures give it SQLite only",
    )


def pytest_generate_tests(metafunc):
    """Each test on a database runs on SQLite and on PostgreSQL, but for those marked
    sqlite_only and the window's."""
    if "database_backend" not in metafunc.fixturenames:
        return
    sqlite_only = metafunc.definition.get_closest_marker("sqlite_only") is not None or any(
        folder in metafunc.definition.path.parents for folder in SQLITE_ONLY_FOLDERS
    )
    if "database_path" in metafunc.fixturenames and not sqlite_only:
        # The file's path means nothing to a server database: say which the test is about.
        raise pytest.UsageError(
            f"{metafunc.definition.nodeid}: uses database_path with a workspace; mark it"
            " sqlite_only, or use the database fixture"
        )
    metafunc.parametrize(
        "database_backend", BACKENDS[:1] if sqlite_only else BACKENDS, indirect=True
    )


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path_factory, monkeypatch):
    """Never touch the real user's data: the default database lands in a temporary home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("DELEGATION_DB", raising=False)
    set_language("en")
    yield home
    set_language("en")


@pytest.fixture
def database_path(tmp_path):
    return tmp_path / "trips.sqlite3"


@pytest.fixture(scope="session")
def server_databases():
    """This process's PostgreSQL databases, None without a server to test on."""
    url = server_url()
    if url is None:
        yield None
        return
    databases = ServerDatabases(url)
    yield databases
    databases.close()


@pytest.fixture
def database_backend(request) -> str:
    """ "sqlite" or "postgresql": parametrized by pytest_generate_tests."""
    if request.param == "postgresql" and server_url() is None:
        pytest.skip(SKIP_REASON)
    return request.param


@pytest.fixture
def database(request, database_backend, server_databases) -> str:
    """What open_workspace is given: the path of a new SQLite file (database_path), or
    the URL of a new PostgreSQL database at the newest schema, dropped afterwards."""
    if database_backend == "sqlite":
        yield str(request.getfixturevalue("database_path"))
        return
    url = server_databases.create()
    yield url
    server_databases.drop(url)


@pytest.fixture
def workspace(database) -> Workspace:
    opened = open_workspace(database)
    yield opened
    opened.close()


@pytest.fixture
def demo_workspace(workspace) -> Workspace:
    load_demo(workspace)
    return workspace


class MissionFiles:
    """The files of a mission to Israel as organisers' tools write them."""

    # A Google Forms registration form as Google Sheets downloads it in French: a timestamp,
    # the email collected by the form, the questions; a checkbox question's answers joined
    # with ", ". The organiser added the "Statut" column while confirming people.
    FORM_HEADERS = (
        "Horodateur", "Adresse e-mail", "Civilité", "Prénom", "Nom", "Société", "Fonction",
        "Téléphone portable", "Régime alimentaire", "Nationalité", "Numéro de passeport",
        "Date d'expiration du passeport", "Personne à prévenir en cas d'urgence",
        "Téléphone d'urgence", "Groupe", "Statut",
    )  # fmt: skip
    PEOPLE = (
        ("Mme", "Noa", "Levi", "Start-Up Nation", "Directrice", "+972 52 123 4567", "", "A"),
        ("M.", "小明", "王", "清华大学", "Professeur", "+86 138 0013 8000", "Végétarien", "B"),
        ("M.", "Κώστας", "Παπαδόπουλος", "Ελληνικά Πετρέλαια", "CTO", "", "", "A, B"),
        ("Mme", "Layla", "حداد", "Beirut Digital District", "Fondatrice", "", "Halal", "B"),
        ("M.", "Mart", "Kask", "Tartu Ülikool", "Chercheur", "+372 5123 4567", "", "A"),
        ("Mme", "Élodie", "Martin-Lefèvre", "Bpifrance", "Chargée d'affaires", "", "", "A, B"),
    )

    @classmethod
    def registrations(cls, path, groups_of: dict[str, str] | None = None):
        """The form's sheet as CSV; groups_of: someone's (by last name) other groups."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(cls.FORM_HEADERS)
        for number, person in enumerate(cls.PEOPLE):
            civility, first, last, company, job, phone, diet, groups = person
            stamp = f"0{number + 1}/02/2024 09:1{number}:00"
            identity = ("Française", f"2{number}AB1234{number}", "12/11/2031", "Famille", "+33 1")
            writer.writerow(
                [stamp, f"personne{number}@example.org", civility, first, last, company, job,
                 phone, diet, *identity, (groups_of or {}).get(last, groups), "Confirmé"]
            )  # fmt: skip
        path.write_text(buffer.getvalue(), encoding="utf-8")
        return path

    @staticmethod
    def programme(path):
        """An organiser's programme: parallel visits of groups A and B, a gala dinner past
        midnight, one venue's address written two ways."""
        book = Workbook()
        sheet = book.active
        sheet.title = "Programme"
        sheet.append(["Jour", "Heure de début", "Heure de fin", "Intitulé", "Lieu", "Adresse",
                      "Groupe", "Type"])  # fmt: skip
        rows = [
            (26, time(18), time(20), "Réception à l'ambassade", "Résidence de France",
             "112 Herbert Samuel St, Tel Aviv", "", "Réception"),
            (27, time(9), time(11, 30), "Visite de Check Point", "Check Point HQ",
             "5 Shlomo Kaplan St, Tel Aviv", "A", "Visite"),
            (27, time(9), time(11, 30), "Visite de Mobileye", "Mobileye",
             "1 Shlomo Momo HaLevi St, Jerusalem", "B", "Visite"),
            (27, time(12, 30), time(14), "Déjeuner", "Sarona Market", "3 Kalman Magen St", "",
             "Repas"),
            (28, time(22, 30), time(1, 30), "Dîner de gala", "Hotel Montefiore",
             "36 Montefiore St, Tel Aviv", "", "Repas"),
            (29, time(10), time(12), "Bilan de la mission", "Résidence de France",
             "112, Herbert Samuel st. Tel-Aviv", "", "Rencontre"),
        ]  # fmt: skip
        for day, start, end, *rest in rows:
            sheet.append([datetime(2024, 3, day), start, end, *rest])
        book.save(path)
        return path


@pytest.fixture
def mission() -> type[MissionFiles]:
    """mission.registrations(path), mission.programme(path): a new trip's files."""
    return MissionFiles


class SmallDisk:
    """A folder on a small file system of its own, to fill up or make read-only."""

    def __init__(self, folder) -> None:
        self.folder = folder

    def fill(self) -> None:
        """Take every free byte: the next write fails with "no space left"."""
        with (
            contextlib.suppress(OSError),
            open(self.folder / "filler", "ab", buffering=0) as filler,
        ):
            while True:
                filler.write(b"\0" * 512)

    def make_read_only(self) -> None:
        subprocess.run(["mount", "-o", "remount,ro", str(self.folder)], check=True)


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB tmpfs; skipped where mounting is not allowed (the suite runs as root in CI)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"no small file system can be mounted here ({done.stderr.strip()})")
    try:
        yield SmallDisk(folder)
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
