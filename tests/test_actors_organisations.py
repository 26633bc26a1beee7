"""Organisations by their grammar (dashboard.actors.organisations) and their linking.

Sentences are short extracts of real articles of the shared news corpus (article ids
in the comments) unless marked as made up to pin a boundary.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.actors.gazetteer import load_gazetteer
from dashboard.actors.organisations import agrees, english_name, find_organisations
from dashboard.actors.pipeline import link_mentions, recognize_article
from dashboard.actors.text import token_key, tokenize
from dashboard.arabic.sentences import split_sentences


def organisations(sentence: str) -> list[tuple[str, str | None]]:
    """(surface, English name without country) of each organisation the grammar finds."""
    tokens = [sentence[a:b] for a, b in tokenize(sentence)]
    keys = [token_key(t) for t in tokens]
    gaz = load_gazetteer()
    covered = {}  # the places the gazetteer knows, as the pipeline gives them
    for i in range(len(keys)):
        m = gaz.match(keys, i)
        if m is not None and i not in covered:
            covered.update(dict.fromkeys(range(m.first, m.last), (m.last, m.kind, m.actor_ids)))
    return [
        (" ".join(tokens[o.first : o.last]), english_name(o))
        for o in find_organisations(keys, covered)
    ]


def run(articles: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Recognise and link ``articles`` (dicts with article_id, text, dateline)."""
    sentences, candidates = [], []
    for a in articles:
        spans = split_sentences(a["text"])
        for s, e in spans:
            row = {"article_id": a["article_id"], "sentence_id": len(sentences)}
            sentences.append({**row, "start": s, "end": e})
        candidates += [
            {**c, "article_id": a["article_id"]} for c in recognize_article(a["text"], spans)
        ]
    return link_mentions(pd.DataFrame(articles), pd.DataFrame(sentences), pd.DataFrame(candidates))


@pytest.mark.parametrize(
    ("sentence", "surface", "english"),
    [
        # SK-middleEast-555-20180325: head + agreeing adjectives, stopped by في
        (
            "إذ تفصل المحكمة الإدارية العليا في الطعون على قراراتها",
            "المحكمة الإدارية العليا",
            "Supreme Administrative Court",
        ),
        # A construct chain with an adjective of its noun (made up after the dev set's kind)
        ("وقالت وزارة الخدمة المدنية إن", "وزارة الخدمة المدنية", "Ministry of Civil Service"),
        # A complement with ل and a coordinated noun with its adjective
        (
            "بحسب الهيئة العامة للسياحة والتراث الوطني",
            "الهيئة العامة للسياحة والتراث الوطني",
            "General Tourism and National Heritage Authority",
        ),
        ("فاز حزب العدالة والتنمية", "حزب العدالة والتنمية", "Justice and Development Party"),
        # SK-middleEast-273-20180314: a broken plural takes a feminine adjective
        (
            "وقال رئيس هيئة الأركان العامة الروسية فاليري جيراسيموف إن",
            "هيئة الأركان العامة الروسية",
            "General Staff Authority",
        ),
        # An indefinite chain noun before its definite end, and a country adjective
        (
            "أعلنت هيئة تنظيم الاتصالات الهندية",
            "هيئة تنظيم الاتصالات الهندية",
            "Telecommunications Regulatory Authority",
        ),
    ],
)
def test_an_organisation_is_its_head_chain_and_adjectives(sentence, surface, english):
    assert organisations(sentence) == [(surface, english)]


@pytest.mark.parametrize(
    "sentence",
    [
        "وقالت الوزارة إن",  # a definite head alone refers back: no name
        "وقالت الشركة الأمريكية إن",  # a head and a country only: "the American company"
        "دعت اللجنة المواطنين إلى",  # المواطنين does not agree with اللجنة: it is the object
        "سيحقق الجيش والشعب الروسيان انتصارا",  # و does not join a second head
        # SK-internationalNews-2031-20180608: a nisba no list knows is still a nisba
        "وتطفلت الشركة السنغافورية على قاعدة منظمة ترامب",
    ],
)
def test_common_noun_phrases_are_no_organisation(sentence):
    assert organisations(sentence) == []


def test_a_name_stops_at_a_day_of_the_week():
    # Made up: وزارة + its complement, then the day the statement was made.
    assert organisations("أعلنت وزارة الصحة الثلاثاء أن") == [("وزارة الصحة", "Ministry of Health")]


