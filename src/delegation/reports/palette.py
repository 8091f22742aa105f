"""The house colours of every PDF."""

from reportlab.lib import colors

INK = colors.HexColor("#1d2430")
ACCENT = colors.HexColor("#1f4e79")
MUTED = colors.HexColor("#5b6472")
RULE = colors.HexColor("#c9ced6")
SHADE = colors.HexColor("#eef2f7")
