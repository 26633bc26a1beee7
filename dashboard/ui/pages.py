"""The dashboard's pages, declared once (no Streamlit): the registry behind
``st.Page``/``st.navigation`` in ``dashboard/app.py`` and the URL state of
``dashboard.ui.state``.

Each ``PageSpec`` names a page's script (``dashboard/views/<name>.py``), its URL path,
its icon, its options (URL parameters read only on that page, with their defaults and
parsers) and which of those options name an actor (validated against the corpus's actor
ids). Titles and help texts are the i18n keys ``page_<name>`` and ``help_<name>``.

A new page is one entry here and one file in ``dashboard/views/``. The actor page
(``/actor?id=…``) and the comparison page (``/compare?a=…&b=…``) are entries whose actor
options are ``("id",)`` and ``("a", "b")``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from dashboard.ui.options import Option, choice, free_text, integer


@dataclass(frozen=True)
class PageSpec:
    """One page of the dashboard; see the module docstring."""

    name: str
    url_path: str  # "" is the root (the default page)
    icon: str  # a Streamlit icon (":material/…:")
    options: Mapping[str, Option] = field(default_factory=dict)
    actor_options: tuple[str, ...] = ()  # options whose value is an actor id

    @property
    def title_key(self) -> str:
        return f"page_{self.name}"

    @property
    def help_key(self) -> str:
        return f"help_{self.name}"

    @property
    def script(self) -> str:
        """The page's file in ``dashboard/views/``."""
        return f"{self.name}.py"

    @property
    def is_default(self) -> bool:
        return self.url_path == ""


_UNIT = choice("day", "week", "month")

#: Every page, in the navigation's order; the first is the default (root) page.
PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "overview",
        "",
        ":material/dashboard:",
        {"top": integer(15, 3, 100), "unit": _UNIT},
    ),
    PageSpec("actors", "actors", ":material/groups:", {"top": integer(20, 3, 100)}),
    PageSpec(
        "comentions",
        "comentions",
        ":material/hub:",
        {
            "window": choice("sentence", "article"),
            "measure": choice("count", "jaccard", "pmi"),
            "order": choice("frequency", "cluster"),
            "top": integer(20, 2, 60),
            "a": free_text(),
            "b": free_text(),
        },
        actor_options=("a", "b"),
    ),
    PageSpec(
        "words",
        "words",
        ":material/cloud:",
        {"top": integer(40, 10, 200), "names": choice("merge", "omit")},
    ),
    PageSpec("timeline", "timeline", ":material/timeline:", {"unit": _UNIT}),
    PageSpec(
        "sentences",
        "sentences",
        ":material/format_quote:",
        {"q": free_text(), "page": integer(1, 1, 1_000_000)},
    ),
    PageSpec(
        "actor",
        "actor",
        ":material/person:",
        {"id": free_text(), "unit": _UNIT},
        actor_options=("id",),
    ),
    PageSpec(
        "compare",
        "compare",
        ":material/compare_arrows:",
        {"a": free_text(), "b": free_text(), "unit": _UNIT},
        actor_options=("a", "b"),
    ),
)

#: Page name -> its spec.
BY_NAME: dict[str, PageSpec] = {p.name: p for p in PAGES}
#: Page names in the navigation's order.
PAGE_NAMES: tuple[str, ...] = tuple(BY_NAME)
DEFAULT_PAGE: str = next(p.name for p in PAGES if p.is_default)


def page_options(name: str) -> Mapping[str, Option]:
    """The options of page ``name`` (none for an unknown page)."""
    spec = BY_NAME.get(name)
    return spec.options if spec else {}
