"""Context profiles: how unlabelled news introduces a word, and the features made of it."""

from __future__ import annotations

import json

from dashboard.actors.context_profiles import build_profiles, count_profiles
from dashboard.actors.features import Featurizer
from dashboard.actors.resources import Resources
from dashboard.actors.token_features import profile_cues


def _resources() -> Resources:
    res = Resources()
    res.triggers = {("نادي",): "ORGH", ("فريق",): "ORGH", ("مدينه",): "LOCH", ("في",): "LOCP"}
    res.add_gazetteer([("انجليزي", "NIS")])
    return res


NEWS = [
    "فاز فريق ارسنال الانجليزي على ضيفه .",
    "وقال مدرب نادي ارسنال إن الفريق جاهز .",
    "ولعب ارسنال في لندن ، وزار الوفد مدينة لندن .",
    "لعب لارسنال لاعب من لندن .",
]


def test_counts_follow_the_trigger_before_and_the_nisba_after():
    counts = count_profiles(iter(NEWS), _resources())
    # Four occurrences (one with a clitic: لارسنال), two after a club head noun, one
    # before a nisba.
    assert counts["ارسنال"]["n"] == 4
    assert counts["ارسنال"]["ORGH"] == 2 and counts["ارسنال"]["NIS"] == 1
    assert counts["لندن"]["LOCP"] == 1 and counts["لندن"]["LOCH"] == 1
    assert counts["لندن"]["ORGH"] == 0


def test_built_table_is_read_back_as_feature_cues(tmp_path):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(
        "".join(json.dumps({"title": "", "text": t}, ensure_ascii=False) + "\n" for t in NEWS),
        encoding="utf-8",
    )
    build_profiles([corpus], tmp_path / "profiles.tsv", _resources(), min_count=3, min_cued=2)
    res = Resources.load(tmp_path)
    assert res.profiles["ارسنال"] == (4, 0, 2, 0, 0, 0, 1)
    assert "لاعب" not in res.profiles  # seen once: no profile
    # Half of its occurrences follow an organisation head (more than a quarter: bucket
    # 1); the nisba was seen once only, too little to count.
    assert profile_cues(res, "ارسنال") == ("ORGH1",)
    assert profile_cues(res, "لندن") == ()  # each cue seen once


def test_cue_buckets_halve_the_share():
    res = Resources(profiles={"ليون": (64, 0, 16, 2, 40, 0, 0)})
    assert profile_cues(res, "ليون") == ("ORGH2", "LOCH4", "LOCP0")


def test_a_token_and_its_neighbours_carry_the_cues_of_its_stem():
    res = Resources(profiles={"ارسنال": (10, 0, 6, 0, 0, 0, 0)})
    feats = Featurizer(res).sentence(["فاز", "لارسنال", "امس"])
    assert "pf=ORGH0" in feats[1]
    assert "1pf=ORGH0" in feats[0] and "-1pf=ORGH0" in feats[2]
