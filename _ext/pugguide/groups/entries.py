"""A group for readers: its list entry on a country page (HTML, every value escaped
here) and its row in print. Only http(s) addresses become links.

Pure data code: words a reader sees go through the *translate* function the caller
passes in (the Sphinx side gives its message catalog), so nothing here knows Sphinx.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from pugguide.groups.countries import Countries
from pugguide.groups.records import anchor, is_web_address
from pugguide.liveness.links import confirm_url, report_url

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from pugguide.groups.records import Record

    Translate = Callable[[str], str]

SEP = " · "


def untranslated(message: str) -> str:
    return message


#: Labels of the links by kind (translated when shown).
LINK_LABELS = {
    "website": "Website",
    "meetup": "Events",
    "mailing_list": "Mailing list",
    "chat": "Chat",
    "forum": "Forum",
    "calendar": "Calendar",
    "code": "Code",
    "blog": "Blog",
    "mastodon": "Mastodon",
    "twitter": "Twitter / X",
    "bluesky": "Bluesky",
    "linkedin": "LinkedIn",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "youtube": "Videos",
    "conference": "Conference",
}


def place(record: Record) -> str:
    """City and region, the region left out when the city already names it
    ("Berlin", "Southern California", not "Southern California, California")."""
    parts = [record["city"]]
    if record["region"] and record["region"] not in record["city"]:
        parts.append(record["region"])
    return ", ".join(parts)


def status_kind(record: Record) -> str:
    """What a reader is told of a group: its status, or "stale" for an active one
    nobody has confirmed lately. A status its organizers set wins over the staleness
    the build works out. The pages, print and the browser's filter all use this."""
    status = record["status"]
    if status in ("inactive", "paused"):
        return status
    return "stale" if record["stale"] else status


def status_label(record: Record, _: Translate = untranslated) -> tuple[str, str] | None:
    """The mark a reader sees beside a group, as (CSS class, words), or None."""
    kind = status_kind(record)
    if kind == "inactive":
        return "pug-inactive", _("inactive")
    if kind == "paused":
        if record["returns"]:
            return "pug-paused", _("paused until {}").format(record["returns"])
        return "pug-paused", _("paused")
    if kind == "stale":
        return "pug-stale", _("may be inactive")
    if kind == "seeking-organizers":
        return "pug-seeking", _("seeking organizers")
    return None


class EntryWriter:
    """Writes entries with one page's translations and the repository's address."""

    def __init__(self, translate: Translate = untranslated, repository: str = "") -> None:
        self._ = translate
        self.repository = repository
        self.countries = Countries()  # one language-name table, read once per writer

    def _a(self, text: str, url: str, cls: str = "reference external") -> str:
        if not is_web_address(url):
            return escape(text)
        return f'<a class="{cls}" href="{escape(url)}">{escape(text)}</a>'

    def entry_html(self, record: Record) -> str:
        """One group's list entry, its id the stable anchor ``group-<slug>``. Written
        as HTML directly: 10,000 entries as docutils nodes cost more to transform and
        write than the rest of the guide (BENCHMARKS.md)."""
        _ = self._
        classes = f"pug-group pug-status-{escape(record['status'])}"
        badge = ""
        if mark := status_label(record, _):
            kind, words = mark
            classes += f" pug-is-{kind.removeprefix('pug-')}"
            badge = f' <span class="pug-badge {kind}">{escape(words)}</span>'
        out = [
            f'<li class="{classes}" id="{escape(anchor(record["slug"]))}">',
            f'<p class="pug-group-title"><strong>{self._a(record["name"], record["url"])}'
            f'</strong> — <span class="pug-place">{escape(place(record))}</span>{badge}</p>',
        ]
        if record["description"]:
            out.append(f'<p class="pug-description">{escape(record["description"])}</p>')
        if facts := self._facts(record):
            out.append(f'<p class="pug-facts">{escape(SEP.join(facts))}</p>')
        links = [self._a(_(LINK_LABELS.get(k, k)), url) for k, url in record["links"].items()]
        if record["contact"]:
            contact = escape(record["contact"])
            links.append(f'<a class="reference external" href="mailto:{contact}">{contact}</a>')
        if links:
            out.append(f'<p class="pug-links">{SEP.join(links)}</p>')
        meta = [escape(self.verified(record))]
        if record["edit_url"]:
            meta.append(self._a(_("edit this group"), record["edit_url"]))
        out.append(f'<p class="pug-meta">{SEP.join(meta)}</p>')
        if actions := self.actions(record):
            out.append(f'<p class="pug-actions">{SEP.join(actions)}</p>')
        out.append("</li>")
        return "\n".join(out)

    def actions(self, record: Record) -> list[str]:
        """ "We still meet" and "report a problem": prefilled issue forms naming the file."""
        if not self.repository.startswith("https://github.com/"):
            return []
        _ = self._
        confirm = confirm_url(self.repository, record["file"])
        report = report_url(self.repository, record["file"])
        return [
            self._a(_("We still meet: confirm"), confirm, "reference external pug-confirm"),
            self._a(
                _("Report a problem or no longer meets"), report, "reference external pug-report"
            ),
        ]

    def list_html(self, records: Iterable[Record]) -> str:
        entries = "\n".join(map(self.entry_html, records))
        return f'<ul class="pug-groups">\n{entries}\n</ul>\n'

    def _facts(self, record: Record) -> list[str]:
        _ = self._
        facts = []
        if record["frequency"]:
            facts.append(_("meets: {}").format(record["frequency"].replace("-", " ")))
        if record["formats"]:
            facts.append(", ".join(f.replace("-", " ") for f in record["formats"]))
        if record["languages"]:
            names = (self.countries.language(code) or code for code in record["languages"])
            facts.append(", ".join(names))
        if record["founded"]:
            facts.append(_("since {}").format(record["founded"]))
        return facts

    def verified(self, record: Record) -> str:
        _ = self._
        if record["source"]:
            return _("last verified {} (from {})").format(record["last_verified"], record["source"])
        return _("last verified {}").format(record["last_verified"])

    def compact_row(self, record: Record) -> tuple[str, str, str, str]:
        """A group in print: its country, its name (with its mark), where, its address."""
        name = record["name"]
        if mark := status_label(record, self._):
            name += f" ({mark[1]})"
        return record["country_name"], name, place(record), record["url"]