def test_adjectives_agree_in_gender_with_their_noun():
    assert agrees("هيئه", "عامه") and agrees("طيران", "مدني")
    assert not agrees("لجنه", "مواطنين") and not agrees("بنك", "عامه")


def test_a_ministry_takes_its_country_from_a_nisba_in_its_name():
    # SK-middleEast-148-20180301
    actors, mentions = run(
        [
            {
                "article_id": "a",
                "text": "ودعت وزارة الخارجية الفرنسية روسيا وإيران.",
                "dateline": None,
            }
        ]
    )
    org = actors.set_index("actor_id").loc[mentions.loc[mentions["kind"] == "ORG", "actor_id"]]
    assert list(org["name_en"]) == ["Ministry of Foreign Affairs (France)"]
    assert list(org["country"]) == ["FRA"]
    # The nisba inside the name is no mention of France of its own.
    assert "gpe-france" not in set(mentions["actor_id"])


def test_the_same_ministry_in_a_cairo_and_a_riyadh_article_are_two_actors():
    text = "وقالت وزارة الخارجية في بيان إنها تتابع الموقف."  # made up, without a country
    actors, mentions = run(
        [
            {"article_id": "cairo", "text": text, "dateline": "القاهرة"},
            {"article_id": "riyadh", "text": text, "dateline": "الرياض"},
        ]
    )
    orgs = actors[actors["kind"] == "ORG"].set_index("actor_id")
    assert sorted(orgs["country"]) == ["EGY", "SAU"]
    assert sorted(orgs["name_en"]) == [
        "Ministry of Foreign Affairs (Egypt)",
        "Ministry of Foreign Affairs (Saudi Arabia)",
    ]
    by_article = mentions.set_index("article_id")["actor_id"]
    assert by_article["cairo"] != by_article["riyadh"]


def test_without_a_dateline_the_country_the_article_names_most_is_taken():
    text = "زار الوزير القاهرة. وقالت وزارة الخارجية إن مصر ترحب بالزيارة."  # made up
    actors, _ = run([{"article_id": "a", "text": text, "dateline": None}])
    org = actors[actors["kind"] == "ORG"].iloc[0]
    assert org["country"] == "EGY"


def test_a_national_team_is_named_by_its_country():
    actors, _ = run(
        [{"article_id": "a", "text": "فاز المنتخب السعودي لكرة الطاولة.", "dateline": None}]
    )
    org = actors[actors["kind"] == "ORG"].iloc[0]
    assert org["name_en"] == "Saudi Arabia national team (Table Tennis)"
    assert org["country"] == "SAU"


def test_a_country_named_right_after_the_organisation_is_its_country():
    # AL-economy-194-20180308
    text = "وفي سياق متصل منحت الهيئة العامة للاستثمار في السعودية 10 رخص للاستثمار المباشر."
    actors, _ = run([{"article_id": "a", "text": text, "dateline": "دبي"}])
    org = actors[actors["kind"] == "ORG"].iloc[0]
    assert (org["name_en"], org["country"]) == (
        "General Investment Authority (Saudi Arabia)",
        "SAU",
    )


def test_the_country_an_article_names_beats_an_outlets_seat_given_as_dateline():
    # SK-internationalNews-223-20180302 (its reader gives أبوظبي, Sky News Arabia's seat)
    text = (
        "أعلنت السلطات الفنزويلية أن الانتخابات الرئاسية ستجري في 20 مايو المقبل. "
        "وقالت رئيسة الهيئة الوطنية للانتخابات تيبيساي لوتشينا إن الموعد حدد."
    )
    actors, _ = run([{"article_id": "a", "text": text, "dateline": "أبوظبي"}])
    assert list(actors.loc[actors["kind"] == "ORG", "country"]) == ["VEN"]


