"""Regular inflection of nisba adjectives (demonyms): روسي → الروسي، الروسية، الروسيان …

``inflect(base)`` takes a base nisba as written in the masculine singular indefinite
(one or more words, e.g. ``"روسي"`` or ``"كوري شمالي"``) and returns every regular form:
masculine/feminine, singular/dual/plural, nominative/oblique, indefinite and definite.
Words of a multi-word nisba agree: الكوري الشمالي، الكوريين الشماليين، كورية جنوبية.
Words not ending in ي (e.g. جنوب in جنوب أفريقي) stay as they are. Irregular (broken)
plurals such as الروس or الأتراك are listed by hand in data/gazetteers/curated.tsv.
"""

from __future__ import annotations

# Suffixes added to a nisba ending in ي: sg. m/f, dual m/f (nom./obl.), plural m/f.
NISBA_SUFFIXES = ("", "ة", "ان", "ين", "تان", "تين", "ون", "ات")


def inflect(base: str) -> list[str]:
    """All regular forms of the base nisba ``base`` (original spelling, not normalised).

    >>> "الكوريين الشماليين" in inflect("كوري شمالي")
    True
    """
    words = base.split()
    forms: list[str] = []
    for suffix in NISBA_SUFFIXES:
        nisba = [w.endswith("ي") for w in words]
        inflected = [w + suffix if n else w for w, n in zip(words, nisba, strict=False)]
        forms.append(" ".join(inflected))
        forms.append(" ".join("ال" + w if n else w for w, n in zip(inflected, nisba, strict=False)))
    # Keep order, drop duplicates.
    return list(dict.fromkeys(forms))
