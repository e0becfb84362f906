"""``pugguide new-group``: write a valid group file for a new contributor.

Missing details are asked for at the terminal (or refused with a list of the options to
pass, when nobody is there to answer). The file is checked among every group already in
the directory before it is written (pugguide/groups/newgroup.py); an existing file is
never overwritten.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from typing import TYPE_CHECKING, Any

from pugguide.argtypes import iso_date
from pugguide.exitcodes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from pugguide.groups.load import GROUPS
from pugguide.groups.model import FORMATS, FREQUENCIES, LINK_KINDS
from pugguide.groups.newgroup import (
    build_data,
    check,
    folder_for,
    normalise_country,
    render,
)
from pugguide.groups.slugs import slugify
from pugguide.problems import display_path, print_problems

if TYPE_CHECKING:
    from pathlib import Path

#: Asked for, in this order, when not given as options.
PROMPTS: dict[str, str] = {
    "name": "Group name (as the group calls itself)",
    "country": "Country: ISO code such as DE or BR, or 'online'",
    "city": "City where it meets",
    "url": "Main web address (https://...)",
}
SLUG_PROMPT = "File name (slug)"
#: Optional fields asked for interactively; Enter skips them.
OPTIONAL_PROMPTS: dict[str, str] = {
    "languages": "Languages spoken, ISO 639-1 codes separated by commas (e.g. en, de)",
    "frequency": f"How often it meets ({', '.join(FREQUENCIES)})",
    "contact": "Organisers' e-mail address",
}
#: The options that become the group's fields (``links`` is made from ``--link``).
FIELDS = (
    "name", "city", "country", "url", "region", "slug", "languages", "formats", "frequency",
    "founded", "description", "contact", "lat", "lon",
)  # fmt: skip


def _ask(prompt: str, default: str = "") -> str:
    suffix = f" [{default}]" if default else ""
    return input(f"{prompt}{suffix}: ").strip() or default


def _ask_optional(key: str, prompt: str) -> str | list[str]:
    answer = _ask(prompt)
    return [p for p in re.split(r"[,\s]+", answer) if p] if key == "languages" else answer


def _prompt_missing(values: dict[str, Any], *, optional: bool) -> None:
    for key, prompt in PROMPTS.items():
        while not values.get(key):
            values[key] = _ask(prompt)
    values["slug"] = values.get("slug") or _ask(SLUG_PROMPT, slugify(values["name"]))
    if optional:
        for key, prompt in OPTIONAL_PROMPTS.items():
            values[key] = values.get(key) or _ask_optional(key, f"{prompt} (Enter to skip)")


def _parse_link(text: str) -> tuple[str, str]:
    kind, sep, url = text.partition("=")
    if not sep or kind not in LINK_KINDS:
        raise argparse.ArgumentTypeError(
            f"{text!r}: write KIND=URL with KIND one of {', '.join(LINK_KINDS)}"
        )
    return kind, url


def run(args: argparse.Namespace, data_dir: Path) -> int:
    values = {key: getattr(args, key) for key in FIELDS} | {"links": dict(args.link or [])}
    interactive = args.ask or (not args.no_input and sys.stdin.isatty())
    if interactive:
        optional = ("languages", "frequency", "contact", "formats")
        _prompt_missing(values, optional=not any(values[k] for k in optional))
    if missing := [key for key in PROMPTS if not values.get(key)]:
        options = " ".join(f"--{key} ..." for key in missing)
        print(
            f"pugguide new-group: error: missing {', '.join(missing)}; pass {options} "
            "(or run it in a terminal to be asked)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    today = args.today or datetime.date.today()

    while True:
        slug = values.get("slug") or slugify(values["name"])
        country = normalise_country(values["country"])
        target = data_dir / GROUPS / folder_for(country) / f"{slug}.yaml"
        if target.exists():
            print(
                f"{display_path(target)}: error: this file already exists; edit it "
                "instead, or choose another name with --slug",
                file=sys.stderr,
            )
            return EXIT_PROBLEMS
        text = render(build_data(values, today), data_dir)
        problems = check(text, target, data_dir)
        if not problems:
            break
        print_problems(problems)
        if not interactive:
            print("Nothing was written; fix the options above and run it again.", file=sys.stderr)
            return EXIT_PROBLEMS
        # Ask again for just the fields that were wrong.
        fields = {p.field.split(".")[0] for p in problems} | (
            {"slug"} if any(not p.field for p in problems) else set()
        )
        for key in sorted(fields):
            if key in PROMPTS or key == "slug":
                values[key] = _ask(f"{PROMPTS.get(key, SLUG_PROMPT)} (try again)")
            elif key in OPTIONAL_PROMPTS:
                prompt = f"{OPTIONAL_PROMPTS[key]} (try again, Enter to skip)"
                values[key] = _ask_optional(key, prompt)
            else:
                print(
                    "Nothing was written; fix the file's details and run it again.", file=sys.stderr
                )
                return EXIT_PROBLEMS

    if args.print_only:
        sys.stdout.write(text)
        return EXIT_OK
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(text)
    print(f"Created {display_path(target)}")
    print(
        "Next: check it with `pugguide validate`, preview with `nox -s docs`, then open a "
        "pull request (docs/contribute/add-or-update-a-group.md explains each step)."
    )
    return EXIT_OK


def add_parser(sub: Any) -> None:
    """Add ``new-group`` to the ``pugguide`` subcommands."""
    p = sub.add_parser(
        "new-group",
        help="create a group file, checked before it is written",
        description="Create data/groups/<cc>/<slug>.yaml for a new group, with today's "
        "last_verified. Details not given as options are asked for at the terminal.",
    )
    req = p.add_argument_group("required (asked for when missing)")
    req.add_argument("--name", help="the group's name, as it calls itself")
    req.add_argument("--city", help="the city where it meets")
    req.add_argument("--country", help="ISO 3166-1 alpha-2 code (DE, BR) or 'online'")
    req.add_argument("--url", help="its main web address")
    opt = p.add_argument_group("optional")
    opt.add_argument("--slug", help="file name without .yaml (default: from the name)")
    opt.add_argument("--region", help="state, province or region")
    opt.add_argument(
        "--language",
        action="append",
        dest="languages",
        metavar="CODE",
        help="ISO 639-1 code of a language spoken (repeatable)",
    )
    opt.add_argument(
        "--format",
        action="append",
        dest="formats",
        metavar="FORMAT",
        help=f"what happens at meetings (repeatable): {', '.join(FORMATS)}",
    )
    opt.add_argument("--frequency", help=f"how often it meets: {', '.join(FREQUENCIES)}")
    opt.add_argument("--founded", type=int, metavar="YEAR", help="the year it first met")
    opt.add_argument("--description", help="a few plain-text sentences")
    opt.add_argument("--contact", metavar="EMAIL", help="an address reaching the organisers")
    opt.add_argument("--lat", type=float, help="latitude of the meeting place")
    opt.add_argument("--lon", type=float, help="longitude of the meeting place")
    opt.add_argument(
        "--link",
        action="append",
        type=_parse_link,
        metavar="KIND=URL",
        help=f"another address (repeatable); KIND: {', '.join(LINK_KINDS)}",
    )
    asking = p.add_mutually_exclusive_group()
    asking.add_argument(
        "--no-input", action="store_true", help="never ask; fail when a required detail is missing"
    )
    asking.add_argument(
        "--ask",
        action="store_true",
        help="ask for missing details even when the input is not a terminal (piped answers)",
    )
    p.add_argument(
        "--print",
        dest="print_only",
        action="store_true",
        help="print the file instead of writing it",
    )
    p.add_argument("--today", type=iso_date, help=argparse.SUPPRESS)  # for tests
    p.set_defaults(func=run)
