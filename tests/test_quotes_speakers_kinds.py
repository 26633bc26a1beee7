"""Speaker rules for kinds of errors found on articles outside the gold set (session 7).

Each case is a few real lines of one article of the shared 2018 corpus (its id named above
the case, for NOTICE; none of them is in ``bench/quotes/statements.tsv``) or a made-up
sentence after one; the actors the linker found are marked by hand.
"""

from __future__ import annotations

from test_quotes_speakers import Linked, extract, row_of

# BB-middleEast-340-20180413 (BBC Arabic), shortened: two presidents, each introduced with
# the adjective of his country; "the American president" later is the first one.
PRESIDENTS = (
    'قال الرئيس الأمريكي دونالد ترامب، إن القرار بشأن التحرك في سوريا سيتم اتخاذه "قريبا جدا".',
    'ومن جهته، قال الرئيس الفرنسي إيمانويل ماكرون إن لديه "دليلا" على أن الحكومة السورية'
    " هاجمت دوما بالأسلحة الكيميائية.",
    "في يوم الأحد، قال الرئيس الأمريكي إن نظيره الروسي فلاديمير بوتين يتحمل المسؤولية عن"
    ' "الوحشية" في دوما.',
)
PRESIDENTS_LINKED: Linked = {
    "دونالد ترامب": ("per-trump", "PER", "دونالد ترامب"),
    "إيمانويل ماكرون": ("per-macron", "PER", "إيمانويل ماكرون"),
    "فلاديمير بوتين": ("per-putin", "PER", "فلاديمير بوتين"),
    "الأمريكي": ("gpe-usa", "GPE", "الولايات المتحدة"),
    "الفرنسي": ("gpe-france", "GPE", "فرنسا"),
    "الروسي": ("gpe-russia", "GPE", "روسيا"),
    "سوريا": ("gpe-syria", "GPE", "سوريا"),
    "دوما": ("gpe-douma", "GPE", "دوما"),
}


def test_a_role_with_a_country_adjective_is_the_person_titled_with_that_country():
    _, rows = extract(PRESIDENTS_LINKED, *PRESIDENTS)
    assert [r["speaker"] for r in rows] == ["per-trump", "per-macron", "per-trump"]
    assert rows[-1]["how"] == "role"


def test_a_role_without_a_country_adjective_still_binds_to_the_last_one_titled_so():
    lines = (*PRESIDENTS[:2], "وقال الرئيس إن بلاده لن تتردد في الرد على أي هجوم جديد.")
    _, rows = extract(PRESIDENTS_LINKED, *lines)
    assert rows[-1]["speaker"] == "per-macron"


def test_a_role_whose_country_nobody_was_titled_with_takes_no_foreign_speaker():
    lines = (PRESIDENTS[1], "وقال الرئيس الأمريكي إن بلاده لن تتردد في الرد على أي هجوم جديد.")
    _, rows = extract(PRESIDENTS_LINKED, *lines)
    assert rows[-1]["speaker"] != "per-macron"


# BB-middleEast-340-20180413 (BBC Arabic): "it is believed that", vocalised as a passive.
BELIEVED = (
    'قال الرئيس الأمريكي دونالد ترامب، إن القرار بشأن التحرك في سوريا سيتم اتخاذه "قريبا جدا".',
    "ويُعتقد أن قوى غربية تستعد لضربات عسكرية ضد قوات الرئيس بشار الأسد.",
)


def test_a_passive_verb_names_no_speaker():
    _, rows = extract(PRESIDENTS_LINKED, *BELIEVED)
    passive = row_of(rows, "ويُعتقد")
    assert passive["speaker"] is None and passive["how"] == "unnamed"


def test_the_same_verb_unvocalised_is_the_last_speaker_going_on():
    _, rows = extract(PRESIDENTS_LINKED, BELIEVED[0], BELIEVED[1].replace("ويُعتقد", "ويعتقد"))
    assert row_of(rows, "ويعتقد")["speaker"] == "per-trump"


# SK-middleEast-1022-20180414 (Sky News Arabia), shortened: Ankara "was informed".
def test_a_passive_perfect_names_no_speaker():
    linked: Linked = {
        "أنقرة": ("gpe-ankara", "GPE", "أنقرة"),
        "سوريا": ("gpe-syria", "GPE", "سوريا"),
    }
    _, rows = extract(
        linked, "وقال مصدر تركي إن أنقرة أُبلغت بأن الضربات على سوريا ستبدأ قبل تنفيذها."
    )
    assert row_of(rows, "أُبلغت")["speaker"] is None


def test_a_damma_on_a_verb_whose_active_takes_one_is_no_passive():
    linked: Linked = {"دونالد ترامب": ("per-trump", "PER", "دونالد ترامب")}
    _, rows = extract(linked, "ويُعلن دونالد ترامب أن الحرب التجارية انتهت بالكامل هناك.")
    assert rows[0]["speaker"] == "per-trump"


