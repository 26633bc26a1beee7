"""Speaker rules for kinds of errors found on tuning half D of the gold set (session 8).

Each case is a few real lines of one article of the shared 2018 corpus (its id named above
the case, for NOTICE) or a made-up sentence after one; the actors the linker found are
marked by hand. None is from half B of ``bench/quotes/statements.tsv``.
"""

from __future__ import annotations

import pytest
from test_quotes_speakers import Linked, extract, row_of

from dashboard.ingest.batch import process_articles
from dashboard.quotes import load_lexicon
from dashboard.quotes.extract import verb_readings
from dashboard.quotes.names import speaker_names
from dashboard.quotes.text import ArticleText

# BB-culture-202-20180618 (BBC Arabic), shortened: the festival director quotes the artist,
# then goes on; the artist he quoted is not the one speaking.
DIRECTOR = (
    "وأشار لوتون إلى أن الإقبال على التسجيل كان فعلا أكثر مما هو مطلوب.",
    'وقال "عندما اقترحنا المناسبة، قال تونيك إن 500 شخص سيقفون في اللقطة".',
    'وأضاف "سنطلب من المشاركين استخدام وسائل النقل العام لتجنب الأماكن المحدودة لإيقاف'
    ' السيارات في المرآب".',
)
DIRECTOR_LINKED: Linked = {
    "لوتون": ("per-lawton", "PER", "جون لوتون"),
    "تونيك": ("per-tunick", "PER", "سبنسر تونيك"),
}


def test_the_speaker_quoted_inside_a_statement_does_not_go_on_outside_it():
    _, rows = extract(DIRECTOR_LINKED, *DIRECTOR)
    assert row_of(rows, "قال")["speaker"] == "per-tunick"
    assert row_of(rows, "وأضاف")["speaker"] == "per-lawton"


# SK-internationalNews-2249-20180621 (Sky News Arabia): "he told the journalists".
def test_journalists_told_with_a_glued_preposition_and_the_article_are_no_subject():
    linked: Linked = {"ماتيس": ("per-mattis", "PER", "جيمس ماتيس")}
    _, rows = extract(
        linked,
        "وأكد ماتيس أن التفاصيل لم يتم الاتفاق عليها بعد.",
        'وقال للصحفيين: "هذه المناقشات جارية في الوقت الحالي، لكن ليس لدي أي جديد بخصوصها".',
    )
    told = rows[-1]
    assert (told["speaker"], told["how"]) == ("per-mattis", "implicit")


# AL-culture-452-20180603 (Al Arabiya): a platform in quotation marks after its preposition
# is where he wrote, not who; an artist and a syndicate head are named by their titles.
ARTISTS_LINKED: Linked = {
    "فتحي عبد الوهاب": ("per-fathi", "PER", "فتحي عبد الوهاب"),
    "تويتر": ("org-twitter", "ORG", "تويتر"),
    "فيسبوك": ("org-facebook", "ORG", "فيسبوك"),
    "أشرف زكي": ("per-zaki", "PER", "أشرف زكي"),
    "سلوى محمد": ("per-salwa", "PER", "سلوى محمد"),
    "لطفي لبيب": ("per-labib", "PER", "لطفي لبيب"),
}


def test_a_quoted_name_after_a_preposition_is_not_the_implicit_speaker():
    _, rows = extract(
        ARTISTS_LINKED,
        "وما ساعد على انتشار تلك الأقاويل، قيام الفنان فتحي عبد الوهاب بمشاركة الأمر من خلال"
        ' حسابه الرسمي على "تويتر" وغرد قائلا "إن شاء الله يا عمنا تقوم بالسلامة".',
    )
    assert row_of(rows, "قائلا")["speaker"] == "per-fathi"


def test_a_syndicate_head_before_the_verb_is_the_person_titled_so():
    _, rows = extract(
        ARTISTS_LINKED,
        '"العربية.نت" أجرت اتصالا بالفنان أشرف زكي نقيب الممثلين، إلا أن نقيب الممثلين أكد'
        " أنه علم بالأمر من خلال مواقع التواصل الاجتماعي.",
    )
    assert row_of(rows, "أكد")["speaker"] == "per-zaki"


