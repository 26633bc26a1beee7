"""Auto-tags: how a trained recogniser tags each word across news, and the features made of it."""

from __future__ import annotations

import json

from dashboard.actors.autotags import build_autotags, count_autotags
from dashboard.actors.features import Featurizer
from dashboard.actors.resources import Resources
from dashboard.actors.token_features import FeatureSet, autotag_cues


class NisbaTagger:
    """Tags as organisation a word followed by الانجليزي: a stand-in recogniser."""

    def tag_documents(self, documents):
        return [
            [
                [
                    "B-ORG" if i + 1 < len(sent) and sent[i + 1] == "الانجليزي" else "O"
                    for i in range(len(sent))
                ]
                for sent in doc
            ]
            for doc in documents
        ]


NEWS = [
    {"title": "فوز ارسنال الانجليزي", "text": "لعب لارسنال الانجليزي أمس. وخسر ارسنال في لندن."},
    {"title": "", "text": "فاز ارسنال الانجليزي. وزار لندن الوفد."},
]


def _documents():
    return [[["فوز", "ارسنال", "الانجليزي"], ["لعب", "لارسنال", "الانجليزي"]], [["ارسنال", "."]]]


def test_counts_are_per_stem_over_every_occurrence():
    counts = count_autotags(_documents(), NisbaTagger(), batch=2)
    # Three occurrences of the stem (one with its clitic: لارسنال), two tagged ORG.
    assert counts["ارسنال"]["n"] == 3 and counts["ارسنال"]["ORG"] == 2
    assert counts["فوز"]["n"] == 1 and counts["فوز"]["ORG"] == 0
    assert "." not in counts  # punctuation is not a word


def test_built_table_is_read_back_as_feature_cues(tmp_path):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in NEWS), encoding="utf-8"
    )
    assert build_autotags([corpus], tmp_path / "autotags.tsv", NisbaTagger()) == 1
    res = Resources.load(tmp_path)
    # Four occurrences, three inside an organisation name (more than half: bucket 0).
    assert res.autotags == {"ارسنال": (4, 0, 0, 3)}
    assert autotag_cues(res, "ارسنال") == ("ORG0",)
    assert autotag_cues(res, "لندن") == ()  # never inside a name: not in the table


def test_a_token_and_its_neighbours_carry_the_cues_of_its_stem():
    res = Resources(autotags={"ارسنال": (40, 1, 9, 20)})
    feats = Featurizer(res).sentence(["فاز", "لارسنال", "امس"])
    assert "at=ORG1" in feats[1] and "at=LOC2" in feats[1]
    assert not any(f.startswith("at=PER") for f in feats[1])  # seen once only
    assert "1at=ORG1" in feats[0] and "-1at=ORG1" in feats[2]
    off = Featurizer(res, FeatureSet(autotags=False)).sentence(["فاز", "لارسنال", "امس"])
    assert not any("at=" in f for toks in off for f in toks)
