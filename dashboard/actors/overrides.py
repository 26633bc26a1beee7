"""Analyst overrides for actors (data/actor_overrides.toml; format documented there).

``load_overrides(path=None) -> Overrides``: the parsed file (an empty one when absent).
Recognition uses ``never_keys`` and ``extra_aliases``; linking applies ``merge``,
``split``, ``relabel`` and ``never_keys`` (see dashboard.actors.link).
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.actors.text import name_key
from dashboard.frames import ACTOR_KINDS
from dashboard.paths import data_file

KINDS = ACTOR_KINDS
ACTOR_FIELDS = ("name_ar", "name_en", "kind", "country")


@dataclass(frozen=True)
class Overrides:
    """Parsed overrides; every Arabic string is already a normalised name key."""

    never_keys: frozenset[str] = frozenset()
    # key -> actor id, from [[merge]] aliases (recognised as that actor)
    extra_aliases: dict[str, str] = field(default_factory=dict)
    # actor id -> surviving actor id, from [[merge]] actors
    merge_actors: dict[str, str] = field(default_factory=dict)
    # (actor id, key) -> new actor id, from [[split]]
    splits: dict[tuple[str, str], str] = field(default_factory=dict)
    # actor id -> {field: value}, from [[relabel]], [[merge]] and [[split]] definitions
    relabel: dict[str, dict[str, str]] = field(default_factory=dict)
    fingerprint: str = ""


def _actor_fields(entry: dict, where: str) -> dict[str, str]:
    out = {k: str(entry[k]) for k in ACTOR_FIELDS if k in entry}
    if "kind" in out and out["kind"] not in KINDS:
        raise ValueError(f"{where}: kind must be one of {KINDS}, not {out['kind']!r}")
    return out


def parse_overrides(data: dict, fingerprint: str = "") -> Overrides:
    """Overrides from an already parsed TOML document (a dict)."""
    never = frozenset(name_key(s) for s in data.get("never", []))
    aliases: dict[str, str] = {}
    merge_actors: dict[str, str] = {}
    splits: dict[tuple[str, str], str] = {}
    relabel: dict[str, dict[str, str]] = {}
    for n, entry in enumerate(data.get("merge", []), 1):
        into = entry.get("into")
        if not into:
            raise ValueError(f"[[merge]] #{n}: 'into' (an actor id) is required")
        for alias in entry.get("aliases", []):
            aliases[name_key(alias)] = into
        for other in entry.get("actors", []):
            if other != into:
                merge_actors[other] = into
        if fields := _actor_fields(entry, f"[[merge]] #{n}"):
            relabel.setdefault(into, {}).update(fields)
    for n, entry in enumerate(data.get("split", []), 1):
        actor, new_id = entry.get("actor"), entry.get("new_id")
        if not actor or not new_id:
            raise ValueError(f"[[split]] #{n}: 'actor' and 'new_id' are required")
        for alias in entry.get("aliases", []):
            splits[(actor, name_key(alias))] = new_id
        relabel.setdefault(new_id, {}).update(_actor_fields(entry, f"[[split]] #{n}"))
    for n, entry in enumerate(data.get("relabel", []), 1):
        if not entry.get("actor"):
            raise ValueError(f"[[relabel]] #{n}: 'actor' is required")
        relabel.setdefault(entry["actor"], {}).update(_actor_fields(entry, f"[[relabel]] #{n}"))
    return Overrides(never, aliases, merge_actors, splits, relabel, fingerprint)


def load_overrides(path: Path | str | None = None) -> Overrides:
    """Read the overrides file (default data/actor_overrides.toml); absent → no overrides."""
    path = Path(path) if path else data_file("actor_overrides.toml")
    if not path.exists():
        return Overrides()
    raw = path.read_bytes()
    return parse_overrides(
        tomllib.loads(raw.decode("utf-8")), hashlib.blake2b(raw, digest_size=6).hexdigest()
    )
