"""Speaker rules on short sentences, with mentions as the linker gives them.

Most cases are made up after a kind of sentence seen in the shared 2018 corpus; seven are
a few real lines of one article (its id named above the case, for NOTICE). The actors the
linker found are marked by hand — also where it found them wrongly (a name taken for a
place) or not at all, since those are the cases these rules are for. None is from half B
of ``bench/quotes/statements.tsv``.
"""

from __future__ import annotations

import re

from dashboard.arabic.sentences import split_sentences
from dashboard.quotes import ActorInfo, Mention, extract_quotes

# surface -> (actor id, kind, canonical Arabic name: an adjective of origin, السورية, is
# told from the country's name by it).
Linked = dict[str, tuple[str, str, str]]


def extract(linked: Linked, *lines: str) -> tuple[str, list[dict]]:
    """(text, rows) of the lines as one article, with every listed surface marked."""
    text = "\n".join(lines)
    sentences = [(i, s, e) for i, (s, e) in enumerate(split_sentences(text))]
    mentions = [
        Mention(m.start(), m.end(), actor_id, kind)
        for surface, (actor_id, kind, _) in linked.items()
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text)
    ]
    actors = {a: ActorInfo(k, name=n) for a, k, n in linked.values()}
    return text, extract_quotes("case", text, sentences, mentions, actors)


def row_of(rows: list[dict], verb: str) -> dict:
    [row] = [r for r in rows if r["verb"] == verb]
    return row


# AL-internationalNews-660-20180327 (Al Arabiya): a role that opens the article is held by
# the person named next; a surname alone, which the linker left unlinked, is that person.
MANSOURI = (
    "قال رئيس مجلس إدارة الهيئة العامة للطيران المدني الإماراتية، الثلاثاء، إن الإمارات لن تغير"
    " مسارات رحلاتها المدنية وذلك بعد يوم من إدانتها اقتراب مقاتلتين قطريتين على نحو ينطوي على"
    " خطورة من طائرتين مدنيتين إماراتيتين."
    ' وأضاف سلطان بن سعيد المنصوري لـ"رويترز"، رداً على سؤال عما إذا كانت الإمارات ستغير مسارات'
    ' الرحلات المدنية، أنه "ليست لدينا خطط في الوقت الراهن".',
    "وفي كلمة على هامش مؤتمر في دبي، قال المنصوري إن الإمارات ستقدم شكوى جديدة للمنظمة الدولية.",
)
MANSOURI_LINKED: Linked = {
    "سلطان بن سعيد المنصوري": ("per-mansouri", "PER", "سلطان بن سعيد المنصوري"),
    "الإماراتية": ("gpe-uae", "GPE", "الإمارات"),
    "الإمارات": ("gpe-uae", "GPE", "الإمارات"),
    "رويترز": ("org-reuters", "ORG", "رويترز"),
    "دبي": ("gpe-dubai", "GPE", "دبي"),
}


def test_a_surname_alone_names_the_person_named_in_full_before():
    text, rows = extract(MANSOURI_LINKED, *MANSOURI)
    surname = rows[-1]
    assert surname["speaker"] == "per-mansouri" and surname["how"] == "subject"
    assert text[surname["speaker_start"] : surname["speaker_end"]] == "المنصوري"
    antecedent = text[surname["antecedent_start"] : surname["antecedent_end"]]
    assert antecedent == "سلطان بن سعيد المنصوري"


def test_a_surname_nobody_was_named_with_before_names_nobody():
    linked = {k: v for k, v in MANSOURI_LINKED.items() if k != "سلطان بن سعيد المنصوري"}
    _, rows = extract(linked, MANSOURI[-1])
    assert rows[-1]["speaker"] is None


def test_a_role_opening_the_article_is_the_next_speaker_named():
    text, rows = extract(MANSOURI_LINKED, *MANSOURI)
    first = rows[0]
    assert first["speaker"] == "per-mansouri" and first["how"] == "role"
    assert text[first["speaker_start"] : first["speaker_end"]] == "رئيس"