def test_a_team_is_named_by_the_country_its_nisba_names():
    # Made up after the shared articles' المنتخب الإنجليزي
    actors, _ = run(
        [{"article_id": "a", "text": "وفاز المنتخب الإنجليزي على ضيفه.", "dateline": None}]
    )
    org = actors[actors["kind"] == "ORG"].iloc[0]
    assert (org["name_en"], org["country"]) == ("England national team", "GBR")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # SK-economy-655-20180528: a classifier before a proper name no list knows stays
        # out, and so does the adjective that describes the name
        (
            "وبحسب المراجعة الإحصائية لشركة بريتش بتروليوم العالمية لعام 2017",
            [("بريتش بتروليوم", None)],
        ),
        # BB-middleEast-119-20180301: a head that names with a proper name keeps it
        (
            "لكن الناشطة والباحثة في جامعة هارفارد الأمريكية، هالة الدوسري",
            [("جامعة هارفارد الأمريكية", None)],
        ),
        # SK-sport-175-20180301: a paper's name in quotes after its classifier
        ('وكانت صحيفة "أو غلوبو" اليومية قالت إن', [("أو غلوبو", None)]),
        # AL-economy-138-20180301: a paper named like a region is the paper
        ('بحسب ما ورد في صحيفة "الشرق الأوسط".', [("الشرق الأوسط", None)]),
        # AL-internationalNews-267-20180301: a person after فريق owns it, it is no name
        ("ويحقق فريق مولر في مزاعم", []),
    ],
)
def test_a_proper_name_after_a_head_or_a_classifier(sentence, expected):
    assert organisations(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "surface", "english"),
    [
        # SK-economy-163-20180318: الوطنية agrees with the head, not with النفط
        (
            "وبتروبارس التابعة لشركة النفط الوطنية الإيرانية بحصة 19.9 بالمئة",
            "لشركة النفط الوطنية الإيرانية",
            "National Oil Company",
        ),
        # AL-internationalNews-435-20180312: the chain goes on through لل + noun + adjective
        (
            "بينها وزارتا الداخلية والخارجية والهيئة العامة للقوى العاملة، سيزور مانيلا",
            "والهيئة العامة للقوى العاملة",
            "General Manpower Authority",
        ),
        # FR-internationalNews-776-20180418: the country nisba ends the name
        (
            "ومن المتوقع افتتاح السفارة الأمريكية الجديدة في إسرائيل في 14 أيار",
            "السفارة الأمريكية",
            "Embassy",
        ),
    ],
)
def test_adjectives_of_the_head_and_the_end_of_a_name(sentence, surface, english):
    assert organisations(sentence) == [(surface, english)]


def test_a_participle_after_the_name_describes_it():
    # Made up to pin the boundary (the shared articles write المنتخب الفرنسي، الفائز …)
    found = organisations("لم تضم القائمة أيا من لاعبي منتخب فرنسا الفائز بكأس العالم")
    assert [surface for surface, _ in found] == ["منتخب فرنسا"]


