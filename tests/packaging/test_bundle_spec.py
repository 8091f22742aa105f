"""packaging/delegation.spec and the Windows installer script, read as their tools read them.

CI builds the Linux bundle for real and runs it (packaging/smoke-test.sh). The Windows
and macOS builds cannot run here, so the spec is executed as PyInstaller executes it,
with PyInstaller's own helpers, on each platform's branch, and what it hands to the
build steps is checked: the files it names exist and the ids agree.
"""

import os
import re
import sys
from pathlib import Path

import pytest

from delegation import APP_ID, __version__

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "delegation.spec"
INSTALLER = PACKAGING / "windows" / "delegation.iss"


class _Step:
    """One PyInstaller build step (Analysis, EXE…), recording what the spec gave it."""

    def __init__(self, *inputs, **options):
        self.inputs = inputs
        self.options = options
        # Analysis's outputs, handed to the later steps: two of Qt's plugins among them.
        self.pure = self.scripts = ()
        self.binaries = [
            (
                f"PySide6/Qt/plugins/{plugin}",
                f"/site-packages/PySide6/Qt/plugins/{plugin}",
                "BINARY",
            )
            for plugin in ("platforms/libqxcb.so", "platformthemes/libqgtk3.so")
        ]
        self.datas = options.get("datas", ())


def _run_spec(platform: str, monkeypatch, distpath: Path) -> dict[str, list[_Step]]:
    steps: dict[str, list[_Step]] = {}

    def recorder(name: str):
        def record(*inputs, **options):
            step = _Step(*inputs, **options)
            steps.setdefault(name, []).append(step)
            return step

        return record

    namespace = {name: recorder(name) for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}
    namespace.update(SPECPATH=str(PACKAGING), DISTPATH=str(distpath), __file__=str(SPEC))
    monkeypatch.setattr(sys, "platform", platform)
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return steps


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("dist")


@pytest.fixture(scope="module")
def linux_build(dist):
    with pytest.MonkeyPatch.context() as patch:
        return _run_spec("linux", patch, dist)


def test_the_entry_point_starts_worker_processes_before_anything_else(linux_build):
    [analysis] = linux_build["Analysis"]
    [entry] = analysis.inputs[0]
    source = Path(entry).read_text(encoding="utf-8")
    assert Path(entry) == ROOT / "src" / "delegation" / "__main__.py"
    assert source.index("multiprocessing.freeze_support()") < source.index("sys.exit(main())")


def test_the_bundle_carries_fonts_catalogs_sample_icons_and_migrations(linux_build):
    [analysis] = linux_build["Analysis"]
    bundled = {
        (Path(source).name, destination) for source, destination in analysis.options["datas"]
    }
    for source, _destination in analysis.options["datas"]:
        assert Path(source).exists(), source
    resources = "delegation/resources"
    assert ("DejaVuSans.ttf", f"{resources}/fonts") in bundled
    assert ("LICENSE", f"{resources}/fonts") in bundled
    assert ("delegation.mo", f"{resources}/locale/fr/LC_MESSAGES") in bundled
    assert ("delegation.mo", f"{resources}/locale/en/LC_MESSAGES") in bundled
    assert ("tallinn-2023.json", f"{resources}/sample") in bundled
    assert ("delegation.svg", f"{resources}/icons") in bundled
    migrations = "delegation/persistence/migrations"
    assert ("env.py", migrations) in bundled
    assert ("script.py.mako", migrations) in bundled
    revisions = sorted((ROOT / "src" / migrations / "versions").glob("0*.py"))
    assert revisions
    for revision in revisions:
        assert (revision.name, f"{migrations}/versions") in bundled


def test_programs_started_by_the_bundle_get_the_systems_libraries(linux_build):
    [analysis] = linux_build["Analysis"]
    [hook] = analysis.options["runtime_hooks"]
    assert Path(hook) == PACKAGING / "hooks" / "child_environment.py"
    source = compile(Path(hook).read_text(encoding="utf-8"), hook, "exec")
    for before, after in (
        ({"LD_LIBRARY_PATH": "/b/_internal", "LD_LIBRARY_PATH_ORIG": "/opt/lib"}, "/opt/lib"),
        ({"LD_LIBRARY_PATH": "/b/_internal"}, None),
    ):
        with pytest.MonkeyPatch.context() as patch:
            for name in ("LD_LIBRARY_PATH", "LD_LIBRARY_PATH_ORIG"):
                patch.delenv(name, raising=False)
            for name, value in before.items():
                patch.setenv(name, value)
            patch.setattr(sys, "platform", "linux")
            exec(source, {"__name__": "__main__"})
            assert os.environ.get("LD_LIBRARY_PATH") == after
            assert "LD_LIBRARY_PATH_ORIG" not in os.environ


