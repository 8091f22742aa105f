"""The settings file holds no secret: a database URL is stored without its password."""

from delegation.ui.settings import EXPORT_FOLDER, LAST_TRIP


def test_a_url_is_stored_without_its_password(settings, tmp_path):
    settings.set(LAST_TRIP, "postgresql+psycopg://anna:s3cret%21@db.example.org:5432/trips")
    settings.set(EXPORT_FOLDER, "/home/anna/Documents/trip:one@2026")
    settings.sync()

    assert settings.get(LAST_TRIP) == "postgresql+psycopg://anna@db.example.org:5432/trips"
    assert settings.get(EXPORT_FOLDER) == "/home/anna/Documents/trip:one@2026"  # not a URL
    assert "s3cret" not in (tmp_path / "settings.ini").read_text(encoding="utf-8")
