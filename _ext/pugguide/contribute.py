"""The "Add your group" form: a page that writes a group file in the browser.

``.. pugguide-add-group-form::`` places a form that runs in the reader's browser
(``static/addgroup.js``): it assembles the YAML file, checks it against
``data/schema/group.schema.json`` (embedded in the page, with the country and language
codes) plus the few rules no schema can say, and opens GitHub's "new file" page with
it. Existing slugs and addresses come from the directory's export, ``groups.json`` in
the output's ``directory/`` folder. Builders without JavaScript (LaTeX, EPUB, text)
get a paragraph pointing to the web form and to ``pugguide new-group``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.util.docutils import ReferenceRole, SphinxDirective
from sphinx.util.osutil import relative_uri

from pugguide.directory.placeholders import PLACES_SCRIPT
from pugguide.groups.countries import MISTAKES, Countries
from pugguide.groups.datafiles import GROUPS_JSON
from pugguide.i18n import _
from pugguide.paths import build_data_dir, schema_file

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

#: Attribute of the build environment holding the group schema's path.
ENV_SCHEMA = "pugguide_group_schema"


class add_group_form(nodes.General, nodes.Element):
    """The form; its children are the fallback text for builders without JavaScript."""


class AddGroupForm(SphinxDirective):
    """``.. pugguide-add-group-form::`` (no arguments, no content)."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        config = self.env.config
        node = add_group_form()
        node["repository"] = config.pugguide_repository_url.rstrip("/")
        node["branch"] = config.pugguide_repository_branch
        schema = Path(getattr(self.env, ENV_SCHEMA))
        self.env.note_dependency(str(schema))
        node["schema"] = schema.read_text(encoding="utf-8")
        # The codes the validator accepts, from the tables it uses itself.
        countries = Countries()
        rules = {
            "countries": countries.codes(),
            "languages": sorted(countries._languages),
            "mistakes": MISTAKES,
        }
        node["rules"] = json.dumps(rules, ensure_ascii=False, separators=(",", ":"))
        node += nodes.paragraph(
            "",
            _(
                "The form that writes a group file for you works on the web version of "
                "this guide. Offline, run the command pugguide new-group in a copy of "
                "the repository: it asks for the same details and checks them."
            ),
        )
        return [node]


def _field(
    t: Callable[[str], str],
    label: str,
    name: str,
    hint: str = "",
    attrs: str = "",
    kind: str = "text",
    control: str = "",
    after: str = "",
) -> str:
    """A labelled control (an ``<input>`` unless *control* is given), its hint and its error;
    *t* escapes the label and the hint."""
    # aria-describedby may only name elements that exist
    described = f"pg-{name}-hint pg-{name}-error" if hint else f"pg-{name}-error"
    control = control or (
        f'<input id="pg-{name}" name="{name}" type="{kind}" aria-describedby="{described}" {attrs}>'
    )
    hint_html = f'<p class="pg-hint" id="pg-{name}-hint">{t(hint)}</p>' if hint else ""
    return (
        f'<div class="pg-field" data-field="{name}">'
        f'<label for="pg-{name}">{t(label)}</label>{hint_html}{control}{after}'
        f'<p class="pg-error" id="pg-{name}-error" hidden></p></div>'
    )