# Made up: the linker took the spokeswoman's given name for a place; her title right
# after it makes her a person the role noun refers to.
def test_a_name_linked_as_a_place_with_a_title_after_it_is_the_role_nouns_person():
    _, rows = extract(
        {"رومانا": ("loc-romana", "LOC", "رومانا"), "برن": ("gpe-bern", "GPE", "برن")},
        'وأضافت رومانا روك المتحدثة باسم شرطة برن أن "التحقيق ما زال جاريا".',
        "وأضافت المتحدثة أنه لم تسجل أي إصابات.",
    )
    assert [r["speaker"] for r in rows] == ["loc-romana", "loc-romana"]
    assert rows[1]["how"] == "role"


# Made up: a subject written before its verb after إلا أن / كان … قد that names no actor.
def test_a_subject_before_the_verb_that_names_no_actor_is_unnamed():
    _, rows = extract(
        {"السعودية": ("gpe-saudi-arabia", "GPE", "السعودية")},
        "أعلنت السلطات السعودية توقيف عدد من الأشخاص، إلا أن منظمات حقوقية أشارت إلى أن"
        " بينهم ناشطات.",
    )
    row = row_of(rows, "أشارت")
    assert row["speaker"] is None and row["how"] == "unnamed"
    _, rows = extract(
        {"السورية": ("gpe-syria", "GPE", "سوريا"), "دوما": ("gpe-douma", "GPE", "دوما")},
        "وكان التلفزيون الرسمي والصحف السورية قد ذكر أن الاتفاق يشمل تسليم الأسلحة في دوما.",
    )
    row = row_of(rows, "ذكر")
    assert row["speaker"] is None and row["how"] == "unnamed"


# Made up: للشركة is whom they told, not who spoke.
def test_a_role_noun_after_a_glued_preposition_is_no_subject():
    _, rows = extract(
        {
            "آدم موسيري": ("per-mosseri", "PER", "آدم موسيري"),
            "فيسبوك": ("org-facebook", "ORG", "فيسبوك"),
        },
        "وقال آدم موسيري مدير قسم الأخبار في فيسبوك، إن المستخدمين قالوا للشركة في مسح إن"
        " التغيير لم يعجبهم.",
    )
    assert row_of(rows, "قالوا")["speaker"] is None


# Made up: كالين starts like كـ + ال but is a name.
def test_a_name_that_starts_like_a_preposition_is_still_the_subject():
    _, rows = extract(
        {"أنقرة": ("gpe-ankara", "GPE", "أنقرة"), "منبج": ("gpe-manbij", "GPE", "منبج")},
        "حذرت أنقرة فرنسا من إرسال قوات إلى مدينة منبج.",
        'وصرح كالين في مؤتمر صحافي "لن نقبل بذلك في منبج".',
    )
    row = row_of(rows, "وصرح")
    assert row["speaker"] is None and row["how"] == "unnamed"


# SK-internationalNews-1917-20180602 (Sky News Arabia): the spokesman nobody names speaks
# three times; the ship the linker took for a person never does.
def test_a_role_noun_binds_to_the_speaker_introduced_with_that_role():
    _, rows = extract(
        {"دايموند": ("per-diamond", "PER", "دايموند")},
        "وقال متحدث باسم البحرية الملكية البريطانية إن ما قامت به السفينة دايموند يأتي في إطار"
        " دورها لحماية المياه البريطانية.",
        'وأضاف أن "هذا عملا روتينيا للبحرية الملكية البريطانية، وهي دائما على أهبة الاستعداد".',
        'وأوضح المتحدث باسم البحرية الملكية البريطانية أن "أتش أم أس دايموند غادرت بورتسموث وسط'
        ' ضباب كثيف، مساء الأربعاء، استعدادا لمرافقة السفينة الروسية".',
    )
    assert [r["verb"] for r in rows] == ["وقال", "وأضاف", "وأوضح"]
    assert [r["speaker"] for r in rows] == [None, None, None]
    assert rows[2]["how"] == "role"