def test_a_complement_whose_noun_is_a_head_starts_a_second_organisation():
    # AL-internationalNews-640-20180326
    found = organisations(
        "وتتواصل العمليات العسكرية للجيش الوطني والمقاومة الشعبية، بإسناد من التحالف العربي"
    )
    assert found[0] == ("للجيش الوطني", "National Army")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # SK-internationalNews-1365-20180505: a ministry speaks to journalists
        (
            "حيث صرحت متحدثة باسم وزارة الخارجية للصحفيين أن سيادة بكين",
            ["وزارة الخارجية"],
        ),
        # SK-middleEast-2298-20180610: so does one with its country's nisba
        (
            "وقال متحدث باسم وزارة الداخلية العراقية للصحفيين إن غالبية صناديق الاقتراع",
            ["وزارة الداخلية العراقية"],
        ),
        # SK-internationalNews-1332-20180503: a federation is of journalists
        (
            "وقال الاتحاد الدولي للصحفيين إن ما يقرب من 3 آلاف صحفي",
            ["الاتحاد الدولي للصحفيين"],
        ),
        # SK-economy-187-20180321: ل right after a definite head names nothing
        ("وقال راينر برويل المتحدث باسم الوزارة للصحفيين إن القضية", []),
        # SK-middleEast-44-20180224: nor after an indefinite one ("a committee to …")
        ("طالب المؤتمر الأمم المتحدة بتشكيل لجنة للتحقيق في قتل", []),
        # AL-sport-260-20180225: a time after ل ends the name
        (
            "توج فريق مانشستر سيتي ببطولة كأس رابطة المحترفين الإنجليزية لكرة القدم "
            "للمرة الخامسة في تاريخه",
            ["رابطة المحترفين الإنجليزية لكرة القدم"],
        ),
        # AL-sport-122-20180220: a complement goes on, و + a head starts a second name
        (
            "وتحدد الهيئة العامة للرياضة والاتحاد السعودي لكرة اليد في وقت لاحق",
            ["الهيئة العامة للرياضة", "والاتحاد السعودي لكرة اليد"],
        ),
    ],
)
def test_a_complement_with_lam_goes_on_where_it_names_and_stops_where_it_does_not(
    sentence, expected
):
    assert [surface for surface, _ in organisations(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # BB-middleEast-1-20180218: after a head and a naming adjective, any noun
        # the news writes with the article starts the complement
        (
            "أكثر دول العالم احتجازاً للصحفيين وفقاً لإحصاءات اللجنة الدولية لحماية الصحفيين.",
            ["اللجنة الدولية لحماية الصحفيين"],
        ),
        # BB-internationalNews-777-20180710
        (
            "وقالت القاضية آشلي تابادور، رئيسة الرابطة الوطنية لقضاة الهجرة لبي بي سي إن",
            ["الرابطة الوطنية لقضاة الهجرة"],
        ),
        # CN-economy-1-20180213: not after a participle that describes
        ('وكانت الشركة المشغلة لدور السينما "AMC" قد أعلنت', []),
        # SK-economy-48-20180221: a relative pronoun with و ends the name
        (
            "الأعضاء في منظمة التعاون الاقتصادي والتنمية والتي كانت مرتفعة",
            ["منظمة التعاون الاقتصادي والتنمية"],
        ),
    ],
)
def test_a_complement_after_a_naming_adjective_and_the_words_that_end_a_name(sentence, expected):
    assert [surface for surface, _ in organisations(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # AL-internationalNews-101-20180219: the agency, not what it belongs to
        (
            "وأعلن تنظيم داعش عبر وكالة أعماق للأنباء التابعة له مسؤوليته",
            ["وكالة أعماق للأنباء"],
        ),
        # SK-internationalNews-92-20180222
        (
            "أعربت منظمة الشفافية الدولية المناهضة للفساد الأربعاء، عن أسفها",
            ["منظمة الشفافية الدولية"],
        ),
        # BB-middleEast-20-20180214: forces described by whom they are loyal to
        ("لتحبط الهجوم وترد القوات الموالية للأسد على أعقابها", []),
        # SK-sport-90-20180223: the committee that organises the match
        ("هذا وأعلنت اللجنة المنظمة للمباراة نفاد تذاكر المواجهة", []),
    ],
)
def test_a_participle_that_takes_lam_ends_the_name(sentence, expected):
    assert [surface for surface, _ in organisations(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # SK-middleEast-190-20180309: a verbal noun after the name is the verb's object
        ("وخلال أقل من أسبوعين استعادت قوات النظام السيطرة على جميع مزارع الغوطة", ["قوات النظام"]),
        # BB-middleEast-35-20180211
        ("وألقت قوات الأمن القبض على 30 مشتبها بهم", ["قوات الأمن"]),
        # SK-middleEast-413-20180319: so is another noun
        (
            'وقال في حسابه على تويتر "رفضت محكمة الاستئناف العسكرية الطلب الذي قدمه الدفاع',
            ["محكمة الاستئناف العسكرية"],
        ),
        # BB-economy-14-20180205: a participle of فاعل is an adjective of the name
        ("وأعلنت لجنة تداول السلع الآجلة أنها ستسمح للمستثمرين", ["لجنة تداول السلع الآجلة"]),
        # AL-economy-949-20180706: and one the lexicon lists (الحرة)
        (
            "تشغيل المنطقة بشكل مشترك بين هيئة الموانئ والمناطق الحرة في جيبوتي",
            ["هيئة الموانئ والمناطق الحرة"],
        ),
        # BB-internationalNews-100-20180305: a number the lexicon lists
        ("ومن المتوقع أن تحصل حركة النجوم الخمسة على المرتبة الثانية", ["حركة النجوم الخمسة"]),
    ],
)
def test_a_definite_word_after_a_name_is_its_adjective_only_when_shaped_like_one(
    sentence, expected
):
    assert [surface for surface, _ in organisations(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # SK-sport-2088-20180708: a room
        ("لكن هنا لا يوجد أحد غير راض، لا في غرفة الملابس ولا في الملعب", []),
        # SK-sport-2123-20180710: traffic
        ("وتوقفت حركة السير في العاصمة بعد المباراة", []),
        # FR-middleEast-760-20180713: a blood bank
        ("واثنان من العاملين ببنك الدم", []),
        # SK-middleEast-2789-20180709: a district of Yemen
        ("في اشتباكات مع القوات اليمنية المشتركة بمديرية التحيتا بمحافظة الحديدة", []),
        # AL-economy-974-20180703 and FR-economy-15-20180116: the same heads naming
        ("ذكرت غرفة التجارة الأميركية أن الشركاء التجاريين", ["غرفة التجارة الأميركية"]),
        ('وقالت في بيان إن بنك المغرب "سيواصل التدخل', ["بنك المغرب"]),
    ],
)
def test_a_head_that_is_a_common_noun_names_only_with_a_known_noun(sentence, expected):
    assert [surface for surface, _ in organisations(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # SK-middleEast-102-20180226
        (
            "وقال مركز الدفاع المدني إن قوات النظام وروسيا استهدفت مدن وبلدات الغوطة",
            ["الدفاع المدني", "قوات النظام"],
        ),
        # BB-sport-2-20180218
        (
            "مذكرة التفاهم الموقعة بين الاتحاد الإنجليزي لكرة القدم وقطر",
            ["الاتحاد الإنجليزي لكرة القدم"],
        ),
    ],
)
def test_a_place_joined_by_wa_after_a_whole_name_is_another_conjunct(sentence, expected):
    assert [surface for surface, _ in organisations(sentence)] == expected