def _form_html(translator: HTML5Translator, node: add_group_form) -> str:
    """The form's markup; the JavaScript adds the lists that come from the schema."""
    builder = translator.builder
    attrs = {
        "data-index": relative_uri(builder.get_target_uri(builder.current_docname), GROUPS_JSON),
        "data-repository": node["repository"],
        "data-branch": node["branch"],
    }
    data = " ".join(f'{k}="{translator.attval(v)}"' for k, v in attrs.items())
    t = translator.encode
    field = functools.partial(_field, t)
    fields = [
        field(
            _("Group name"),
            "name",
            _("As the group calls itself, e.g. PyLadies Berlin."),
            'required autocomplete="organization"',
        ),
        field(
            _("File name (slug)"),
            "slug",
            _(
                "Lower-case letters, digits and hyphens; filled in from the name. "
                "It must be unique in the whole directory."
            ),
            'required pattern="[a-z0-9]+(-[a-z0-9]+)*" spellcheck="false"',
        ),
        field(
            _("Country"),
            "country",
            _("Two-letter ISO code such as DE or BR, or online for groups that only meet online."),
            'required list="pg-countries" spellcheck="false" autocomplete="off"',
            after='<datalist id="pg-countries"></datalist>',
        ),
        field(
            _("City"), "city", _("Where the group meets."), 'required autocomplete="address-level2"'
        ),
        field(_("Region (optional)"), "region", _("State, province or region.")),
        field(
            _("Main web address"),
            "url",
            _("The group's site, or its meetup page when it has no site."),
            'required placeholder="https://"',
            kind="url",
        ),
        field(
            _("Languages (optional)"),
            "languages",
            _("Two-letter ISO 639-1 codes, separated by commas, most used first."),
            'spellcheck="false" placeholder="en, de"',
        ),
        field(
            _("How often it meets (optional)"),
            "frequency",
            control='<select id="pg-frequency" name="frequency" '
            'aria-describedby="pg-frequency-error"><option value="">(not given)</option></select>',
        ),
        '<fieldset class="pg-field" data-field="formats" id="pg-formats">'
        f"<legend>{t(_('What happens at meetings (optional)'))}</legend>"
        '<div class="pg-choices"></div>'
        '<p class="pg-error" id="pg-formats-error" hidden></p></fieldset>',
        field(
            _("Founded (optional)"),
            "founded",
            _("The year the group first met."),
            'inputmode="numeric"',
        ),
        field(
            _("Contact e-mail (optional)"),
            "contact",
            _("Published on the directory page; use an address meant for it."),
            kind="email",
        ),
        field(
            _("Description (optional)"),
            "description",
            _("A few plain-text sentences about the group."),
            control='<textarea id="pg-description" name="description" rows="3" '
            'aria-describedby="pg-description-hint pg-description-error"></textarea>',
        ),
        '<fieldset class="pg-field" data-field="location" id="pg-location">'
        f"<legend>{t(_('Meeting place on the map (optional)'))}</legend>"
        + field(_("Latitude"), "lat", attrs='inputmode="decimal"')
        + field(_("Longitude"), "lon", attrs='inputmode="decimal"')
        + '<p class="pg-error" id="pg-location-error" hidden></p></fieldset>',
        '<details class="pg-links"><summary>'
        f"{t(_('Other addresses: meetup page, chat, mailing list, social media (optional)'))}"
        '</summary><div class="pg-links-body"></div></details>',
    ]
    no_script = t(
        _(
            "This form needs JavaScript. Without it, use the template on the page about "
            "adding a group, or run pugguide new-group."
        )
    )
    return (
        f'<div class="pg-addgroup" {data}>'
        f'<p class="pg-loading" role="status">{t(_("Loading the form…"))}</p>'
        f"<noscript><p>{no_script}</p></noscript>"
        + _json_script("schema", node["schema"])
        + _json_script("rules", node["rules"])
        + '<form class="pg-form" hidden novalidate>'
        + "".join(fields)
        + "</form>"
        f'<section class="pg-result" hidden aria-labelledby="pg-result-title">'
        f'<h2 id="pg-result-title">{t(_("Your group file"))}</h2>'
        '<div class="pg-problems" role="status" aria-live="polite"></div>'
        f'<p class="pg-path">{t(_("File:"))} <code></code></p>'
        f'<pre class="pg-yaml" tabindex="0" aria-label="{t(_("Generated YAML file"))}">'
        "<code></code></pre>"
        '<p class="pg-actions">'
        f'<a class="pg-github" aria-disabled="true">{t(_("Propose this file on GitHub"))}</a> '
        f'<button type="button" class="pg-copy">{t(_("Copy the file"))}</button> '
        f'<button type="button" class="pg-download">{t(_("Download the file"))}</button>'
        "</p></section></div>"
    )


def _json_script(name: str, text: str) -> str:
    # "</script" or "<!--" inside the data would end the element early.
    safe = text.replace("</", "<\\/").replace("<!--", "<\\u0021--")
    return f'<script type="application/json" data-pg="{name}">{safe}</script>'


def visit_form_html(self: HTML5Translator, node: add_group_form) -> None:
    if self.builder.name.startswith("epub"):  # e-readers run no scripts: show the fallback
        return
    self.body.append(_form_html(self, node))
    raise nodes.SkipNode


def _pass(self: Any, node: add_group_form) -> None:
    pass  # the fallback paragraph (the node's children) is rendered as usual


def _add_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.Node | None,
) -> None:
    # Only the page with the form pays for its script; e-readers run no scripts. The
    # files are in the edition's static folder (pugguide.edition adds it).
    if doctree is None or doctree.next_node(add_group_form) is None:
        return
    if app.builder.name.startswith("epub"):
        return
    app.add_css_file("addgroup.css")
    # Place keys and distances, shared with the directory's search box.
    app.add_js_file(PLACES_SCRIPT, loading_method="defer")
    app.add_js_file("addgroup.js", loading_method="defer")


class RepositoryRole(ReferenceRole):
    """``{pugguide-repo}`issue form <issues/new?template=add-group.yml>```: a link into
    the repository named once, in ``conf.py`` (``pugguide_repository_url``)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        url = f"{self.config.pugguide_repository_url.rstrip('/')}/{self.target.lstrip('/')}"
        title = self.title if self.has_explicit_title else url
        return [nodes.reference(self.rawtext, title, refuri=url)], []


def _builder_inited(app: Sphinx) -> None:
    # Directives cannot see the configuration folder, which pugguide_data_dir is
    # relative to; resolve the schema's path once per build for them.
    setattr(app.env, ENV_SCHEMA, str(schema_file(build_data_dir(app), "group")))


def setup_contribute(app: Sphinx) -> None:
    # Any: add_node's keyword arguments are per builder, which mypy cannot follow.
    passed: dict[str, Any] = dict.fromkeys(("latex", "text", "man", "texinfo"), (_pass, _pass))
    app.add_node(add_group_form, html=(visit_form_html, _pass), **passed)
    app.add_directive("pugguide-add-group-form", AddGroupForm)
    app.add_role("pugguide-repo", RepositoryRole())
    app.connect("builder-inited", _builder_inited)
    app.connect("html-page-context", _add_assets)
