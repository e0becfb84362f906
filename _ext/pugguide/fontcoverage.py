"""Rewrite ``fontcoverage.json``: which code points each PDF font has.

``python -m pugguide.fontcoverage`` asks fontconfig (``fc-list``) for the regular face
of every font in :data:`pugguide.scripts.SCRIPTS` and the main fonts, and writes their
character sets as ranges. Run it after changing a font or the fonts `.ci/run` installs;
``tests/test_pdf_fonts.py`` fails when the file and the installed fonts disagree.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from pugguide.scripts import COVERAGE_FILE, MAIN, MAIN_FONTS, MONO, MONO_FONT, SCRIPTS, Ranges


class FontMissing(Exception):
    """A font the PDF uses is not installed."""


def charset(family: str) -> set[int]:
    """The code points of *family*'s regular face, read through fontconfig."""
    query = ["fc-list", f":family={family}:style=Regular", "charset"]
    listed = subprocess.run(query, capture_output=True, text=True, check=True).stdout
    if not listed.strip():
        raise FontMissing(f"font {family!r} is not installed (see .ci/packages)")
    # One face (several files can match: take the first), charset as "20-7e a0 ...".
    text = listed.splitlines()[0].split("charset=", 1)[1]
    codes: set[int] = set()
    for part in text.split():
        first, _, last = part.partition("-")
        codes.update(range(int(first, 16), int(last or first, 16) + 1))
    return codes


def as_ranges(codes: set[int]) -> Ranges:
    ranges: Ranges = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


def measure() -> dict[str, object]:
    """The coverage of every PDF font, as ``fontcoverage.json`` holds it."""
    main = set.intersection(*(charset(family) for family in MAIN_FONTS))
    fonts = {MAIN: as_ranges(main), MONO: as_ranges(charset(MONO_FONT))}
    fonts.update({key: as_ranges(charset(script.font)) for key, script in SCRIPTS.items()})
    return {
        "about": "Code points each PDF font has; python -m pugguide.fontcoverage rewrites it.",
        "fonts": {key: [list(r) for r in ranges] for key, ranges in fonts.items()},
    }


def main() -> int:
    if shutil.which("fc-list") is None:
        print("fontcoverage: fc-list (fontconfig) is needed", file=sys.stderr)
        return 2
    try:
        data = measure()
    except FontMissing as error:
        print(f"fontcoverage: {error}", file=sys.stderr)
        return 1
    COVERAGE_FILE.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {COVERAGE_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