def test_a_second_noun_joined_by_wa_with_its_complement_is_part_of_the_name():
    # BB-economy-41-20180219
    found = organisations("عندما يتعلق الأمر بتوظيف النساء، بحسب لجنة المساواة وحقوق الإنسان.")
    assert [surface for surface, _ in found] == ["لجنة المساواة وحقوق الإنسان"]


def test_a_classifier_stays_out_of_a_known_organisations_mention():
    # SK-economy-186-20180321 and AL-sport-493-20180308
    for text, surface, actor in [
        (
            'تتعارض مع مصالح السياسة الخارجية"، وفقا لوكالة رويترز.',
            "رويترز",
            "org-reuters",
        ),
        ("أن نادي برشلونة ليس واثقا في أنه", "برشلونة", "org-fc-barcelona"),
    ]:
        _, mentions = run([{"article_id": "a", "text": text, "dateline": None}])
        org = mentions[mentions["kind"] == "ORG"]
        assert list(zip(org["surface"], org["actor_id"], strict=True)) == [(surface, actor)]


def test_a_currency_after_a_number_is_no_organisation():
    # AL-sport-462-20180307: ريال after مليون is the riyal, not Real Madrid
    text = "والذي يطالب النادي بالحصول على 4.8 مليون ريال، وذلك قبل انتهاء المهلة"
    _, mentions = run([{"article_id": "a", "text": text, "dateline": None}])
    assert "ريال" not in set(mentions["surface"])


def test_a_latin_acronym_in_a_credit_is_the_outlet():
    # CN-internationalNews-48-20180301: the outlet's credit before a dash
    text = "(CNN)-- تعرضت فتاة تبلغ من العمر 22 عاماً للنهش"
    actors, mentions = run([{"article_id": "a", "text": text, "dateline": None}])
    cnn = mentions[mentions["surface"] == "CNN"]
    assert list(cnn["actor_id"]) == ["org-cnn"]
    # The actor keeps its Arabic name: an acronym is no name form.
    assert actors.set_index("actor_id").loc["org-cnn", "name_ar"] == "سي إن إن"


def test_a_place_followed_by_words_of_a_foreign_name_is_that_organisation():
    # AL-internationalNews-267-20180301: the paper, with an English name from its words
    text = "ذكرت صحيفة واشنطن بوست أن المحقق الخاص الذي ينظر في مزاعم تدخل روسيا"
    actors, mentions = run([{"article_id": "a", "text": text, "dateline": None}])
    post = mentions[mentions["surface"] == "واشنطن بوست"]
    assert list(post["kind"]) == ["ORG"]
    assert actors.set_index("actor_id").loc[post["actor_id"].iloc[0], "name_en"] == (
        "Washington Post"
    )
    # SK-internationalNews-562-20180325: سيتي alone ends the city's own name
    text = "وفي واشنطن العاصمة ونيويورك سيتي ودينفر ولوس أنجلوس ومدن أخرى"
    _, mentions = run([{"article_id": "a", "text": text, "dateline": None}])
    assert "ORG" not in set(mentions["kind"])


def test_a_short_first_word_behind_a_proclitic_starts_a_known_name():
    # BB-internationalNews-80-20180301: ل + بي بي سي, not a person "بي سي"
    text = 'وقال رايت لبي بي سي: "لماذا كان يريد أن يفعل ذلك؟'
    _, mentions = run([{"article_id": "a", "text": text, "dateline": None}])
    assert list(zip(mentions["surface"], mentions["actor_id"], strict=True)) == [
        ("بي بي سي", "org-bbc")
    ]