def test_every_module_of_the_program_is_taken_even_those_imported_late(linux_build):
    [analysis] = linux_build["Analysis"]
    hidden = set(analysis.options["hiddenimports"])
    assert {"delegation.ui.application", "delegation.cli", "delegation.reports.itinerary"} <= hidden
    assert "reportlab.graphics.barcode.code128" in hidden


def test_linux_builds_one_program_for_the_window_and_the_command_line(linux_build):
    [program] = linux_build["EXE"]
    assert program.options["name"] == "Delegation"
    assert program.options["console"] is True
    [folder] = linux_build["COLLECT"]
    assert folder.options["name"] == "Delegation"
    # Qt's GTK theme would load the system's GTK against the bundle's glib.
    [analysis] = linux_build["Analysis"]
    assert any(part is analysis.binaries for part in folder.inputs)
    names = [name for name, _source, _kind in analysis.binaries]
    assert names == ["PySide6/Qt/plugins/platforms/libqxcb.so"]
    assert "BUNDLE" not in linux_build


def test_the_linux_folder_carries_its_menu_entry_icons_and_installer(linux_build, dist):
    built = dist / "Delegation"
    assert (built / "share" / "applications" / f"{APP_ID}.desktop").is_file()
    assert (built / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    for size in (16, 32, 48, 256, 512):
        assert (built / "share/icons/hicolor" / f"{size}x{size}/apps/{APP_ID}.png").is_file()
    assert (built / "share/icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    assert (built / "install.sh").stat().st_mode & 0o111


def test_windows_has_a_window_program_and_a_console_one_with_the_icon(monkeypatch, tmp_path):
    steps = _run_spec("win32", monkeypatch, tmp_path)
    programs = {step.options["name"]: step.options for step in steps["EXE"]}
    assert set(programs) == {"Delegation", "delegation-cli"}
    assert programs["Delegation"]["console"] is False
    assert programs["delegation-cli"]["console"] is True
    for options in programs.values():
        assert Path(options["icon"]) == PACKAGING / "icons" / "delegation.ico"
        assert Path(options["icon"]).is_file()


def test_macos_wraps_the_folder_in_an_app_with_our_id_and_version(monkeypatch, tmp_path):
    steps = _run_spec("darwin", monkeypatch, tmp_path)
    [app] = steps["BUNDLE"]
    assert app.options["name"] == "Delegation.app"
    assert app.options["bundle_identifier"] == APP_ID
    assert Path(app.options["icon"]).is_file()
    assert Path(app.options["icon"]).suffix == ".icns"
    plist = app.options["info_plist"]
    assert plist["CFBundleShortVersionString"] == __version__
    assert plist["CFBundleLocalizations"] == ["en", "fr"]
    [program] = steps["EXE"]
    assert program.options["console"] is False
    assert not (tmp_path / "Delegation").exists()  # the Linux share/ folder is Linux's alone


def _installer_setting(name: str) -> str:
    match = re.search(rf"^{name}=(.+)$", INSTALLER.read_text(encoding="utf-8"), re.MULTILINE)
    assert match, f"{name} missing from {INSTALLER.name}"
    return match.group(1).strip()


def _installer_path(value: str) -> Path:
    """A path of the script written from the project's folder ({#Root})."""
    assert value.startswith("{#Root}\\"), value
    return ROOT.joinpath(*value.removeprefix("{#Root}\\").split("\\"))


def test_the_installer_script_has_the_programs_version_and_existing_files():
    script = INSTALLER.read_text(encoding="utf-8")
    assert f'#define AppVersion "{__version__}"' in script
    assert _installer_path(_installer_setting("SetupIconFile")).is_file()
    # It installs the folder the spec builds, and starts the spec's window program.
    sources = re.findall(r'^Source: "([^"]+)"', script, re.MULTILINE)
    assert sources == ["{#Root}\\dist\\Delegation\\*"]
    assert _installer_setting("UninstallDisplayIcon") == "{app}\\Delegation.exe"
    assert re.findall(r'Filename: "\{app\}\\([^"]+)"', script) == ["Delegation.exe"] * 3
    languages = re.findall(r'^Name: "(\w+)"; MessagesFile', script, re.MULTILINE)
    assert languages == ["english", "french"]