# Made up: a body named by a role noun and words the linker left unlinked is not the
# last place or company.
def test_a_body_the_linker_did_not_find_is_not_the_nearest_actor():
    _, rows = extract(
        {"بلنسية": ("gpe-valencia", "GPE", "بلنسية"), "مدريد": ("gpe-madrid", "GPE", "مدريد")},
        "وخرجت مسيرات في مدريد وبلنسية ومدن أخرى.",
        'وطالبت لجنة 8 مارس "بمجتمع خال من التمييز". وتقول اللجنة أيضا: "لا نقبل أجورا أقل".',
    )
    assert [r["speaker"] for r in rows] == [None, None]
    _, rows = extract(
        {"إيني": ("org-eni", "ORG", "إيني"), "الإيطالية": ("gpe-italy", "GPE", "إيطاليا")},
        "وتعمل إيني الإيطالية في الحقل منذ سنوات.",
        "وتتوقع وزارة البترول أن يرتفع إنتاج الغاز في العام المقبل.",
    )
    assert row_of(rows, "وتتوقع")["speaker"] is None


# Made up: a newspaper's name in quotation marks is the subject, linked or not.
IZVESTIA = 'وأشارت "ايزفيستيا" إلى أن الملاعب ستكون جاهزة قبل البطولة.'


def test_a_quoted_name_after_the_verb_is_its_subject():
    _, rows = extract(
        {
            "ايزفيستيا": ("org-izvestia", "ORG", "ايزفيستيا"),
            "روسيا": ("gpe-russia", "GPE", "روسيا"),
        },
        IZVESTIA,
    )
    assert rows[0]["speaker"] == "org-izvestia" and rows[0]["how"] == "subject"
    _, rows = extract(
        {"روسيا": ("gpe-russia", "GPE", "روسيا")},
        "وقد تسمح روسيا ببيع التذاكر عبر الإنترنت.",
        IZVESTIA,
    )
    assert rows[0]["speaker"] is None and rows[0]["how"] == "unnamed"


# Made up: the agency reports an unnamed source.
def test_a_source_nobody_names_after_an_agency_is_unnamed():
    _, rows = extract(
        {"تنظيم داعش": ("org-isis", "ORG", "تنظيم داعش"), "دمشق": ("gpe-damascus", "GPE", "دمشق")},
        "ونفى النظام السوري التوصل إلى اتفاق مع تنظيم داعش جنوبي دمشق.",
        'ونقلت وكالة الأنباء الرسمية "سانا"، عن مصدر عسكري قوله إنه "لا يوجد أي اتفاق".',
    )
    [row] = rows
    assert row["speaker"] is None and row["how"] == "unnamed"


# Made up: a place never speaks for a subject left implicit.
def test_a_place_is_no_implicit_speaker():
    _, rows = extract(
        {"الشيخ زايد": ("loc-sheikh-zayed", "LOC", "الشيخ زايد")},
        "وظهر السعدني مع عائلته في النادي بمدينة الشيخ زايد.",
        'وعلق السعدني على الصورة قائلا "يوم جميل مع العائلة".',
    )
    assert row_of(rows, "قائلا")["speaker"] is None


# Made up: a role with words of its own (the army's spokesman) is nobody the article
# names, not the militant named before.
def test_a_described_role_nobody_holds_is_not_the_last_person_named():
    _, rows = extract(
        {
            "ناصر أبو زقول": ("per-abu-zaqoul", "PER", "ناصر أبو زقول"),
            "المصرية": ("gpe-egypt", "GPE", "مصر"),
            "المصري": ("gpe-egypt", "GPE", "مصر"),
        },
        "أعلنت القوات المسلحة المصرية القضاء على قيادي إرهابي بوسط سيناء، ناصر أبو زقول.",
        'وذكر المتحدث العسكري باسم الجيش المصري في بيان: "تستمر جهود القوات المسلحة في سيناء".',
    )
    row = row_of(rows, "وذكر")
    assert row["speaker"] is None and row["how"] == "role"