@pytest.mark.parametrize(
    ("sentence", "surface", "english"),
    [
        # CN-middleEast-373-20180325: a branch with the region it serves (ب + منطقة)
        (
            "أعلن المتحدث الإعلامي للدفاع المدني بمنطقة الرياض الرائد محمد الحمادي",
            "للدفاع المدني بمنطقة الرياض",
            "Civil Defence",  # without the pipeline's place names (in Riyadh)
        ),
        # AL-internationalNews-328-20180303: a head that is a name only with the article
        (
            "وقد باشرت الإدارة العامة للمباحث والأدلة الجنائية",
            "الإدارة العامة للمباحث والأدلة الجنائية",
            None,
        ),
        # AL-sport-368-20180302: named after a person, by title and name
        ("احتضنها ستاد جامعة الملك سعود بالرياض", "جامعة الملك سعود بالرياض", None),
    ],
)
def test_branches_administrations_and_namesakes(sentence, surface, english):
    assert organisations(sentence) == [(surface, english)]


def test_a_bare_head_that_is_a_common_noun_names_nothing_and_a_title_ends_a_chain():
    # SK-middleEast-1298-20180428, BB-middleEast-188-20180313: management, the city centre
    assert organisations("انعدام الحرفية والمهنية في إدارة الأزمة عقب حدوثها") == []
    assert organisations("ودية إلى المناطق الداخلية وإلى مركز المدينة") == []
    # CN-middleEast-659-20180418: the regime's forces are no organisation's name
    text = "الذي استخدمته قوات نظام الرئيس السوري بشار الأسد للهجوم"
    assert organisations(text) == []


def test_an_organisation_named_after_a_known_person_gets_the_persons_english_name():
    # Made up after CN-middleEast-157-20180303 (مركز الملك عبد الله … للحوار)
    text = "وقدم مركز الملك سلمان للإغاثة والأعمال الإنسانية مساعدات"
    actors, mentions = run([{"article_id": "a", "text": text, "dateline": None}])
    org = mentions[mentions["kind"] == "ORG"]
    assert list(org["surface"]) == ["مركز الملك سلمان للإغاثة والأعمال الإنسانية"]
    name = actors.set_index("actor_id").loc[org["actor_id"].iloc[0], "name_en"]
    assert name == "King Salman Center for Relief and Humanitarian Works"


def test_a_nisba_before_a_family_name_is_a_given_name_not_a_country():
    # AL-sport-325-20180301: تركي آل الشيخ heads the Saudi authority; no Turkey here
    text = "وقع تركي آل الشيخ، رئيس الهيئة العامة للرياضة، ورئيس اللجنة الأولمبية السعودية"
    actors, mentions = run([{"article_id": "a", "text": text, "dateline": None}])
    assert "gpe-turkey" not in set(mentions["actor_id"])
    sports = mentions[mentions["surface"] == "الهيئة العامة للرياضة"]
    countries = actors.set_index("actor_id")["country"].fillna("")
    assert countries.loc[sports["actor_id"].iloc[0]] != "TUR"


def test_an_international_body_has_no_country_and_a_state_body_without_english_has_one():
    # FR-internationalNews-339-20180309: the IMF described, in an article about Qatar
    text = 'لم يكن لها سوى "تأثير مؤقت" على الاقتصاد القطري حسب ما أكدت الهيئة المالية الدولية'
    actors, mentions = run([{"article_id": "a", "text": text, "dateline": "الدوحة"}])
    body = mentions[mentions["surface"] == "الهيئة المالية الدولية"]
    countries = actors.set_index("actor_id")["country"].fillna("")
    assert countries.loc[body["actor_id"].iloc[0]] == ""
    # BB-middleEast-147-20180307 (a word of its name org_words.tsv lacks), dateline Cairo
    text = "وجرى اقتيادهم إلى النيابة العامة للتحقيق في الواقعة."
    actors, mentions = run([{"article_id": "a", "text": text, "dateline": "القاهرة"}])
    assert list(mentions["kind"]) == ["ORG"]  # وجرى is a verb, not a given name
    countries = actors.set_index("actor_id")["country"].fillna("")
    assert countries.loc[mentions["actor_id"].iloc[0]] == "EGY"