@pytest.mark.parametrize("title", ["الفنانة", "المطربة", "المغنية", "المقدمة"])
def test_a_feminine_title_makes_an_artist_the_speaker_of_a_feminine_verb(title):
    _, rows = extract(
        ARTISTS_LINKED,
        f"طمأنت {title} سلوى محمد علي الجميع على صحة الفنان لطفي لبيب، بعدما أكدت من خلال"
        ' حسابها على "فيسبوك" أن لطفي لبيب بخير.',
    )
    assert row_of(rows, "أكدت")["speaker"] == "per-salwa"


# BB-culture-202-20180618 (BBC Arabic), shortened: the company, which the linker did not
# find, speaks; the city it has a shop in does not.
COMPANY = (
    "تراجعت الشركة المسؤولة عن سلسلة متاجر وولوورثس الأسترالية عن قرارها وقررت السماح"
    " باستخدام مرآب السيارات في أحد مخازنها في مدينة ملبورن.",
    "ففي أبريل/نيسان، رفضت الشركة طلب تونيك استخدام موقع تابع لها، قائلة إنه سيكون أمرا"
    " مربكا جدا إذا حدث في ذروة حركة التسوق يوم السبت.",
    "فعادت الشركة لتقول إنه يمكن للفنان استخدام مرآب السيارات لمدة ساعة واحدة.",
)
COMPANY_LINKED: Linked = {
    "ملبورن": ("gpe-melbourne", "GPE", "ملبورن"),
    "الأسترالية": ("gpe-australia", "GPE", "أستراليا"),
    "تونيك": ("per-tunick", "PER", "سبنسر تونيك"),
}


def test_a_body_as_the_sentences_subject_is_no_place_named_before():
    _, rows = extract(COMPANY_LINKED, *COMPANY)
    assert [r["speaker"] for r in rows] == [None, None]


# SK-internationalNews-301-20180312 (Sky News Arabia), shortened: the ministry named in
# full before; AL-internationalNews-414-20180311 (Al Arabiya), shortened: a committee is
# not the last organisation the article named.
def test_a_body_as_the_sentences_subject_is_the_organisation_named_so_before():
    linked: Linked = {
        "وزارة الداخلية الألمانية": ("org-interior-de", "ORG", "وزارة الداخلية الألمانية"),
        "تركيا": ("gpe-turkey", "GPE", "تركيا"),
    }
    _, rows = extract(
        linked,
        "وقالت وزارة الداخلية الألمانية إن الاحتجاجات على عمليات تركيا تزايدت.",
        "وناشدت الوزارة المتظاهرين تجنب العنف وقالت إن على المحتجين الالتزام بالقوانين.",
    )
    assert rows[-1]["speaker"] == "org-interior-de"


def test_a_body_as_the_sentences_subject_is_not_the_last_organisation_named():
    linked: Linked = {"الإخوان المسلمين": ("org-brotherhood", "ORG", "الإخوان المسلمين")}
    _, rows = extract(
        linked,
        "وانتقد نواب من الإخوان المسلمين التعديلات الدستورية.",
        'لكن اللجنة البرلمانية المعنية بدراسة التعديلات تحفظت على لفظ "الزواج المباشر" الوارد'
        " في نص التعديلات وقالت إنه يعني إلغاء دور الولي في الزواج.",
    )
    assert row_of(rows, "وقالت")["speaker"] is None


# AL-internationalNews-312-20180303 (Al Arabiya), shortened: the police of a city the
# linker found as a place only.
def test_a_bodys_role_noun_is_no_place_it_is_not_named_by():
    linked: Linked = {"برن": ("gpe-bern", "GPE", "برن")}
    _, rows = extract(
        linked,
        "أطلق إنذار بوجود قنبلة في كنيسة تقع قرب حي محطة القطارات في مدينة برن.",
        'وأوضحت الشرطة أنها حيدت "أجساما مشبوهة" كان الأفغاني يحملها.',
    )
    assert rows[0]["speaker"] is None