# Made up: an adjective of origin after the role noun leaves it bare, so it refers back
# to the player who spoke.
def test_a_role_with_an_adjective_of_origin_refers_back():
    _, rows = extract(
        {
            "بيريرا": ("per-pereira", "PER", "ليوناردو بيريرا"),
            "السعودية": ("gpe-saudi-arabia", "GPE", "السعودية"),
            "الإمارات": ("gpe-uae", "GPE", "الإمارات"),
            "البرازيلي": ("gpe-brazil", "GPE", "البرازيل"),
        },
        "وأكد بيريرا أنه يحب الأكلات المشتركة بين السعودية والإمارات.",
        "وأردف المهاجم البرازيلي: أحضرت معي بعض المعدات من البرازيل.",
    )
    assert row_of(rows, "وأردف")["speaker"] == "per-pereira"


# Made up: Trump's lawyer is not Trump, whose name follows the role as its genitive.
def test_the_person_a_role_is_held_for_is_not_its_holder():
    _, rows = extract(
        {
            "دونالد ترامب": ("per-trump", "PER", "دونالد ترامب"),
            "ترامب": ("per-trump", "PER", "دونالد ترامب"),
        },
        'وتحدث الرئيس دونالد ترامب عن إيران، وقال إن الإيرانيين "يستحقون حكومة أفضل".',
        'وقال المحامي الخاص لترامب رودي جولياني لمعارضين في المنفى "نحن ندعم تغيير النظام في بلدكم".',
    )
    assert [r["verb"] for r in rows] == ["وقال", "وقال"]
    assert rows[0]["speaker"] == "per-trump" and rows[1]["speaker"] is None


# Made up: a subject written between لكن and its verb, with a bracketed abbreviation,
# names its first person.
def test_the_subject_between_an_opener_and_the_verb_names_its_person():
    _, rows = extract(
        {
            "فيليبي موجيو": ("per-mujio", "PER", "فيليبي موجيو"),
            "كونكاكاف": ("org-concacaf", "ORG", "كونكاكاف"),
            "رويترز": ("org-reuters", "ORG", "رويترز"),
        },
        "ولم يحدد المسؤولون موعدا لذلك لكن فيليبي موجيو الأمين العام لاتحاد أميركا الشمالية"
        ' والوسطى ودول الكاريبي (كونكاكاف) قال إن "الوقت ضيق".',
    )
    [row] = rows
    assert row["speaker"] == "per-mujio" and row["how"] == "subject"


# Made up: a body the linker missed, written with its country before the verb, speaks
# for that country.
def test_a_body_before_the_verb_speaks_for_its_country():
    _, rows = extract(
        {
            "البريطانية": ("gpe-uk", "GPE", "المملكة المتحدة"),
            "سكريبال": ("per-skripal", "PER", "سكريبال"),
        },
        "وكانت شرطة مكافحة الإرهاب البريطانية قالت إن مادة سامة استخدمت ضد سكريبال.",
    )
    [row] = rows
    assert row["speaker"] == "gpe-uk"


# Made up: after a preposition the sentence holds no subject (تويتر is where he wrote);
# the speaker is the last one who spoke.
def test_an_actor_after_a_preposition_in_the_sentence_is_no_implicit_subject():
    _, rows = extract(
        {
            "عادل الجبير": ("per-jubeir", "PER", "عادل الجبير"),
            "للجبير": ("per-jubeir", "PER", "عادل الجبير"),
            "تويتر": ("org-twitter", "ORG", "تويتر"),
            "إيران": ("gpe-iran", "GPE", "إيران"),
        },
        "قال عادل الجبير، وزير الخارجية السعودي، إن إيران تتدخل في شؤون الدول.",
        'جاء ذلك في تغريدة للجبير على موقع التواصل الاجتماعي، تويتر، حيث قال: "تعمل إيران'
        ' على زعزعة أمن المنطقة".',
    )
    assert [r["speaker"] for r in rows] == ["per-jubeir", "per-jubeir"]


