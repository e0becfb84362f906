"""pug-guide's Sphinx extension: checklists and the group directory, built from YAML.

Each feature lives in its own subpackage with a ``setup_<feature>(app)`` function;
:func:`setup` wires them and declares the configuration they share.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

try:
    __version__ = version("pug-guide")
except PackageNotFoundError:  # built from a checkout without `pip install`
    __version__ = "0.0.dev0"

#: Bump when what the extension stores in the environment changes shape.
ENV_VERSION = 1


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value(
        "pugguide_data_dir",
        "data",
        "env",
        types=frozenset({str}),
        description="The data folder (groups/, checklists/, schema/), relative to conf.py.",
    )
    app.add_config_value(
        "pugguide_repository_url",
        "",
        "html",
        types=frozenset({str}),
        description="The repository's web address, for 'edit this' links.",
    )
    app.add_config_value(
        "pugguide_repository_branch",
        "main",
        "html",
        types=frozenset({str}),
        description="The branch that 'edit this' links open.",
    )
    app.add_message_catalog("pugguide", str(Path(__file__).parent / "locale"))

    # Imported here, not at the top: `pugguide validate` imports this package too,
    # and should not pay for loading Sphinx's writers and the features' renderers.
    from pugguide.a11y import setup_a11y
    from pugguide.checklists import setup_checklists
    from pugguide.contribute import setup_contribute
    from pugguide.directory import setup_directory
    from pugguide.edition import setup_edition
    from pugguide.facts import setup_facts
    from pugguide.sitemap import setup_sitemap

    setup_a11y(app)  # ARIA repairs to Sphinx's and the theme's markup
    setup_edition(app)  # offline and versioned editions (issue 7)
    setup_checklists(app)  # checklists from YAML (issue 5)
    setup_contribute(app)  # the Add your group form (issue 8)
    setup_facts(app)  # dated facts, {checked}`YYYY-MM-DD` (issue 16)
    setup_directory(app)  # the group directory (issue 6)
    setup_sitemap(app)  # pages in a stable order

    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