# SK-middleEast-876-20180409 (Sky News Arabia): a negated verb reports nothing, nor stops
# the statement of the verb before it.
def test_a_negated_verb_is_no_statement_and_no_barrier():
    linked: Linked = {
        "إن بي سي": ("org-nbc", "ORG", "إن بي سي"),
        "إسرائيل": ("gpe-israel", "GPE", "إسرائيل"),
        "الولايات المتحدة": ("gpe-usa", "GPE", "الولايات المتحدة"),
    }
    _, rows = extract(
        linked,
        "وأضاف المسؤولان، اللذين لم تفصح إن بي سي عن هويتهما، أن إسرائيل أبلغت الولايات"
        " المتحدة بالهجمات.",
    )
    assert [r["verb"] for r in rows] == ["وأضاف"]


# FR-internationalNews-1976-20180623 (France 24): "without making clear whether".
def test_a_verb_after_without_is_no_statement():
    linked: Linked = {"ترامب": ("per-trump", "PER", "دونالد ترامب")}
    _, rows = extract(
        linked,
        'وكان ترامب أعلن وقف التدريبات العسكرية معتبرا أنها "استفزازية" من غير أن يوضح إن'
        " كان تعليقها سيدخل حيز التنفيذ على الفور.",
    )
    assert [r["verb"] for r in rows] == ["معتبرا"]


# AL-economy-836-20180615 (Al Arabiya) and SK-sport-987-20180504 (Sky News Arabia): a body
# named by its head noun and the words after it, which the recogniser did not find, is a
# speaker's name; a head noun alone (الشرطة) is not.
@pytest.mark.parametrize(
    ("line", "body"),
    [
        ("وقال جهاز الإحصاء إن التضخم كان 57.65 بالمئة في نيسان/أبريل.", "جهاز الإحصاء"),
        (
            "وذكرت وحدة النزاهة في بيان، الجمعة، أن العينة الثانية للعداء الكيني جاءت"
            " نتيجتها إيجابية تماما.",
            "وحدة النزاهة",
        ),
    ],
)
def test_a_body_named_after_the_verb_is_a_speaker_candidate_of_an_organisation(line, body):
    doc = ArticleText(line, [(0, 0, len(line))])
    lex = load_lexicon()
    [found] = speaker_names(doc, verb_readings(doc, lex), [], lex)
    assert (found["surface"], found["kind"]) == (body, "ORG")
    [result] = process_articles([(line, None)])
    [quote] = result.quotes
    assert line[quote["antecedent_start"] : quote["antecedent_end"]] == body


def test_a_bodys_head_noun_alone_is_no_speaker_candidate():
    line = 'وأوضحت الشرطة أنها حيدت "أجساما مشبوهة" كان الأفغاني يحملها.'
    doc = ArticleText(line, [(0, 0, len(line))])
    lex = load_lexicon()
    assert speaker_names(doc, verb_readings(doc, lex), [], lex) == []


# AL-internationalNews-1163-20180514 (Al Arabiya), made up after: a verb's form after a
# preposition is a noun (the moving of the embassy), which reports nothing.
def test_a_verb_form_after_a_preposition_is_no_statement():
    linked: Linked = {
        "السفارة الأميركية": ("org-us-embassy", "ORG", "السفارة الأميركية"),
        "القدس": ("gpe-jerusalem", "GPE", "القدس"),
    }
    _, rows = extract(
        linked,
        'الخطوة المتمثلة في نقل السفارة الأميركية إلى القدس: "خطوة بالغة الخطورة على'
        ' المنطقة كلها".',
    )
    assert rows == []


# FR-middleEast-197-20180404 (France 24), shortened: the subject comes after a phrase the
# sentence opens with; the statement before had a group nobody named as its speaker.
def test_an_implicit_speaker_is_the_subject_after_a_fronted_phrase():
    linked: Linked = {
        "أردوغان": ("per-erdogan", "PER", "رجب طيب أردوغان"),
        "أنقرة": ("gpe-ankara", "GPE", "أنقرة"),
        "الأمريكي": ("gpe-usa", "GPE", "الولايات المتحدة"),
        "دونالد ترامب": ("per-trump", "PER", "دونالد ترامب"),
        "سوريا": ("gpe-syria", "GPE", "سوريا"),
    }
    _, rows = extract(
        linked,
        'وقال القادة الثلاثة إن "صيغة محادثات أستانة هي المبادرة الدولية الوحيدة".',
        "فقبل ساعات من القمة الثلاثية في أنقرة، أعلن الرئيس الأمريكي دونالد ترامب رغبته في"
        ' سحب قوات بلاده من سوريا، مؤكدا أنه سيتم اتخاذ قرار "في وقت قريب جدا".',
    )
    assert row_of(rows, "مؤكدا")["speaker"] == "per-trump"


