"""The two actions on each directory entry, as links to prefilled GitHub issue forms:
"We still meet: confirm" (the ``group-confirm`` form, which the confirmation workflow
turns into a pull request) and "Report a problem / no longer meets" (``group-inactive``).

Both fill in the form's ``file`` field (GitHub prefills a field from the query parameter
named by its ``id``) and give the issue a title naming the file. No Sphinx, no network.
"""

from __future__ import annotations

import re
from urllib.parse import quote

CONFIRM_TEMPLATE = "group-confirm.yml"
REPORT_TEMPLATE = "group-inactive.yml"
#: Title prefixes, as the forms' own ``title:`` values have them.
CONFIRM_TITLE = "Still meets: "
REPORT_TITLE = "Inactive group: "
_REPOSITORY = re.compile(r"https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")


def _new_issue(repository_url: str, template: str, title: str, relpath: str) -> str:
    repo = repository_url.strip().removesuffix("/").removesuffix(".git")
    if not _REPOSITORY.fullmatch(repo):
        raise ValueError(f"{repository_url!r} is not a GitHub repository address")
    if relpath.startswith("/") or "\\" in relpath or ".." in relpath.split("/"):
        raise ValueError(f"{relpath!r} is not a path inside the repository")
    query = "&".join(
        f"{name}={quote(value, safe='/')}"
        for name, value in (("template", template), ("title", title + relpath), ("file", relpath))
    )
    return f"{repo}/issues/new?{query}"


def confirm_url(repository_url: str, relpath: str) -> str:
    """The "We still meet: confirm" link for the group file *relpath*
    (``data/groups/de/pub.yaml``), in the GitHub repository at *repository_url*."""
    return _new_issue(repository_url, CONFIRM_TEMPLATE, CONFIRM_TITLE, relpath)


def report_url(repository_url: str, relpath: str) -> str:
    """The "Report a problem / no longer meets" link for the group file *relpath*."""
    return _new_issue(repository_url, REPORT_TEMPLATE, REPORT_TITLE, relpath)
