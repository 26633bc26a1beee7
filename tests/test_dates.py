"""Dates in article text: what `extract_dates` finds in real news sentences and how it resolves them.

Each sentence is the kind of thing Arabic wire copy says; the article date is the day the
article was published. Values are TimeML/TIMEX3 as HeidelTime writes them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard.dates import extract_dates

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_ca1ffc38c5cd97af.txt"
FRIDAY = dt.date(2024, 11, 1)  # the seed article's date, a Friday


def found(text: str, day: dt.date | None = FRIDAY) -> list[tuple[str, str]]:
    """(surface, value) of every date in ``text``, checking the span contract on the way."""
    out = []
    for d in extract_dates(text, day):
        assert text[d["start"] : d["end"]] == d["surface"]
        out.append((d["surface"], d["value"]))
    return out


def described(d: dict) -> tuple[str, str, str, bool]:
    """(surface, value, granularity, relative) of one found date."""
    return d["surface"], d["value"], d["granularity"], d["relative"]


def only(text: str, day: dt.date | None = FRIDAY) -> dict:
    dates = extract_dates(text, day)
    assert len(dates) == 1, dates
    return dates[0]


# --- the seed article -------------------------------------------------------------------


def seed_body() -> str:
    first, rest = SEED.read_text(encoding="utf-8").split("\n", 1)
    return first.split("موسكو: ", 1)[1] + "\n" + rest


def test_seed_article_dates():
    body = seed_body()
    dates = extract_dates(body, FRIDAY)
    got = [described(d) for d in dates]
    assert ("الجمعة", "2024-11-01", "day", True) in got
    assert got.count(("الخميس", "2024-10-31", "day", True)) == 2
    assert ("عام 1949", "1949", "year", False) in got
    assert ("هذا الصيف", "2024-SU", "season", True) in got
    # '(الخميس)' in the quote and 'الخميس في تصريحات' are both found, at their places.
    thursdays = [d["start"] for d in dates if d["surface"] == "الخميس"]
    assert body[thursdays[0] - 1] == "(" and body.startswith("الخميس في تصريحات", thursdays[1])


def test_seed_article_non_dates():
    body = seed_body()
    surfaces = " | ".join(d["surface"] for d in extract_dates(body, FRIDAY))
    for not_a_date in ("يوم النصر", "النصر", "8000", "وقت سابق", "سابق"):
        assert not_a_date not in surfaces
    assert all(d["value"] != "8000" for d in extract_dates(body, FRIDAY))


def test_every_span_points_into_the_original_text():
    body = seed_body()
    for d in extract_dates(body, FRIDAY):
        assert body[d["start"] : d["end"]] == d["surface"]
        assert set(d) == {"surface", "start", "end", "value", "granularity", "relative"}


# --- absolute dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface", "value"),
    [
        ("وُلد الرئيس في 1 نوفمبر 2024 في القاهرة", "1 نوفمبر 2024", "2024-11-01"),
        ("وقعت الحادثة في الأول من نوفمبر 2024", "الأول من نوفمبر 2024", "2024-11-01"),
        ("في الحادي عشر من سبتمبر 2001 ضربت طائرات", "الحادي عشر من سبتمبر 2001", "2001-09-11"),
        ("وانتُخب في 1 تشرين الثاني/نوفمبر 2024", "1 تشرين الثاني/نوفمبر 2024", "2024-11-01"),
        ("أُعلن في 5 كانون الثاني (يناير) 2016 عن", "5 كانون الثاني (يناير) 2016", "2016-01-05"),
        ("بموجب القرار الصادر في 2024-11-01 عن", "2024-11-01", "2024-11-01"),
        ("أحاله إلى النيابة بتاريخ 01/11/2024 في قضية", "01/11/2024", "2024-11-01"),
        ("مع كوستاريكا بتاريخ 22-6-2018 والثالثة", "22-6-2018", "2018-06-22"),
        ("وقّعت الاتفاقية يوم ١٥ مارس ٢٠٢٣ في الرياض", "١٥ مارس ٢٠٢٣", "2023-03-15"),
        ("في 29 فبراير 2024 أعلنت الوزارة", "29 فبراير 2024", "2024-02-29"),
        ("الجمعة 1 نوفمبر 2024، زار الوزير", "الجمعة 1 نوفمبر 2024", "2024-11-01"),
        (
            "جرت الانتخابات في 28 كانون الأول/ديسمبر 2017 وسط",
            "28 كانون الأول/ديسمبر 2017",
            "2017-12-28",
        ),
    ],
)
def test_absolute_days(sentence, surface, value):
    assert described(only(sentence)) == (surface, value, "day", False)


@pytest.mark.parametrize(
    ("sentence", "surface", "value"),
    [
        ("وتوفي مانسون في تشرين الثاني/نوفمبر 2017 عن عمر", "تشرين الثاني/نوفمبر 2017", "2017-11"),
        ("بدأت العملية في نوفمبر/تشرين الثاني 2024", "نوفمبر/تشرين الثاني 2024", "2024-11"),
        ("وفي يوليو/ تموز 2010 من العام", "يوليو/ تموز 2010", "2010-07"),
        ("ارتفعت الأسعار في جانفي 2018 بنسبة", "جانفي 2018", "2018-01"),
        ("منذ حرب أكتوبر 1973 إلى اليوم", "أكتوبر 1973", "1973-10"),
        ("للاستثمار في نوفمبر من عام 2015 قرر", "نوفمبر من عام 2015", "2015-11"),
        ("صدر القرار في شهر آب 2019 بعد", "شهر آب 2019", "2019-08"),
    ],
)
def test_absolute_months(sentence, surface, value):
    d = only(sentence, None)  # no article date needed
    assert described(d) == (surface, value, "month", False)


@pytest.mark.parametrize(
    ("sentence", "surface", "value"),
    [
        ("زيارة إلى الاتحاد السوفياتي عام 1949.", "عام 1949", "1949"),
        ("وكانت السوق نمت بنسبة 27 % في العام 2016.", "العام 2016", "2016"),
        ("تأسست الشركة سنة 1890 في بيروت", "سنة 1890", "1890"),
        ("خطة التحول الوطني بحلول عام 2030.", "عام 2030", "2030"),
        ("بلغت الإيرادات 136 مليار ريال بنهاية 2017م، فيما", "2017م", "2017"),
        ("للعام 2018 أعلنت الحكومة موازنة", "للعام 2018", "2018"),
    ],
)
def test_years(sentence, surface, value):
    assert described(only(sentence, None)) == (surface, value, "year", False)


def test_two_years_after_dual_year_word():
    assert found("تعرضت تركيا لهجمات دامية في عامي 2015 و2016 على يد") == [
        ("عامي 2015", "2015"),
        ("2016", "2016"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "وذكرت الولايات المتحدة أن 8000 جندي كوري شمالي يتلقون تدريبات",
        "نشر 2000 جندي على الحدود",
        "وصل عدد القتلى إلى 1949 شخصا",
        "في عام 8000 قبل الميلاد",  # not a plausible year
        "قتل 20 شخصا وجرح 31 آخرون",
        "سجل 1.860.000 زائر",
        "فاز الفريق 4-3-3",
    ],
)
def test_numbers_that_are_not_dates(sentence):
    assert found(sentence) == []


def test_hijri_dates_are_converted_to_gregorian():
    assert found("صدر المرسوم الملكي في 25 شوال 1436 هـ الموافق") == [
        ("25 شوال 1436 هـ", "2015-08-10")
    ]
    # Shawwal 1436 ran from 17 July to 14 August 2015: the month holding its middle is July.
    assert found("تأسس المركز في شوال 1436هـ") == [("شوال 1436هـ", "2015-07")]
    # a Hijri year straddles two Gregorian years: the one holding its middle (1 Rajab)
    assert found("ميزانية عام 1436هـ بلغت") == [("عام 1436هـ", "2015")]
    # 'رجب' the name and 'صفر' the number are not months without a Hijri year
    assert found("قال رجب طيب أردوغان إن النتيجة صفر") == []


def test_hijri_date_out_of_the_converter_range_is_skipped():
    assert found("توفي سنة 683هـ في دمشق") == []


# --- relative dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface", "value"),
    [
        ("أكدت الوزيرة خلال زيارة لموسكو الجمعة أن بلادها", "الجمعة", "2024-11-01"),
        ("وندد الرئيس الأوكراني الخميس في تصريحات", "الخميس", "2024-10-31"),
        ("أشار بوضوح (الخميس) إلى أن الوضع", "الخميس", "2024-10-31"),
        ("وكان الاجتماع قد عقد يوم السبت في جنيف", "يوم السبت", "2024-10-26"),
        ("والأربعاء أعلنت الحكومة استقالتها", "الأربعاء", "2024-10-30"),
        ("وقال مسؤول بالجيش الأحد إن القوات", "الأحد", "2024-10-27"),
        ("أعلن الجيش اليوم الجمعة عن", "اليوم الجمعة", "2024-11-01"),
        ("وقتل الجيش الشاب الخميس الماضي في نابلس", "الخميس الماضي", "2024-10-31"),
        ("وتوفي قائد الفريق الجمعة الماضية بسكتة قلبية", "الجمعة الماضية", "2024-10-25"),
        ("وقال ترامب يوم أمس الخميس، إن", "يوم أمس الخميس", "2024-10-31"),
    ],
)
def test_weekdays_are_the_latest_such_day(sentence, surface, value):
    assert described(only(sentence)) == (surface, value, "day", True)


@pytest.mark.parametrize(
    ("sentence", "surface", "value"),
    [
        ("سيزور الرئيس الصيني موسكو الأحد لإجراء محادثات", "الأحد", "2024-11-03"),
        ("ستعقد القمة في الرياض يوم الاثنين", "يوم الاثنين", "2024-11-04"),
        ("وسوف يلتقي الوزيران الخميس في أنقرة", "الخميس", "2024-11-07"),
        ("ويستعد الفريق لمواجهة ساسولو يوم السبت المقبل", "يوم السبت المقبل", "2024-11-02"),
        ("تجري الجولة الثانية الجمعة القادمة", "الجمعة القادمة", "2024-11-08"),
        ("تستضيف الرياض بعد غد الأحد اجتماعا", "بعد غد الأحد", "2024-11-03"),
        ("وتلتقي البعثة غدا السبت بالمسؤولين", "غدا السبت", "2024-11-02"),
    ],
)
def test_weekdays_in_future_sentences_go_forward(sentence, surface, value):
    assert found(sentence) == [(surface, value)]


def test_future_verb_after_the_weekday_does_not_make_it_future():
    # Said on Thursday, about the future: Thursday is still the past one.
    assert found("وقالت الخميس إنها ستزور بكين") == [("الخميس", "2024-10-31")]
    # A reporting verb between the future verb and the weekday closes the future clause.
    text = "وقال إنه سيزور موسكو، وأضاف الثلاثاء أن"
    assert found(text) == [("الثلاثاء", "2024-10-29")]


def test_weekday_across_a_month_and_year_boundary():
    # Article of Wednesday 1 January 2025: 'الاثنين' is 30 December 2024.
    assert found("أعلنت الشرطة الاثنين مقتل شخصين", dt.date(2025, 1, 1)) == [
        ("الاثنين", "2024-12-30")
    ]
    # Article of Tuesday 1 March 2016 (leap year): 'الأحد' is 28 February, 'السبت' 27.
    assert found("وصل الوفد السبت وغادر الأحد", dt.date(2016, 3, 1)) == [
        ("السبت", "2016-02-27"),
        ("الأحد", "2016-02-28"),
    ]


@pytest.mark.parametrize(
    ("sentence", "surface", "value"),
    [
        ("وقالت الشرطة أمس إن المشتبه به", "أمس", "2024-10-31"),
        ("وكان الوزير قد صرح امس بأن", "امس", "2024-10-31"),
        ("وصل الوفد البارحة إلى بيروت", "البارحة", "2024-10-31"),
        ("ويرافق نيمار منذ الأمس طبيب المنتخب", "الأمس", "2024-10-31"),
        ("التقى الرئيس أول أمس وفدا من", "أول أمس", "2024-10-30"),
        ("اهتمت الصحف اليوم بتطورات الأوضاع في غزة", "اليوم", "2024-11-01"),
        ("لا تزال المفاوضات جارية حتى اليوم", "اليوم", "2024-11-01"),
        ("تبدأ الانتخابات غداً في جميع المحافظات", "غداً", "2024-11-02"),
        ("وقال ترامب لوزير خارجيته يوم أمس إنه", "يوم أمس", "2024-10-31"),
    ],
)
def test_relative_day_words(sentence, surface, value):
    assert described(only(sentence)) == (surface, value, "day", True)


@pytest.mark.parametrize(
    "sentence",
    [
        "نقلا عن اليوم السابع المصرية",
        "بمناسبة اليوم العالمي للمرأة",
        "في اليوم التالي للهجوم",
        "يعيش أكثر من نصف السكان بأقل من يورو في اليوم. نسبة البطالة مرتفعة",
        "ويتناول الدواء ثلاث مرات في اليوم",
        "وحتى الأمس القريب كان التنظيم يسيطر على المدينة",
        "وقع الحادث في ذلك اليوم",
        "يقف رفاقنا الروس حتى يوم النصر",
        "كان يوم الاستقلال مشهودا",
        "دشن الوزيران في وقت سابق نصبا تذكاريا",
    ],
)
def test_day_words_that_are_not_today(sentence):
    assert found(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "surface", "value", "granularity"),
    [
        ("وكانت أميركا أعلنت الأسبوع الماضي فرض رسوم", "الأسبوع الماضي", "2024-W43", "week"),
        ("سيعقد الاجتماع الأسبوع المقبل في جنيف", "الأسبوع المقبل", "2024-W45", "week"),
        ("تضرب موجة الثلج البلاد هذا الأسبوع", "هذا الأسبوع", "2024-W44", "week"),
        ("خطفت الفتيات من مدرسة في البلدة الشهر الماضي", "الشهر الماضي", "2024-10", "month"),
        ("تجرى الانتخابات الشهر المقبل", "الشهر المقبل", "2024-12", "month"),
        ("مباراة أقيمت في وقت سابق من الشهر الجاري", "الشهر الجاري", "2024-11", "month"),
        ("بلغ العجز 800 مليار دولار العام الماضي", "العام الماضي", "2023", "year"),
        ("تنتهي الأشغال السنة المقبلة", "السنة المقبلة", "2025", "year"),
        ("ارتفعت الصادرات خلال العام الجاري", "العام الجاري", "2024", "year"),
        ("لم تمطر هذا العام", "هذا العام", "2024", "year"),
        ("وأغلقت المصانع العام قبل الماضي", "العام قبل الماضي", "2022", "year"),
    ],
)
def test_relative_units(sentence, surface, value, granularity):
    assert described(only(sentence)) == (surface, value, granularity, True)


def test_the_two_is_not_monday():
    assert found("عدم الحديث عن علاقة مزعومة بين الإثنين، وبالتالي") == []
    assert found("وصل الاثنين معا إلى المطار") == []
    # ... but a range of weekdays is
    assert found("تستمر الإضرابات بين الاثنين والأربعاء") == [
        ("الاثنين", "2024-10-28"),
        ("الأربعاء", "2024-10-30"),
    ]


def test_general_is_not_a_year():
    assert found("التقى الأمين العام المقبل للأمم المتحدة") == []
    assert found("وأكد المدعي العام الحالي أن") == []


def test_relative_week_crosses_the_iso_year():
    # Monday 30 December 2024 belongs to ISO week 1 of 2025.
    assert found("ستبدأ المفاوضات الأسبوع المقبل", dt.date(2024, 12, 23)) == [
        ("الأسبوع المقبل", "2025-W01")
    ]
    assert found("وقعت الاتفاقية الشهر الماضي", dt.date(2024, 1, 15)) == [
        ("الشهر الماضي", "2023-12")
    ]


@pytest.mark.parametrize(
    ("sentence", "day", "value"),
    [
        ("وقّعت موسكو اتفاقا مع بيونغ يانغ هذا الصيف.", FRIDAY, "2024-SU"),
        ("انتقل نيمار الصيف الماضي إلى باريس", dt.date(2018, 3, 12), "2017-SU"),
        ("انتقل نيمار الصيف الماضي إلى باريس", FRIDAY, "2024-SU"),  # the summer just gone
        ("تقام كأس العالم في روسيا الصيف المقبل", dt.date(2018, 3, 5), "2018-SU"),
        ("تقام البطولة الصيف المقبل", dt.date(2018, 7, 5), "2019-SU"),
        ("تراجعت الأسعار هذا الشتاء", dt.date(2025, 1, 20), "2024-WI"),
        ("سيزور الأمير فلسطين هذا الصيف", dt.date(2018, 3, 1), "2018-SU"),
    ],
)
def test_seasons(sentence, day, value):
    d = only(sentence, day)
    assert (d["value"], d["granularity"], d["relative"]) == (value, "season", True)


def test_season_with_a_year():
    assert found("في صيف 2014 سيطر التنظيم على الموصل", None) == [("صيف 2014", "2014-SU")]


@pytest.mark.parametrize(
    ("sentence", "day", "value"),
    [
        ("أطلقت العملية في آذار الماضي", FRIDAY, "2024-03"),
        ("أعلن العراق في نوفمبر الماضي انتهاء الحرب", FRIDAY, "2023-11"),
        ("يعلن العراق في ديسمبر الماضي انتهاء الحرب", dt.date(2018, 3, 1), "2017-12"),
        ("تجري مراجعة التصنيفات في يونيو/ حزيران المقبل", dt.date(2018, 3, 12), "2018-06"),
        ("يعود المنتخب في يناير المقبل", FRIDAY, "2025-01"),
        ("تجرى الانتخابات في مارس/ آذار الجاري", dt.date(2018, 3, 1), "2018-03"),
        ("منذ توليه المنصب في يناير من العام الماضي", dt.date(2018, 3, 11), "2017-01"),
        ("كما ذكرت تقارير في سبتمبر العام الماضي", dt.date(2018, 3, 14), "2017-09"),
    ],
)
def test_months_named_relatively(sentence, day, value):
    d = only(sentence, day)
    assert (d["value"], d["granularity"], d["relative"]) == (value, "month", True)


def test_bare_month_is_a_date_only_after_a_time_word():
    # 'في فبراير' in an article of March 2018 is February 2018; 'منذ ديسمبر' the last December.
    assert found("زاد العجز 54 بالمئة في فبراير إلى", dt.date(2018, 3, 2)) == [
        ("فبراير", "2018-02")
    ]
    assert found("اختفى منذ ديسمبر الكاتب", dt.date(2018, 3, 2)) == [("ديسمبر", "2017-12")]
    assert found("في شهر يونيو تبدأ القيادة", dt.date(2018, 3, 8)) == [("شهر يونيو", "2018-06")]
    # Theresa May, a Yemeni city and a verb are not months.
    assert found("أعلنت رئيسة الوزراء تيريزا ماي أنها", FRIDAY) == []
    assert found("وأغلقت مكاتب المنظمات في إب وتعز", FRIDAY) == []
    assert found("الذي مارس الضغوط على الحكومة", FRIDAY) == []


@pytest.mark.parametrize(
    ("sentence", "day", "value"),
    [
        # the nearest such day to the article date
        ("تنطلق البطولة في 14 يونيو", dt.date(2018, 3, 1), "2018-06-14"),
        ("تبنى المجلس قرارا في 24 شباط/فبراير يطالب", dt.date(2018, 3, 7), "2018-02-24"),
        ("وقع الهجوم في 28 ديسمبر", dt.date(2019, 1, 3), "2018-12-28"),
        ("تبدأ القمة في 2 يناير", dt.date(2018, 12, 20), "2019-01-02"),
        ("احتفلت البلاد في 29 فبراير", dt.date(2025, 1, 10), "2024-02-29"),
        ("قتل الشاب في 22 فبراير الماضي", dt.date(2018, 3, 1), "2018-02-22"),
        ("يقام الحفل يوم 16 مارس المقبل", dt.date(2018, 3, 11), "2018-03-16"),
        ("الانتخابات في الـ18 من الشهر الجاري", dt.date(2018, 3, 11), "2018-03-18"),
        ("في حفل الزفاف في التاسع عشر من مايو", dt.date(2018, 3, 3), "2018-05-19"),
    ],
)
def test_day_and_month_without_year(sentence, day, value):
    d = only(sentence, day)
    assert (d["value"], d["granularity"], d["relative"]) == (value, "day", True)


def test_day_without_year_in_a_future_sentence_is_the_next_one():
    november = dt.date(2018, 11, 20)
    assert found("جرت الانتخابات في 5 مايو وسط", november) == [("5 مايو", "2018-05-05")]
    assert found("ستجرى الانتخابات في 5 مايو وسط", november) == [("5 مايو", "2019-05-05")]
    assert found("سيعود الفريق إلى التدريب في يناير", dt.date(2018, 6, 20)) == [
        ("يناير", "2019-01")
    ]


def test_weekday_next_to_a_day_picks_the_year():
    # 1 November was a Friday in 2024 (not in 2023 or 2025).
    assert found("الجمعة 1 نوفمبر", dt.date(2025, 4, 30)) == [("الجمعة 1 نوفمبر", "2024-11-01")]


def test_day_ranges_give_both_days():
    assert found("يلعب المنتخب وديتين في 23 و27 مارس الحالي", dt.date(2018, 3, 6)) == [
        ("23", "2018-03-23"),
        ("27 مارس الحالي", "2018-03-27"),
    ]


def test_relative_dates_need_an_article_date():
    text = "وقال الوزير الخميس إن الاتفاق الموقع عام 1949 انتهى الشهر الماضي وفي 5 مايو"
    assert found(text, None) == [("عام 1949", "1949")]
    assert [d["relative"] for d in extract_dates(text, FRIDAY)] == [True, False, True, True]


def test_article_date_as_datetime_or_timestamp():
    pd = pytest.importorskip("pandas")
    text = "وقال الوزير الخميس"
    assert found(text, dt.datetime(2024, 11, 1, 15, 30)) == [("الخميس", "2024-10-31")]
    assert found(text, pd.Timestamp("2024-11-01")) == [("الخميس", "2024-10-31")]
    assert found(text, pd.NaT) == []


def test_offsets_survive_tashkeel_tatweel_and_bidi_marks():
    text = "\u200fوقال الوزيرُ يَوْمَ الخَمِيسِ إن الاتفاقَ وُقِّعَ عامَ ١٩٤٩ــ في تشرين\u200e الثاني"
    got = extract_dates(text, FRIDAY)
    assert [(d["surface"], d["value"]) for d in got] == [
        ("يَوْمَ الخَمِيسِ", "2024-10-31"),
        ("عامَ ١٩٤٩ــ", "1949"),
        ("تشرين\u200e الثاني", "2024-11"),  # 'في تشرين الثاني': this November
    ]
    for d in got:
        assert text[d["start"] : d["end"]] == d["surface"]


def test_a_date_does_not_run_across_a_line_break():
    text = "وقع ذلك في نوفمبر\n2024 كان عاما صعبا"
    assert found(text) == [("نوفمبر", "2024-11")]


def test_clitics_stay_outside_the_surface():
    assert found("والخميس أعلن الجيش") == [("الخميس", "2024-10-31")]
    assert found("وبعد الحرب وفي عام 1967 احتلت") == [("عام 1967", "1967")]


def test_empty_and_dateless_text():
    assert extract_dates("", FRIDAY) == []
    assert extract_dates("لا تاريخ هنا على الإطلاق", FRIDAY) == []
