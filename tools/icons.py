"""Render packaging/icons/delegation.svg into hicolor PNGs, a Windows ICO and a macOS ICNS."""

# Run after each edit of the drawing: .venv/bin/python tools/icons.py

import io
import os
import shutil
import sys
from pathlib import Path

# Before Qt is imported: render in memory, no screen needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from delegation import APP_ID

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "packaging" / "icons"
SOURCE = ICONS / "delegation.svg"
# A copy of the hicolor theme layout, so that installing on Linux is one copy.
HICOLOR = ICONS / "hicolor"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an ICO entry can hold
ICNS_RETINA = 1024  # 512@2x: rendered for the ICNS only, so Pillow need not upscale
RUNTIME_COPY = ROOT / "src" / "delegation" / "resources" / "icons" / "delegation.svg"


def png_path(size: int) -> Path:
    return HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def scalable_path() -> Path:
    return HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    """The SVG drawn at size × size pixels, antialiased, as an RGBA Pillow image."""
    canvas = QImage(size, size, QImage.Format.Format_ARGB32)
    canvas.fill(Qt.GlobalColor.transparent)
    painter = QPainter(canvas)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    canvas.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def main() -> int:
    # Qt paints only while an application object lives; one without a screen is enough.
    _application = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(QByteArray(SOURCE.read_bytes()))
    if not renderer.isValid():
        print(f"icons: Qt cannot read {SOURCE}", file=sys.stderr)
        return 1
    images = {size: render(renderer, size) for size in (*PNG_SIZES, ICNS_RETINA)}
    for size in PNG_SIZES:
        path = png_path(size)
        path.parent.mkdir(parents=True, exist_ok=True)
        images[size].save(path, optimize=True)
    ico = [images[size] for size in ICO_SIZES]
    ico[-1].save(
        ICONS / "delegation.ico", sizes=[(size, size) for size in ICO_SIZES], append_images=ico
    )
    icns = [images[size] for size in (32, 64, 128, 256, 512, ICNS_RETINA)]
    icns[-1].save(ICONS / "delegation.icns", append_images=icns[:-1])
    for copy in (scalable_path(), RUNTIME_COPY):
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SOURCE, copy)
    print(f"icons: {len(PNG_SIZES)} PNGs, delegation.ico and delegation.icns in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