# FR-economy-24-20180308 (France 24): "an official explained" is nobody the article names.
def test_a_role_noun_without_the_article_or_words_of_its_own_is_unnamed():
    linked: Linked = {
        "البيت الأبيض": ("org-white-house", "ORG", "البيت الأبيض"),
        "دونالد ترامب": ("per-trump", "PER", "دونالد ترامب"),
        "كندا": ("gpe-canada", "GPE", "كندا"),
        "المكسيك": ("gpe-mexico", "GPE", "المكسيك"),
    }
    _, rows = extract(
        linked,
        "وقع الرئيس الأمريكي دونالد ترامب قرار فرض رسوم جمركية على واردات الصلب والألمنيوم.",
        "وقال البيت الأبيض إن القرار سيصبح نافذا بعد 15 يوما، وأوضح مسؤول أنه يستثني كندا"
        " والمكسيك في الوقت الحالي.",
    )
    official = row_of(rows, "وأوضح")
    assert (official["speaker"], official["how"]) == (None, "unnamed")


# FR-economy-22-20180302 (France 24), shortened: "the statement" is the fund's, not that of
# the president its quotation mentions announcing something.
def test_a_document_noun_does_not_bind_to_a_speaker_quoted_inside_a_statement():
    linked: Linked = {
        "دونالد ترامب": ("per-trump", "PER", "دونالد ترامب"),
        "الأمريكي": ("gpe-usa", "GPE", "الولايات المتحدة"),
        "صندوق النقد الدولي": ("org-imf", "ORG", "صندوق النقد الدولي"),
        "الولايات المتحدة": ("gpe-usa", "GPE", "الولايات المتحدة"),
    }
    _, rows = extract(
        linked,
        "فرض الرئيس الأمريكي دونالد ترامب رسوما على واردات الصلب والألومنيوم.",
        "واعتبر صندوق النقد الدولي الجمعة في بيان أن الإجراءات الحمائية سيكون لها تأثير سلبي"
        " على الاقتصاد الأمريكي.",
        'وأضاف في بيان أن "القيود المفروضة على الواردات التي أعلنها الرئيس الأمريكي من المحتمل'
        ' أن تسفر عن اضرار ليس خارج الولايات المتحدة فقط".',
        'وأفاد البيان "إننا نشجع الولايات المتحدة وشركاءها التجاريين على العمل معا".',
    )
    assert row_of(rows, "وأفاد")["speaker"] == "org-imf"


# Cases from the 4,000-article store that the rules above first got wrong (session 8).
# SK-internationalNews-559-20180324 (Sky News Arabia): a plural verb's group after a body.
def test_a_plural_verb_after_a_body_is_not_the_bodys():
    linked: Linked = {"تيلغراف": ("org-telegraph", "ORG", "تيلغراف")}
    _, rows = extract(
        linked,
        'وذكرت صحيفة تيلغراف أن "التحقيق مستمر منذ أسابيع في القضية".',
        "كما استمعت المحكمة إلى الشهود الذين قالوا إنهم سمعوا انفجارا مدويا.",
    )
    assert row_of(rows, "قالوا")["speaker"] is None


# BB-internationalNews-176-20180317 (BBC Arabic): a sentence that opens with a place or
# time phrase may still have its subject before the first comma.
def test_a_subject_before_the_first_comma_of_a_sentence_opening_with_a_phrase():
    linked: Linked = {
        "نيويورك تايمز": ("org-nyt", "ORG", "نيويورك تايمز"),
        "غلاشكوف": ("per-glushkov", "PER", "نيكولاي غلاشكوف"),
    }
    _, rows = extract(
        linked,
        "في عام 1992 أجرت نيويورك تايمز حوارا مع غلاشكوف، وكان عمره حينئذ 42 عاما، ووصفته"
        " بأنه مدرس سابق لمادتي الفيزياء واللغة الإنجليزية.",
    )
    assert row_of(rows, "ووصفته")["speaker"] == "org-nyt"


