"""Actor recognition and linking on the seed article and realistic news sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.actors.gazetteer import Gazetteer, load_gazetteer, read_tsv
from dashboard.actors.overrides import parse_overrides
from dashboard.actors.pipeline import link_mentions, recognize_article
from dashboard.arabic.sentences import split_sentences
from dashboard.paths import data_file

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_ca1ffc38c5cd97af.txt"


def seed_body() -> str:
    raw = SEED.read_text(encoding="utf-8")
    body = raw[raw.index("موسكو: ") + len("موسكو: ") :]
    return body[: body.rindex("(أ ف ب)")].strip()


def run(texts: dict[str, str], overrides=None):
    """Recognise + link a small corpus {article_id: text} → (actors, mentions, candidates)."""
    sentences, candidates = [], []
    for aid, text in texts.items():
        spans = split_sentences(text)
        for s, e in spans:
            sentences.append(
                {"article_id": aid, "sentence_id": len(sentences), "start": s, "end": e}
            )
        candidates += [{**c, "article_id": aid} for c in recognize_article(text, spans)]
    articles = pd.DataFrame([{"article_id": a, "text": t} for a, t in texts.items()])
    actors, mentions = link_mentions(
        articles, pd.DataFrame(sentences), pd.DataFrame(candidates), overrides=overrides
    )
    return actors, mentions, candidates


@pytest.fixture(scope="module")
def seed():
    body = seed_body()
    actors, mentions, _ = run({"seed": body})
    return body, actors, mentions


def forms_of(mentions: pd.DataFrame, actor_id: str) -> set[str]:
    return set(mentions.loc[mentions["actor_id"] == actor_id, "surface"])


PEOPLE = {
    "per-choe-son-hui": {"شو سون هوي", "سون هوي"},
    "per-sergey-lavrov": {"سيرغي لافروف", "لافروف"},
    "per-kim-jong-un": {"كيم جونغ أون"},
    "per-vladimir-putin": {"فلاديمير بوتين"},
    "per-kim-il-sung": {"كيم إيل سونغ"},
    "per-volodymyr-zelensky": {"فولوديمير زيلينسكي"},
}


def test_seed_people_are_one_actor_each_with_all_their_forms(seed):
    body, actors, mentions = seed
    people = actors[actors["kind"] == "PER"]
    assert set(people["actor_id"]) == set(PEOPLE)  # nobody invented, nobody split
    for actor_id, forms in PEOPLE.items():
        assert forms_of(mentions, actor_id) == forms
    name = dict(zip(actors["actor_id"], actors["name_ar"], strict=True))
    assert name["per-choe-son-hui"] == "شو سون هوي"
    assert name["per-sergey-lavrov"] == "سيرغي لافروف"


def test_seed_places_with_iso_codes_and_every_form(seed):
    body, actors, mentions = seed
    country = dict(zip(actors["actor_id"], actors["country"], strict=True))
    expected = {
        "gpe-russia": "RUS",
        "gpe-north-korea": "PRK",
        "gpe-south-korea": "KOR",
        "gpe-ukraine": "UKR",
        "gpe-united-states": "USA",
        "gpe-moscow": "RUS",
        "gpe-pyongyang": "PRK",
        "gpe-kyiv": "UKR",
    }
    for actor_id, iso in expected.items():
        assert country[actor_id] == iso, actor_id
    assert pd.isna(country["gpe-soviet-union"])
    assert forms_of(mentions, "gpe-russia") == {"روسيا", "روسية", "الروسي", "الروسيان", "الروس"}
    assert {
        "الكورية الشمالية",
        "الكوري الشمالي",
        "الكوريين الشماليين",
        "كوري شمالي",
        "كوريا الشمالية",
        "الكوريين",
    } <= forms_of(mentions, "gpe-north-korea")
    assert forms_of(mentions, "gpe-south-korea") == {"كورية جنوبية"}
    assert forms_of(mentions, "gpe-ukraine") == {"أوكرانيا", "الأوكراني"}
    # لموسكو: the clitic ل is not part of the mention.
    i = body.index("لموسكو")
    assert ((mentions["start"] == i + 1) & (mentions["surface"] == "موسكو")).any()


def test_seed_has_no_common_words_as_actors(seed):
    body, actors, mentions = seed
    surfaces = set(mentions["surface"])
    assert not surfaces & {"الغرب", "الجمعة", "الخميس", "الوزيرة", "الزعيم", "الرئيس"}
    assert actors["mentions"].sum() == len(mentions)


def test_invariants_offsets_ids_and_stability(seed):
    body, actors, mentions = seed
    assert all(
        body[s:e] == t
        for s, e, t in zip(mentions["start"], mentions["end"], mentions["surface"], strict=True)
    )
    assert set(mentions["actor_id"]) <= set(actors["actor_id"])
    assert actors["actor_id"].is_unique
    assert all(re.fullmatch(r"[a-z0-9-]+", a) for a in actors["actor_id"])
    again_actors, again_mentions, _ = run({"seed": body})
    pd.testing.assert_frame_equal(actors, again_actors)
    pd.testing.assert_frame_equal(mentions, again_mentions)


def test_sentence_ids_follow_offsets(seed):
    body, actors, mentions = seed
    spans = split_sentences(body)
    for sid, start in zip(mentions["sentence_id"], mentions["start"], strict=True):
        s, e = spans[sid]
        assert s <= start < e


def test_nisba_forms_count_for_their_country():
    text = (
        "التقى الرئيس الروسي بالمسؤولين الأميركيين في جنيف. "
        "وقالت الخارجية إن الطائرات الروسية والجنود الأتراك انسحبوا، "
        "فيما رحب الأمريكيون والسوريون بالخطوة."
    )
    actors, mentions, _ = run({"a": text})
    assert forms_of(mentions, "gpe-russia") == {"الروسي", "الروسية"}
    assert forms_of(mentions, "gpe-united-states") == {"الأميركيين", "الأمريكيون"}
    assert forms_of(mentions, "gpe-turkey") == {"الأتراك"}
    assert forms_of(mentions, "gpe-syria") == {"السوريون"}


def test_nisbas_of_less_reported_countries_give_the_country_and_a_body_its_country():
    # Sky News Arabia (SK-internationalNews-415-20180317), shortened: the body's own nisba
    # names its country, not the article's Ankara.
    body = "أنقرة: وسقطت الطائرة فوق منزل، حسبما ذكر المتحدث باسم هيئة الطيران المدني الفلبينية."
    kenya = "وفاز العداء الكيني بالسباق، وقال المدرب كيني دالغليش إن الفوز مستحق."
    actors, mentions, _ = run({"a": body, "b": kenya})
    got = dict(zip(mentions["surface"], mentions["actor_id"], strict=True))
    org = got["هيئة الطيران المدني الفلبينية"]
    assert actors.set_index("actor_id").loc[org, "country"] == "PHL"
    assert got["الكيني"] == "gpe-kenya"
    # The given name Kenny is not Kenya's bare nisba: the person keeps his name.
    assert "كيني" not in got and got.get("كيني دالغليش", "").startswith("per-")


def test_a_criminal_court_is_named_and_an_international_one_has_no_country():
    # CNN Arabic (CN-middleEast-152-20180302) and Sky News Arabia
    # (SK-middleEast-209-20180310), shortened: الجنايات has an English word, so the
    # international court is seen to be one and takes no country from Washington.
    icc = "يجب إحالة الوضع في سوريا إلى محكمة الجنايات الدولية، وأضاف أن واشنطن تدعم ذلك."
    giza = "قضت محكمة جنايات الجيزة في مصر، بالإعدام شنقا على 10 متهمين."
    actors, mentions, _ = run({"a": icc, "b": giza})
    got = dict(zip(mentions["surface"], mentions["actor_id"], strict=True))
    by_id = actors.set_index("actor_id")
    court = by_id.loc[got["محكمة الجنايات الدولية"]]
    assert court["name_en"] == "International Criminal Court" and pd.isna(court["country"])
    giza_court = by_id.loc[got["محكمة جنايات الجيزة"]]
    assert giza_court["name_en"] == "Giza Criminal Court (Egypt)"
    assert giza_court["country"] == "EGY"


def test_clitics_stay_outside_the_mention():
    text = "وصل الوفد إلى بيروت ثم توجه لدمشق وللقاهرة، وبموسكو عقد لقاءات مع ممثلين للأمم المتحدة."
    actors, mentions, _ = run({"a": text})
    got = dict(zip(mentions["surface"], mentions["actor_id"], strict=True))
    assert got["دمشق"] == "gpe-damascus"
    # لل = ل + ال: the span keeps the article's lam (وللقاهرة → لقاهرة).
    assert got["لقاهرة"] == "gpe-cairo"
    assert got["موسكو"] == "gpe-moscow"
    assert got["لأمم المتحدة"] == "org-un"


def test_capital_as_metonym_stays_the_city():
    actors, mentions, _ = run({"a": "أعلنت بيونغ يانغ أنها أطلقت صاروخا، وردت سيول بتحذير."})
    assert set(mentions["actor_id"]) == {"gpe-pyongyang", "gpe-seoul"}
    country = dict(zip(actors["actor_id"], actors["country"], strict=True))
    assert country == {"gpe-pyongyang": "PRK", "gpe-seoul": "KOR"}


def test_pattern_person_and_partial_name_merge_in_article_and_corpus():
    first = (
        "وقال وزير الخارجية الفرنسي جان نويل بارو إن باريس تدعم وقف إطلاق النار. "
        "وأضاف بارو أن الحل سياسي."
    )
    second = "وقال الوزير نويل بارو في القاهرة إن المحادثات مثمرة."
    actors, mentions, _ = run({"a": first, "b": second})
    people = mentions[mentions["surface"].isin(["جان نويل بارو", "بارو", "نويل بارو"])]
    assert people["actor_id"].nunique() == 1
    assert set(people["surface"]) == {"جان نويل بارو", "بارو", "نويل بارو"}
    row = actors[actors["actor_id"] == people["actor_id"].iloc[0]].iloc[0]
    assert row["name_ar"] == "جان نويل بارو" and row["kind"] == "PER"


def test_bare_korean_nisba_goes_to_the_korea_the_article_names():
    north = "أعلنت كوريا الشمالية تجربة صاروخية. وقال مسؤول كوري إن التجربة نجحت."
    south = "زار رئيس كوريا الجنوبية طوكيو. وقال مسؤول كوري إن الزيارة ناجحة."
    neither = "حضر فنان كوري حفل الافتتاح."
    _, mentions, _ = run({"n": north, "s": south, "x": neither})
    m = mentions.set_index(["article_id", "surface"])["actor_id"]
    assert m[("n", "كوري")] == "gpe-north-korea"
    assert m[("s", "كوري")] == "gpe-south-korea"
    assert "x" not in set(mentions["article_id"])


def test_overrides_never_merge_split_relabel():
    text = "وقال الرئيس الروسي فلاديمير بوتين إن الغرب يتحمل المسؤولية. وزار بوتين طرابلس."
    ov = parse_overrides(
        {
            "never": ["طرابلس"],
            "merge": [
                {
                    "into": "per-putin-merged",
                    "actors": ["per-vladimir-putin"],
                    "name_en": "V. Putin",
                    "kind": "PER",
                    "country": "RUS",
                }
            ],
            "relabel": [{"actor": "gpe-russia", "name_en": "Russian Federation"}],
        }
    )
    actors, mentions, _ = run({"a": text}, overrides=ov)
    assert "طرابلس" not in set(mentions["surface"])
    assert forms_of(mentions, "per-putin-merged") == {"فلاديمير بوتين", "بوتين"}
    assert "per-vladimir-putin" not in set(actors["actor_id"])
    row = actors.set_index("actor_id").loc["per-putin-merged"]
    assert row["name_en"] == "V. Putin" and row["country"] == "RUS"
    assert actors.set_index("actor_id").loc["gpe-russia", "name_en"] == "Russian Federation"

    split = parse_overrides(
        {
            "split": [
                {
                    "actor": "per-vladimir-putin",
                    "aliases": ["بوتين"],
                    "new_id": "per-other",
                    "name_en": "Someone else",
                    "kind": "PER",
                }
            ]
        }
    )
    actors, mentions, _ = run({"a": text}, overrides=split)
    assert forms_of(mentions, "per-other") == {"بوتين"}
    assert forms_of(mentions, "per-vladimir-putin") == {"فلاديمير بوتين"}


def test_override_aliases_are_recognised():
    ov = parse_overrides(
        {"merge": [{"into": "per-vladimir-putin", "aliases": ["القيصر"]}], "never": ["موسكو"]}
    )
    gaz = Gazetteer(
        read_tsv(data_file("gazetteers", "actors.tsv")),
        read_tsv(data_file("gazetteers", "aliases.tsv")),
        ov,
    )
    keys = ["وصل", "القيصر", "الي", "موسكو"]
    hit = gaz.match(keys, 1)
    assert hit is not None and hit.actor_ids == ("per-vladimir-putin",)
    assert gaz.match(keys, 3) is None
    assert load_gazetteer().match(keys, 3) is not None  # the shipped file does not block it


class TagsFromList:
    """Plays the CRF recogniser: tags the tokens listed in ``entities`` (B-/I- by position)."""

    def __init__(self, entities: dict[tuple[str, ...], str]):
        self.entities = entities

    def tag_document(self, sentences):
        out = []
        for tokens in sentences:
            tags = ["O"] * len(tokens)
            for ent, label in self.entities.items():
                n = len(ent)
                for i in range(len(tokens) - n + 1):
                    if tuple(tokens[i : i + n]) == ent:
                        tags[i : i + n] = [f"B-{label}"] + [f"I-{label}"] * (n - 1)
            out.append(tags)
        return out

    def tag_documents(self, documents):
        return [self.tag_document(doc) for doc in documents]


def test_model_entities_are_merged_with_gazetteer_and_cleaned(monkeypatch):
    import dashboard.actors.pipeline as pipeline

    text = "وقال الغرب إن وزير الطاقة لوران نونييز زار موسكو. والتقى لنونييز مسؤولين من توتال."
    fake = TagsFromList(
        {
            ("الغرب",): "PER",  # a lone definite word: dropped
            ("موسكو",): "LOC",  # the gazetteer already has it: gazetteer wins
            ("لوران", "نونييز"): "PER",
            ("لنونييز",): "PER",  # the clitic ل stays outside once نونييز is known
            ("توتال",): "ORG",
        }
    )
    monkeypatch.setattr(pipeline, "_recognizer", lambda: fake)
    spans = split_sentences(text)
    cands = recognize_article(text, spans)
    by_surface = {c["surface"]: c for c in cands}
    assert "الغرب" not in by_surface
    assert by_surface["موسكو"]["method"] == "gazetteer"
    assert by_surface["لوران نونييز"]["method"] in {"model", "pattern"}
    assert by_surface["توتال"]["kind"] == "ORG" and by_surface["توتال"]["method"] == "model"
    assert all(text[c["start"] : c["end"]] == c["surface"] for c in cands)
    sentences = pd.DataFrame(
        [
            {"article_id": "a", "sentence_id": i, "start": s, "end": e}
            for i, (s, e) in enumerate(spans)
        ]
    )
    actors, mentions = link_mentions(
        pd.DataFrame([{"article_id": "a", "text": text}]),
        sentences,
        pd.DataFrame(cands).assign(article_id="a"),
    )
    person = mentions[mentions["surface"].isin(["لوران نونييز", "نونييز"])]
    assert set(person["surface"]) == {"لوران نونييز", "نونييز"}
    assert person["actor_id"].nunique() == 1


def test_clitic_dropped_when_the_corpus_names_the_bare_word(monkeypatch):
    import dashboard.actors.pipeline as pipeline

    fake = TagsFromList({("بيرنلي",): "ORG", ("لبيرنلي",): "ORG"})
    monkeypatch.setattr(pipeline, "_recognizer", lambda: fake)
    texts = {"a": "فاز بيرنلي على ضيفه.", "b": "وسجل المهاجم هدفا لبيرنلي في الدقيقة الأخيرة."}
    actors, mentions, _ = run(texts)
    club = mentions[mentions["article_id"].isin(["a", "b"]) & mentions["surface"].eq("بيرنلي")]
    assert len(club) == 2 and club["actor_id"].nunique() == 1
    b = mentions[mentions["article_id"] == "b"].iloc[0]
    assert texts["b"][b["start"] : b["end"]] == "بيرنلي"


def test_names_that_are_also_common_words_need_the_right_context():
    text = (
        "وتعتبر بيونغ يانغ المناورات دوماً تدريبا على الغزو. "
        "وطالب الكونغرس باعتماد دعم مالي جديد. "
        "وقتل جنود في شمال مالي قرب الحدود مع النيجر، فيما قصفت القوات مدينة دوما."
    )
    _, mentions, _ = run({"a": text})
    got = mentions.groupby("actor_id")["start"].apply(list).to_dict()
    assert got["gpe-mali"] == [text.index("مالي قرب")]
    assert got["gpe-duma"] == [text.rindex("دوما")]
    assert text.index("دوماً") not in set(mentions["start"])
    assert text.index("مالي جديد") not in set(mentions["start"])


def test_edited_overrides_file_is_honoured_by_the_pipeline(tmp_path, monkeypatch):
    import os

    import dashboard.actors.gazetteer as gazetteer

    overrides = tmp_path / "actor_overrides.toml"
    real = gazetteer.data_file

    def data_file(*parts):
        return overrides if parts == ("actor_overrides.toml",) else real(*parts)

    monkeypatch.setattr(gazetteer, "data_file", data_file)
    text = "وصل لافروف إلى موسكو قادما من القيصرية."

    def surfaces():
        actors, mentions, _ = run({"a": text})
        return dict(zip(mentions["surface"], mentions["actor_id"], strict=True))

    overrides.write_text(
        'never = ["موسكو"]\n[[merge]]\ninto = "gpe-kayseri"\naliases = ["القيصرية"]\n'
        'name_en = "Kayseri"\nkind = "GPE"\ncountry = "TUR"\n',
        encoding="utf-8",
    )
    got = surfaces()
    assert "موسكو" not in got
    assert got["القيصرية"] == "gpe-kayseri"
    assert got["لافروف"] == "per-sergey-lavrov"

    overrides.write_text("never = []\n", encoding="utf-8")
    os.utime(overrides, (1, 1))  # a different modification time: the file changed
    got = surfaces()
    assert got["موسكو"] == "gpe-moscow"
    assert "القيصرية" not in got