# CN-middleEast-331-20180322 (CNN Arabic): a verbal noun with a title quotes its words in
# brackets, inside Cavusoglu's statement; a verb with its و typed twice still reports.
CAVUSOGLU = (
    'وذكر أوغلو خلال اجتماعه بمحرري الوكالة بأن " قول الرئيس رجب طيب أردوغان (يمكن أن نهاجم ذات'
    " ليلة على حين غرة)، يشمل مناطق سنجار، وجبل قنديل، وأي مكان آخر يوجد فيه عناصر تنظيم ( ي ب"
    ' ك/ بي كا كا) الإرهابي".',
    'ووأضاف أوغلو بأنه وفي حال عدم تطبيق خطة خروج عناصر تنظيم "ي ب ك/ بي كا كا" من منبج السورية،'
    ' فإنه "سيتوجب حينها القضاء على الإرهابيين."',
)
CAVUSOGLU_LINKED: Linked = {
    "أوغلو": ("per-cavusoglu", "PER", "مولود جاويش أوغلو"),
    "رجب طيب أردوغان": ("per-erdogan", "PER", "رجب طيب أردوغان"),
    "سنجار": ("loc-sinjar", "LOC", "سنجار"),
    "منبج": ("loc-manbij", "LOC", "منبج"),
}


def test_a_verbal_noun_quotes_the_words_in_brackets_after_its_speaker():
    text, rows = extract(CAVUSOGLU_LINKED, *CAVUSOGLU)
    outer, inner = row_of(rows, "وذكر"), row_of(rows, "قول")
    assert inner["speaker"] == "per-erdogan" and inner["direct"]
    assert text[inner["start"] : inner["end"]] == "يمكن أن نهاجم ذات ليلة على حين غرة"
    assert inner["parent_id"] == outer["quote_id"] and outer["speaker"] == "per-cavusoglu"


def test_a_verb_with_its_conjunction_typed_twice_still_reports():
    _, rows = extract(CAVUSOGLU_LINKED, *CAVUSOGLU)
    assert row_of(rows, "ووأضاف")["speaker"] == "per-cavusoglu"


# Made up: the head of a Duma committee is not the president: a role with words of its
# own needs a title with them.
def test_a_role_with_its_own_words_is_not_a_person_titled_with_the_bare_role():
    _, rows = extract(
        {
            "لجنة العلاقات الدولية بمجلس الدوما": (
                "org-duma-committee",
                "ORG",
                "لجنة العلاقات الدولية",
            ),
            "موسكو": ("gpe-moscow", "GPE", "موسكو"),
            "الروسي": ("gpe-russia", "GPE", "روسيا"),
            "فلاديمير بوتن": ("per-putin", "PER", "فلاديمير بوتين"),
        },
        "وعبرت موسكو عن قلقها، حيث قال رئيس لجنة العلاقات الدولية بمجلس الدوما (البرلمان"
        " الروسي)، إن الضربات تهدف لعرقلة التحقيق.",
        "وحذر السفير الروسي في الولايات المتحدة من العواقب، وشدد على أن موسكو ترفض أي إهانة"
        " للرئيس الروسي فلاديمير بوتن.",
    )
    assert "per-putin" not in [r["speaker"] for r in rows]
    assert row_of(rows, "قال")["speaker"] == "org-duma-committee"


# Made up: "the Fund", the first word of the IMF's name.
def test_the_first_word_of_an_organisations_name_stands_for_it():
    _, rows = extract(
        {
            "صندوق_النقد_الدولي": ("org-imf", "ORG", "صندوق النقد الدولي"),
            "مصر": ("gpe-egypt", "GPE", "مصر"),
            "لمصر": ("gpe-egypt", "GPE", "مصر"),
        },
        "قال #صندوق_النقد_الدولي في بيان إنه سيوافق على شريحة جديدة لمصر.",
        'وقال الصندوق في البيان "بدأت #مصر تجني ثمار الإصلاح".',
    )
    assert [r["speaker"] for r in rows] == ["org-imf", "org-imf"]
    assert rows[1]["how"] == "role"