# FR-sport-53-20180323 (France 24): the website "of" a quoted name speaks as that name.
def test_a_quoted_name_after_a_glued_lam_is_still_a_subject():
    linked: Linked = {
        "لوس أنجلس غالاكسي": ("org-la-galaxy", "ORG", "لوس أنجلس غالاكسي"),
        "سبورتس إيلوسترايتد": ("org-si", "ORG", "سبورتس إيلوسترايتد"),
    }
    _, rows = extract(
        linked,
        'ولم يكشف لوس أنجلس غالاكسي قيمة الصفقة، لكن الموقع الإلكتروني لـ"سبورتس إيلوسترايتد"'
        " أشار إلى أنه يصل إلى 3 ملايين دولار لمدة موسمين.",
    )
    assert row_of(rows, "أشار")["speaker"] == "org-si"


# CN-internationalNews-80-20180309 (CNN Arabic), shortened: "the official" later is the
# official nobody named before, not the president named in between.
def test_a_role_noun_binds_to_the_unnamed_speaker_introduced_with_it():
    linked: Linked = {
        "دونالد ترامب": ("per-trump", "PER", "دونالد ترامب"),
        "ترامب": ("per-trump", "PER", "دونالد ترامب"),
        "كيم جونغ أون": ("per-kim", "PER", "كيم جونغ أون"),
    }
    _, rows = extract(
        linked,
        "أعلن البيت الأبيض أن الرئيس الأمريكي، دونالد ترامب قال إنه سيقابل كيم جونغ أون.",
        "من جهته قال مسؤول في الإدارة الأمريكية إن ترامب وافق على مقابلة كيم جونغ أون.",
        'وأضاف المسؤول: "جزء من سبب انتخاب ترامب هو قابليته لاتخاذ المبادرات".',
    )
    assert row_of(rows, "وأضاف")["speaker"] is None


# SK-sport-1881-20180627 (Sky News Arabia): a federation the linker left unlinked, named with
# its country's adjective, speaks for that country rather than as nobody.
def test_a_federation_before_the_verb_is_its_countrys():
    linked: Linked = {"التونسي": ("gpe-tunisia", "GPE", "تونس")}
    _, rows = extract(
        linked,
        "لكن الاتحاد التونسي أكد، الثلاثاء، أن اللاعبين استعدوا بدنيا بشكل جيد.",
    )
    assert row_of(rows, "أكد")["speaker"] == "gpe-tunisia"


# AL-sport-869-20180325 (Al Arabiya), shortened: the federation named in full before, not
# the country of its adjective.
def test_a_body_with_its_adjective_is_the_organisation_named_so_before():
    linked: Linked = {
        "الاتحاد البلجيكي لكرة القدم": ("org-belgian-fa", "ORG", "الاتحاد البلجيكي لكرة القدم"),
        "البلجيكي": ("gpe-belgium", "GPE", "بلجيكا"),
        "تيبو كورتوا": ("per-courtois", "PER", "تيبو كورتوا"),
    }
    _, rows = extract(
        linked,
        "وقال الاتحاد البلجيكي لكرة القدم في حسابه على تويتر: لم يتعاف تيبو كورتوا من إصابته.",
        "وأضاف الاتحاد البلجيكي أن المدرب لم يقرر بعد من سيستدعي بدلا منه.",
    )
    assert row_of(rows, "وأضاف")["speaker"] == "org-belgian-fa"


