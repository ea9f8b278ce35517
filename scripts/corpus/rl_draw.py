#!/usr/bin/python3
"""Draws the corpus's laid-out pages (render/layout.ts, as JSON) with ReportLab.

    /usr/bin/python3 scripts/corpus/rl_draw.py jobs.json

jobs.json: [{pdf, title, pages: [{width, height, ops: [{k:'t', x, y, size, s, al, x0, x1} |
{k:'l', x1, y1, x2, y2}]}]}], points, origin top-left. Text is set in Droid Sans Fallback
(an embedded TrueType subset), centred or right-aligned by ReportLab's own glyph widths.
Output is invariant (no timestamps), so the same jobs give the same bytes.
"""
import json
import os
import subprocess
import sys

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = "DroidFallback"
LATIN = "DejaVuSans"


def font_file():
    for name in ("Droid Sans Fallback", "WenQuanYi Zen Hei"):
        out = subprocess.run(["fc-match", "-f", "%{file}", name], capture_output=True, text=True).stdout.strip()
        if out.endswith(".ttf") and os.path.exists(out):
            return out
    raise SystemExit("rl_draw: needs a TrueType CJK font (apt-get install fonts-droid-fallback)")


def latin_file():
    out = subprocess.run(["fc-match", "-f", "%{file}", "DejaVu Sans"], capture_output=True, text=True).stdout.strip()
    if not out.endswith(".ttf"):
        raise SystemExit("rl_draw: needs DejaVu Sans (apt-get install fonts-dejavu-core)")
    return out


def covers(name, ch):
    """True when the registered font `name` has a glyph for `ch` (its cmap maps the code point)."""
    return ord(ch) in pdfmetrics.getFont(name).face.charToGlyph


def runs(s):
    """Splits text into runs of ASCII (set in DejaVu Sans) and other characters (Droid Sans Fallback,
    whose ASCII glyphs are empty boxes). A non-ASCII character Droid Sans Fallback has no glyph for
    (≥, ≤: drawn as an empty box, so a scan of the page lost them) is set in DejaVu Sans when
    DejaVu Sans has it."""
    out = []
    for ch in s:
        f = LATIN if ord(ch) < 0x80 or (not covers(FONT, ch) and covers(LATIN, ch)) else FONT
        if out and out[-1][0] == f:
            out[-1][1] += ch
        else:
            out.append([f, ch])
    return out


def main(path):
    pdfmetrics.registerFont(TTFont(FONT, font_file()))
    pdfmetrics.registerFont(TTFont(LATIN, latin_file()))
    with open(path, encoding="utf-8") as f:
        jobs = json.load(f)
    for job in jobs:
        tmp = job["pdf"] + ".tmp"
        c = canvas.Canvas(tmp, invariant=1)
        c.setTitle(job["title"])
        c.setCreator("ReportLab")
        for pg in job["pages"]:
            w, h = pg["width"], pg["height"]
            c.setPageSize((w, h))
            c.setLineWidth(0.5)
            for op in pg["ops"]:
                if op["k"] == "l":
                    c.line(op["x1"], h - op["y1"], op["x2"], h - op["y2"])
                    continue
                size = op["size"]
                s = op["s"]
                if not s:
                    continue
                parts = runs(s)
                sw = sum(pdfmetrics.stringWidth(t, f, size) for f, t in parts)
                if op["al"] == "c":
                    x = (op["x0"] + op["x1"] - sw) / 2
                elif op["al"] == "r":
                    x = op["x1"] - sw
                else:
                    x = op["x"]
                t = c.beginText(x, h - op["y"] - size * 0.88)
                for f, part in parts:
                    t.setFont(f, size)
                    t.textOut(part)
                c.drawText(t)
            c.showPage()
        c.save()
        os.replace(tmp, job["pdf"])


if __name__ == "__main__":
    main(sys.argv[1])