# Made up: the IMF is whose director Lagarde is, not the subject of her participle; a
# name ending like إن (مون جيه-إن) does not hide the لكن that opens its subject.
def test_an_actor_governed_by_a_persons_role_noun_is_not_the_subject():
    _, rows = extract(
        {
            "صندوق النقد الدولي": ("org-imf", "ORG", "صندوق النقد الدولي"),
            "كريستين لاغارد": ("per-lagarde", "PER", "كريستين لاغارد"),
            "الولايات المتحدة": ("gpe-usa", "GPE", "الولايات المتحدة"),
        },
        "حذرت مديرة صندوق النقد الدولي كريستين لاغارد الولايات المتحدة من الحمائية،"
        ' مؤكدة أن الحرب التجارية "لا رابح فيها".',
    )
    assert row_of(rows, "مؤكدة")["speaker"] == "per-lagarde"
    _, rows = extract(
        {
            "كوريا الجنوبية": ("gpe-south-korea", "GPE", "كوريا الجنوبية"),
            "مون جيه": ("per-moon", "PER", "مون جيه إن"),
        },
        "لكن رئيس كوريا الجنوبية مون جيه-إن قال يوم الخميس في إشارة إلى أن سول منفتحة على"
        " الحوار، إن حكومته ستدرس الاقتراح.",
    )
    assert rows[0]["speaker"] == "per-moon"


def test_a_role_opening_the_article_is_the_next_speaker_named_though_its_body_is_linked():
    body = "الهيئة العامة للطيران المدني الإماراتية"
    linked = {**MANSOURI_LINKED, body: ("org-gcaa", "ORG", body)}
    _, rows = extract(linked, *MANSOURI)
    assert rows[0]["speaker"] == "per-mansouri" and rows[0]["how"] == "role"


# BB-middleEast-266-20180330 (BBC): a role noun (الجماعة) is the organisation it was
# written before earlier (جماعة "جيش الإسلام"), not the body that spoke last.
ISLAM_ARMY = (
    'ويتعلق الاتفاق بخروج مسلحي جماعة "جيش الإسلام" من بلدة دوما بالغوطة التي استعادت قوات'
    " سورية مدعومة من روسيا السيطرة عليها خلال الأسابيع القليلة الماضية.",
    'لكن جماعة "جيش الإسلام" نفت صحة ما أعلنه الجيش الروسي.',
    "وقالت الجماعة في حسابها بموقع تويتر للتواصل الاجتماعي"
    ' "لا صحة لما تتداوله وسائل الإعلام عن اتفاق يقضي بإخراج جيش الإسلام من مدينة دوما،'
    ' ولازال موقفنا واضحاً وثابتاً وهو رفض التهجير القسري".',
)
ISLAM_ARMY_LINKED: Linked = {
    "جيش الإسلام": ("org-islam-army", "ORG", "جيش الإسلام"),
    "الجيش الروسي": ("org-russian-army", "ORG", "الجيش الروسي"),
    "دوما": ("gpe-douma", "GPE", "دوما"),
    "روسيا": ("gpe-russia", "GPE", "روسيا"),
}


def test_a_role_noun_is_the_organisation_it_was_written_before():
    _, rows = extract(ISLAM_ARMY_LINKED, *ISLAM_ARMY)
    said = row_of(rows, "وقالت")
    assert said["speaker"] == "org-islam-army" and said["how"] == "role"


# FR-internationalNews-421-20180314 (France 24): السلطات, introduced as السلطات المغربية,
# are Morocco's when they speak later.
MOROCCO = (
    'وجهت السلطات المغربية تحذيرا بالتعامل "بكل حزم" مع المتظاهرين في مدينة جرادة، التي تشهد'
    " حراكا احتجاجيا منذ أواخر كانون الأول/ديسمبر الماضي.",
    "وتؤكد السلطات أن التوقيفات غير مرتبطة بالحركة الاحتجاجية وأنها مرتبطة"
    ' "بحادث سير" وباعتداء على الأملاك العامة.',
)
MOROCCO_LINKED: Linked = {
    "المغربية": ("gpe-morocco", "GPE", "المغرب"),
    "جرادة": ("gpe-jerada", "GPE", "جرادة"),
}


def test_a_role_noun_is_the_country_it_was_written_with_before():
    _, rows = extract(MOROCCO_LINKED, *MOROCCO)
    assert row_of(rows, "وتؤكد")["speaker"] == "gpe-morocco"