# SK-internationalNews-1667-20180519 (Sky News Arabia): "German media reported …, adding":
# the adjective of origin describes a subject nobody names.
def test_an_implicit_speaker_whose_subject_is_an_indefinite_adjective_of_origin_is_nobody():
    linked: Linked = {"ألمانية": ("gpe-germany", "GPE", "ألمانيا")}
    _, rows = extract(
        linked,
        "أفادت وسائل إعلام ألمانية بمقتل شخصين في إطلاق نار في مدينة بغرب البلاد، مشيرة إلى"
        " أن العناصر الأمنية تمكنت من اعتقال المنفذ.",
    )
    assert row_of(rows, "مشيرة")["speaker"] is None


def test_a_definite_body_with_its_country_adjective_still_speaks_on():
    linked: Linked = {
        "وزارة الخارجية": ("org-mfa-germany", "ORG", "وزارة الخارجية"),
        "الألمانية": ("gpe-germany", "GPE", "ألمانيا"),
    }
    _, rows = extract(
        linked,
        "أعلنت وزارة الخارجية الألمانية مقتل شخصين في إطلاق نار، مشيرة إلى أن العناصر"
        " الأمنية تمكنت من اعتقال المنفذ.",
    )
    assert row_of(rows, "مشيرة")["speaker"] == "org-mfa-germany"


# CN-middleEast-1091-20180603 (CNN Arabic), shortened: the agency relays the prosecution's
# statement; "the statement added" is the prosecution's (which the linker did not link),
# not the agency's.
RELAYED = (
    'ونقلت وكالة الأنباء السعودية الرسمية بيان الادعاء الذي جاء فيه: "بلغ عدد الموقوفين 17".',
    'وأضاف البيان: "تحرص النيابة العامة على استكمال إجراءات التحقيق بدقة".',
)
RELAYED_LINKED: Linked = {
    "وكالة الأنباء السعودية": ("org-spa", "ORG", "وكالة الأنباء السعودية"),
    "وزارة الداخلية": ("org-moi", "ORG", "وزارة الداخلية"),
    "لافروف": ("per-lavrov", "PER", "لافروف"),
}


def test_a_statement_relayed_by_an_agency_is_not_the_agencys():
    _, rows = extract(RELAYED_LINKED, *RELAYED)
    assert row_of(rows, "وأضاف")["speaker"] is None


def test_a_statement_named_with_its_issuer_is_the_issuers():
    first = RELAYED[0].replace("بيان الادعاء", "بيان وزارة الداخلية")
    _, rows = extract(RELAYED_LINKED, first, RELAYED[1])
    assert row_of(rows, "وأضاف")["speaker"] == "org-moi"


def test_a_statement_a_speaker_made_is_the_speakers():
    lines = ("وقال لافروف في بيان إن بلاده لن ترد على الاستفزاز.", "وأضاف البيان أن التحقيق مستمر.")
    _, rows = extract(RELAYED_LINKED, *lines)
    assert row_of(rows, "وأضاف")["speaker"] == "per-lavrov"


SURVEY_LINKED: Linked = {
    "غلين غوتفريد": ("per-gottfried", "PER", "غلين غوتفريد"),
    "محرم إينجه": ("per-ince", "PER", "محرم إينجه"),
    "إينجه": ("per-ince", "PER", "محرم إينجه"),
    "أردوغان": ("per-erdogan", "PER", "رجب طيب أردوغان"),
    "اسطنبول": ("gpe-istanbul", "GPE", "اسطنبول"),
}


# BB-internationalNews-388-20180423 (BBC Arabic), shortened: a share of those polled.
def test_a_number_as_the_subject_names_nobody():
    lines = (
        "وقال غلين غوتفريد إن كل أوروبا تظهر توجها مشابها.",
        "وقال 70 في المئة من الأرجنتينيين إن ثمة انقسامات سياسية تعصف بالبلاد.",
    )
    _, rows = extract(SURVEY_LINKED, *lines)
    assert [r["speaker"] for r in rows] == ["per-gottfried", None]
    assert rows[1]["how"] == "unnamed"


# BB-internationalNews-693-20180624 (BBC Arabic), shortened: a comma, or whom it was said
# to, after the verb: the speaker is left in the verb.
def test_a_comma_after_the_verb_leaves_the_speaker_in_the_verb():
    lines = (
        "وحذر إينجه من أن البلاد تكاد تنزلق نحو الحكم السلطوي.",
        'وقال، وسط مليون شخص تجمعوا في اسطنبول: "إذا فاز أردوغان فسيستمر التنصت على هواتفكم".',
    )
    _, rows = extract(SURVEY_LINKED, *lines)
    assert [(r["speaker"], r["how"]) for r in rows][1] == ("per-ince", "implicit")


def test_whom_it_was_said_to_is_no_subject():
    lines = (
        'وقال أردوغان "أن تكون مدرسا للفيزياء يعني شيئا واحدا".',
        "وقال لأنصاره إنه يخطط لإطلاق عدد كبير من المشاريع.",
    )
    _, rows = extract(SURVEY_LINKED, *lines)
    assert [(r["speaker"], r["how"]) for r in rows][1] == ("per-erdogan", "implicit")