# SK-middleEast-210-20180310 (Sky News Arabia), shortened: an official who opens the
# article is the person named as the next speaker, not nobody.
def test_an_official_opening_the_article_is_the_person_named_next():
    linked: Linked = {
        "الأمم المتحدة": ("org-un", "ORG", "الأمم المتحدة"),
        "سجاد مالك": ("per-malik", "PER", "سجاد مالك"),
        "الغوطة الشرقية": ("loc-ghouta", "LOC", "الغوطة الشرقية"),
    }
    _, rows = extract(
        linked,
        "قال مسؤول في الأمم المتحدة إن المدنيين في الغوطة الشرقية باتوا محاصرين.",
        "وقال سجاد مالك، الذي يرأس عمليات الأمم المتحدة للاجئين من دمشق، إن الجانبين"
        " لديهما مسؤولية عن الوضع المروع.",
    )
    assert rows[0]["speaker"] == "per-malik"


# BB-internationalNews-157-20180315 (BBC Arabic), shortened: a sentence that opens with its
# verb names its subject; the implicit verb opening the next sentence is his, not the
# speaker of the last statement.
JOHNSON = (
    "وقال لافروف حينئذ إن موسكو ستتعاون إذا أرسلت بريطانيا طلبا رسميا.",
    "وصعّد وزير الخارجية البريطاني، بوريس جونسون، من حدة حرب التصريحات مع روسيا، يوم الخميس.",
    'وقال إن الهجوم يشير إلى "طريقة روسيا في تهديدها للناس".',
)
JOHNSON_LINKED: Linked = {
    "لافروف": ("per-lavrov", "PER", "سيرغي لافروف"),
    "موسكو": ("gpe-moscow", "GPE", "موسكو"),
    "بريطانيا": ("gpe-uk", "GPE", "بريطانيا"),
    "البريطاني": ("gpe-uk", "GPE", "بريطانيا"),
    "بوريس جونسون": ("per-johnson", "PER", "بوريس جونسون"),
    "روسيا": ("gpe-russia", "GPE", "روسيا"),
}


def test_an_implicit_verb_opening_its_sentence_goes_on_from_a_verb_first_subject():
    _, rows = extract(JOHNSON_LINKED, *JOHNSON)
    assert [r["speaker"] for r in rows if r["verb"] == "وقال"] == ["per-lavrov", "per-johnson"]


def test_a_person_after_a_preposition_opens_no_verb_first_subject():
    lines = (JOHNSON[0], JOHNSON[1].replace("وصعّد وزير", "وفي رسالة إلى وزير"), JOHNSON[2])
    _, rows = extract(JOHNSON_LINKED, *lines)
    assert [r["speaker"] for r in rows if r["verb"] == "وقال"][-1] != "per-johnson"


# AL-sport-456-20180307 (Al Arabiya), shortened: a body's role noun in a phrase before the
# verb (his team, Al-Ittihad) is not the subject of the verb.
def test_a_role_noun_in_a_fronted_phrase_is_not_the_subject():
    linked: Linked = {
        "عدنان فلاته": ("per-fallatah", "PER", "عدنان فلاته"),
        "اتحاد جدة": ("org-ittihad", "ORG", "اتحاد جدة"),
    }
    _, rows = extract(
        linked,
        "يلعب عدنان فلاته في صفوف اتحاد جدة منذ سنوات.",
        'وقال عدنان فلاته: "سبب غضبي هو انقطاع الكرة منه وطريقة تعامله معي".',
        'وحول مستويات فريقه الاتحاد، أردف: "لم اعتقد أن هنالك أي ناد يمر بذات الضغوط".',
    )
    assert row_of(rows, "أردف")["speaker"] == "per-fallatah"


# A negation with و before it (ولم يوضح) and one of two words (دون أن يؤكد) negate the verb
# after them as the bare one does; a verb after any other word stays a statement.
def test_negations_with_a_conjunction_or_of_two_words_make_no_statement():
    linked: Linked = {
        "ترامب": ("per-trump", "PER", "دونالد ترامب"),
        "بوتين": ("per-putin", "PER", "فلاديمير بوتين"),
    }
    _, rows = extract(
        linked,
        "ولم يوضح ترامب أن الاتفاق سينهار. وغادر بوتين دون أن يؤكد أن المحادثات انتهت."
        " وقال بوتين إن المحادثات كانت مفيدة.",
    )
    assert [(r["verb"], r["speaker"]) for r in rows] == [("وقال", "per-putin")]