# Made up: a plural verb's subject is the group it opens with; the agency named inside it
# only says who asked them.
def test_a_plural_verb_is_not_said_by_an_actor_inside_its_subject():
    linked: Linked = {"رويترز": ("org-reuters", "ORG", "رويترز")}
    _, rows = extract(
        linked,
        "وكان خبراء اقتصاديون استطلعت رويترز آراءهم قد توقعوا أن يرتفع العجز الشهر الماضي.",
    )
    expected = row_of(rows, "توقعوا")
    assert expected["speaker"] is None and expected["how"] == "unnamed"


def test_an_actor_opening_the_subject_of_a_plural_verb_says_it():
    linked: Linked = {"الحوثيون": ("org-houthis", "ORG", "الحوثيون")}
    _, rows = extract(linked, "وكان الحوثيون قالوا إن الهجوم استهدف مطار أبها.")
    assert row_of(rows, "قالوا")["speaker"] == "org-houthis"


# FR-internationalNews-550-20180321 (France 24): أهمية opens the verb's object, so the
# subject stays the one left in the verb: the senator quoted just before.
def test_an_object_after_the_verb_leaves_its_subject_implicit():
    linked: Linked = {"مايك لي": ("per-mike-lee", "PER", "مايك لي")}
    _, rows = extract(
        linked,
        'وقال السناتور الجمهوري مايك لي في قاعة المجلس إن "الإدارة الحالية واصلت حرب أوباما".',
        'وأكد أهمية إدراك أن حل المسألة "لن يعيق القدرة العسكرية لقتال جماعات إرهابية".',
    )
    stressed = row_of(rows, "وأكد")
    assert stressed["speaker"] == "per-mike-lee" and stressed["how"] == "implicit"


# SK-middleEast-2187-20180606 (Sky News Arabia): أعتقد in the quoted words is the speaker's
# own first person (it reads as اعتقد, "he believed"): no statement, and the next وأضاف
# still continues the speaker quoted before it; a subject written after كان is the
# speaker of its verb, not the actor after the verb (دعا ميسي: Messi is called upon).
RAJOUB_LINKED: Linked = {
    "جبريل الرجوب": ("per-rajoub", "PER", "جبريل الرجوب"),
    "ميسي": ("per-messi", "PER", "ليونيل ميسي"),
}
RAJOUB = (
    "اعتبر رئيس الاتحاد الفلسطيني لكرة القدم جبريل الرجوب، الأربعاء، أن إلغاء المباراة الودية"
    " كان بطاقة حمراء.",
    'وقال الرجوب: "أعتقد ما حصل أمس هو بطاقة حمراء من الجميع في وجه الإسرائيليين لإفهامهم أن'
    ' لديهم الحق في تنظيم، في لعب كرة القدم ضمن حدودهم المعترف بها دوليا".',
    'وأضاف "هذه رسالة واضحة إلى الحكومة الإسرائيلية أنه حان الوقت للاعتراف بالوقائع على الأرض".',
    'وكان الرجوب دعا ميسي الأحد إلى "ألا يكون جسرا لتبييض وجه الاحتلال"، مؤكدا "بدء حملة ضد'
    ' الاتحاد الأرجنتيني نستهدف فيها ميسي شخصيا".',
)


def test_the_speakers_own_first_person_in_a_quote_reports_nothing():
    _, rows = extract(RAJOUB_LINKED, *RAJOUB)
    assert not [r for r in rows if r["verb"] == "أعتقد"]
    assert row_of(rows, "وأضاف")["speaker"] == "per-rajoub"


def test_a_subject_written_after_kana_says_it_not_the_object_after_the_verb():
    text, rows = extract(RAJOUB_LINKED, *RAJOUB)
    called = row_of(rows, "دعا")
    assert called["speaker"] == "per-rajoub"
    assert text[called["speaker_start"] : called["speaker_end"]] == "الرجوب"
    assert row_of(rows, "مؤكدا")["speaker"] == "per-rajoub"