# SK-middleEast-1022-20180414 (Sky News Arabia): the spokesman's title runs to a comma,
# then his name; he speaks, not his party.
def test_a_spokesman_named_after_his_titles_phrase_and_a_comma_speaks():
    linked: Linked = {
        "حزب العدالة والتنمية": ("org-akp", "ORG", "حزب العدالة والتنمية"),
        "تركيا": ("gpe-turkey", "GPE", "تركيا"),
        "ماهر أونال": ("per-unal", "PER", "ماهر أونال"),
        "أنقرة": ("gpe-ankara", "GPE", "أنقرة"),
    }
    _, rows = extract(
        linked,
        "أعلن المتحدث باسم حزب العدالة والتنمية الحاكم في تركيا، ماهر أونال، السبت، إن أنقرة"
        " أبلغت بالضربات قبل تنفيذها.",
    )
    assert rows[0]["speaker"] == "per-unal"


# FR-internationalNews-1540-20180530 (France 24 Arabic), shortened: a weekday between the
# verb and the name; later the same person by another word for her title.
SPOKESWOMAN_LINKED: Linked = {
    "مصر": ("gpe-egypt", "GPE", "مصر"),
    "المصرية": ("gpe-egypt", "GPE", "مصر"),
    "الاتحاد الأوروبي": ("org-eu", "ORG", "الاتحاد الأوروبي"),
    "مايا كوسيانسيتش": ("per-kocijancic", "PER", "مايا كوسيانسيتش"),
}
SPOKESWOMAN_LINES = (
    "من جهتها أكدت الخارجية المصرية الرفض الكامل لهذا الموقف.",
    "صرحت الأربعاء مايا كوسيانسيتش الناطقة باسم وزيرة خارجية الاتحاد الأوروبي أن مصر"
    " تسعى لترسيخ الديمقراطية.",
    'وتابعت المتحدثة باسم وزيرة خارجية الاتحاد الأوروبي "من المهم احترام التعبير السلمي".',
)


def test_a_name_after_a_weekday_is_the_subject():
    _, rows = extract(SPOKESWOMAN_LINKED, *SPOKESWOMAN_LINES)
    assert row_of(rows, "صرحت")["speaker"] == "per-kocijancic"


def test_a_title_holder_is_found_by_another_word_for_the_title():
    _, rows = extract(SPOKESWOMAN_LINKED, *SPOKESWOMAN_LINES)
    assert row_of(rows, "وتابعت")["speaker"] == "per-kocijancic"


# CN-middleEast-1133-20180607 (CNN Arabic), shortened: "a statement issued by the
# ministry", then "the statement went on".
def test_a_statement_issued_by_a_body_is_the_bodys():
    linked: Linked = {"وزارة الداخلية": ("org-moi", "ORG", "وزارة الداخلية")}
    _, rows = extract(
        linked,
        "وقال بيان صادر عن وزارة الداخلية إن الانفجار وقع نتيجة انفجار مستودع للذخيرة، وتابع"
        ' البيان بالقول: "فتحت السلطات الأمنية تحقيقا في الأمر".',
    )
    assert [r["speaker"] for r in rows] == ["org-moi", "org-moi"]


# CN-middleEast-371-20180325 (CNN Arabic), shortened: "the interior's statement" is the
# ministry named before.
def test_a_statement_named_by_a_word_of_its_issuers_name_is_the_issuers():
    linked: Linked = {"وزارة الداخلية": ("org-moi", "ORG", "وزارة الداخلية")}
    _, rows = extract(
        linked,
        "وقالت وزارة الداخلية إن قوات الأمن داهمت وكرا للإرهابيين.",
        'وأفاد بيان الداخلية بأن "معلومات وردت عن اختباء العناصر في المنطقة".',
    )
    assert row_of(rows, "وأفاد")["speaker"] == "org-moi"


# AL-economy-171-20180305 (Al Arabiya), shortened: a name that starts like ب + a word.
def test_a_name_that_starts_like_a_preposition_and_a_word_is_still_a_subject():
    linked: Linked = {"مصر": ("gpe-egypt", "GPE", "مصر")}
    _, rows = extract(linked, "وقال بيومي إن مصر قطعت شوطا كبيرا في جذب الاستثمارات.")
    assert rows[0]["how"] == "unnamed"


# CN-middleEast-938-20180515 (CNN Arabic), shortened: an envoy's title, his country, a
# place phrase and a comma before his name.
def test_an_envoy_named_after_his_title_speaks_not_his_country():
    linked: Linked = {
        "الكويت": ("gpe-kuwait", "GPE", "الكويت"),
        "مجلس الأمن": ("org-unsc", "ORG", "مجلس الأمن"),
        "منصور عياد العتيبي": ("per-otaibi", "PER", "منصور عياد العتيبي"),
    }
    _, rows = extract(
        linked,
        "قال مندوب الكويت في مجلس الأمن، منصور عياد العتيبي، إن بلاده ستقدم مشروع قرار للأمم"
        ' المتحدة "لحماية الفلسطينيين".',
    )
    assert rows[0]["speaker"] == "per-otaibi"