# Made up: a title naming a body, then a place phrase, then the person who holds it: the
# person speaks, and speaks on.
def test_the_person_after_a_title_and_a_place_speaks_not_the_body():
    linked: Linked = {
        "جيم ماتيس": ("per-mattis", "PER", "جيم ماتيس"),
        "منظمة الصحة العالمية": ("org-who", "ORG", "منظمة الصحة العالمية"),
        "أفريقيا": ("loc-africa", "LOC", "أفريقيا"),
        "ماتشيديسو مويتي": ("per-moeti", "PER", "ماتشيديسو مويتي"),
    }
    _, rows = extract(
        linked,
        "وقال مدير منظمة الصحة العالمية الإقليمي في أفريقيا ماتشيديسو مويتي"
        ' "تنتشر الكوليرا في كل موسم أمطار". وأضاف "الدول ملتزمة بمنع الوباء".',
    )
    assert row_of(rows, "وقال")["speaker"] == "per-moeti"
    assert row_of(rows, "وأضاف")["speaker"] == "per-moeti"


# FR-internationalNews-550-20180321 (France 24): the sentence's subject is the person named
# after his title and a place phrase, not the last speaker quoted before it.
def test_an_implicit_verb_takes_the_titled_subject_of_its_sentence():
    linked: Linked = {
        "جيم ماتيس": ("per-mattis", "PER", "جيم ماتيس"),
        "مجلس الشيوخ": ("org-senate", "ORG", "مجلس الشيوخ"),
        "ميتش ماكونيل": ("per-mcconnell", "PER", "ميتش ماكونيل"),
        "ساندرز": ("per-sanders", "PER", "بيرني ساندرز"),
    }
    _, rows = extract(
        linked,
        "والأسبوع الماضي طلب وزير الدفاع الأمريكي جيم ماتيس من الكونغرس عدم التدخل في الدور"
        ' الأمريكي في الحرب، محذرا من أن فرض قيود يمكن أن "يزيد من أعداد القتلى المدنيين".',
        "ولكن زعيم الأغلبية في مجلس الشيوخ ميتش ماكونيل أعلن مسبقا رفضه مبادرة ساندرز وزملائه،"
        ' مؤكدا أن القوات الأمريكية "لا تشارك في تبادل إطلاق النار مع قوات معادية" في اليمن.',
    )
    assert row_of(rows, "محذرا")["speaker"] == "per-mattis"
    assert row_of(rows, "مؤكدا")["speaker"] == "per-mcconnell"


# Made up: "the Chinese company" refers back to the company introduced as شركة "تي سي إل";
# its adjective of origin only describes it.
def test_a_definite_role_noun_refers_back_to_the_body_it_introduced():
    linked: Linked = {
        "تي سي إل": ("org-tcl", "ORG", "تي سي إل"),
        "الصينية": ("gpe-china", "GPE", "الصين"),
    }
    _, rows = extract(
        linked,
        'أعلنت شركة "تي سي إل"، الخميس، عن هاتفها الذكي الجديد.',
        "وتقول الشركة الصينية التي صنعت الهاتف إن بطاريته تدوم يوما كاملا.",
    )
    says = row_of(rows, "وتقول")
    assert says["speaker"] == "org-tcl" and says["how"] == "role"


# FR-internationalNews-550-20180321 (France 24): a sentence that opens with إلا أن and a
# person, and reports nothing, hands the next implicit verb to that person rather than
# to the speaker quoted before it.
def test_an_implicit_verb_goes_on_with_the_person_the_sentence_before_opened_with():
    linked: Linked = {
        "ميتش ماكونيل": ("per-mcconnell", "PER", "ميتش ماكونيل"),
        "ساندرز": ("per-sanders", "PER", "بيرني ساندرز"),
        "الولايات المتحدة": ("gpe-us", "GPE", "الولايات المتحدة"),
    }
    _, rows = extract(
        linked,
        "وقال ميتش ماكونيل إن القوات الأمريكية لا تشارك في تبادل إطلاق النار في اليمن.",
        "إلا أن ساندرز طعن في التلميحات بأن الولايات المتحدة ليست ضالعة في الحرب.",
        'وأضاف الثلاثاء "قل ذلك لليمنيين الذين تدمر منازلهم وحياتهم بأسلحة مصنوعة في الولايات'
        ' المتحدة".',
    )
    assert row_of(rows, "وقال")["speaker"] == "per-mcconnell"
    assert row_of(rows, "وأضاف")["speaker"] == "per-sanders"
