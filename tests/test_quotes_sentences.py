"""The quote extractor on short real sentences from other outlets (2018 wire copy).

Each case is a few real lines of one article, with its actors marked by hand (so that the
test checks the extractor, not the recogniser). Sources: BBC Arabic, Al Arabiya, France 24
Arabic and CNN Arabic (see NOTICE).
"""

from __future__ import annotations

import re

import pytest

from dashboard.arabic.sentences import split_sentences
from dashboard.quotes import ActorInfo, Mention, extract_quotes
from dashboard.quotes.text import find_quotations

# surface -> (actor id, kind, canonical Arabic name)
ACTORS = {
    "تيريزا ماي": ("per-theresa-may", "PER", "تيريزا ماي"),
    "البريطانية": ("gpe-united-kingdom", "GPE", "المملكة المتحدة"),
    "السوري": ("gpe-syria", "GPE", "سوريا"),
    "رومانا روك": ("per-romana-rock", "PER", "رومانا روك"),
    "برن": ("gpe-bern", "GPE", "برن"),
    "ترامب": ("per-donald-trump", "PER", "دونالد ترامب"),
    "بوكيتينو": ("per-mauricio-pochettino", "PER", "ماوريسيو بوكيتينو"),
    "هاري كين": ("per-harry-kane", "PER", "هاري كين"),
    "الإيرانية": ("gpe-iran", "GPE", "إيران"),
    "بهرام قاسمي": ("per-bahram-qasemi", "PER", "بهرام قاسمي"),
    "محمد بن سلمان": ("per-mohammed-bin-salman", "PER", "محمد بن سلمان"),
    "السعودي": ("gpe-saudi-arabia", "GPE", "السعودية"),
    "السودان": ("gpe-sudan", "GPE", "السودان"),
    "كوريا الشمالية": ("gpe-north-korea", "GPE", "كوريا الشمالية"),
    "سوريون": ("gpe-syria", "GPE", "سوريا"),
    "حماة": ("gpe-hama", "GPE", "حماة"),
    "لافروف": ("per-sergey-lavrov", "PER", "سيرغي لافروف"),
    "دوما": ("gpe-douma", "GPE", "دوما"),
}


def extract(*lines: str):
    """(text, rows) of the lines as one article, with every listed actor marked."""
    text = "\n".join(lines)
    sentences = [(i, s, e) for i, (s, e) in enumerate(split_sentences(text))]
    taken: list[tuple[int, int]] = []
    mentions = []
    for surface in sorted(ACTORS, key=len, reverse=True):
        actor_id, kind, _ = ACTORS[surface]
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                taken.append(m.span())
                mentions.append(Mention(m.start(), m.end(), actor_id, kind))
    actors = {a: ActorInfo(k, name=n) for a, k, n in ACTORS.values()}
    return text, extract_quotes("case", text, sentences, mentions, actors)


def said(text: str, row: dict) -> str:
    return text[row["start"] : row["end"]]


# BBC Arabic, 14 April 2018 (Theresa May on the strikes in Syria).
MAY = (
    'وقالت رئيسة الوزراء البريطانية، تيريزا ماي، إنه "لم يكن هناك بديل مناسب لاستخدام القوة"'
    " لردع النظام السوري عن استخدام الأسلحة الكيماوية.",
    'وأضافت أن الضربات ليس لها علاقة "بتغيير النظام".',
    'وأضافت: "سلكنا كل قناة دبلوماسية ممكنة لتحقيق ذلك."',
)


def test_indirect_then_implicit_feminine_subject():
    text, rows = extract(*MAY)
    assert [r["verb"] for r in rows] == ["وقالت", "وأضافت", "وأضافت"]
    assert [r["speaker"] for r in rows] == ["per-theresa-may"] * 3
    first, second, third = rows
    assert (
        first["how"] == "subject"
        and text[first["speaker_start"] : first["speaker_end"]] == "تيريزا ماي"
    )
    assert not first["direct"]  # only part of it is quoted
    assert said(text, first).startswith("لم يكن هناك") and said(text, first).endswith("الكيماوية")
    assert second["how"] == "implicit" and second["speaker_start"] is None
    assert said(text, second) == 'الضربات ليس لها علاقة "بتغيير النظام"'
    assert third["direct"] and said(text, third) == "سلكنا كل قناة دبلوماسية ممكنة لتحقيق ذلك"


# Al Arabiya, 3 March 2018 (a bomb alert in a church in Bern).
BERN = (
    'وأضافت رومانا روك المتحدثة باسم شرطة برن أنه "بحسب المعطيات الأولية، فإن الأمر يتعلق بشخص'
    ' أفغاني" وقد تم احتجازه في حين سمح لباقي الـشخاص الذين كانوا في الكنيسة بالمغادرة.',
    "وأضافت المتحدثة أنه لم يحدث أي انفجار وليس هناك أي إصابات.",
)


def test_a_role_noun_names_the_spokeswoman_named_before():
    text, rows = extract(*BERN)
    assert [r["speaker"] for r in rows] == ["per-romana-rock", "per-romana-rock"]
    role = rows[1]
    assert role["how"] == "role"
    assert text[role["speaker_start"] : role["speaker_end"]] == "المتحدثة"
    assert said(text, role) == "لم يحدث أي انفجار وليس هناك أي إصابات"


# France 24 Arabic, 1 June 2018 (Trump after meeting Kim Yong Chol).
TRUMP = (
    'وأوضح ترامب أيضا "لم أقل أبدا إن الأمور ستحل في اجتماع واحد. إننا نتحدث عن أعوام من العداء'
    ' والمشاكل"، لكنه استطرد "في النهاية سيكون هناك مخرج إيجابي جدا".',
)


def test_a_direct_quote_runs_over_two_sentences():
    text, rows = extract(*TRUMP)
    assert [r["verb"] for r in rows] == ["وأوضح", "استطرد"]  # not أقل inside the quote
    first, second = rows
    assert first["direct"] and first["speaker"] == "per-donald-trump"
    assert said(text, first) == (
        "لم أقل أبدا إن الأمور ستحل في اجتماع واحد. إننا نتحدث عن أعوام من العداء والمشاكل"
    )
    assert second["speaker"] == "per-donald-trump" and second["how"] == "implicit"


# Al Arabiya, 12 April 2018 (Pochettino on Harry Kane's goal).
POCHETTINO = (
    "وقال بوكيتينو في مؤتمر صحفي يوم الخميس: بالطبع قال هاري كين أنه لمس الكرة بكتفه الأيمن."
    " وهاري صادق للغاية ولن يكذب حول هذا الموقف.",
)


def test_a_statement_quoted_inside_another_is_its_child():
    text, rows = extract(*POCHETTINO)
    outer, inner = rows
    assert outer["speaker"] == "per-mauricio-pochettino" and outer["direct"]
    assert said(text, outer).endswith("ولن يكذب حول هذا الموقف")  # a colon quote: its paragraph
    assert inner["parent_id"] == outer["quote_id"] and outer["parent_id"] is None
    assert inner["speaker"] == "per-harry-kane" and inner["how"] == "subject"
    assert said(text, inner) == "لمس الكرة بكتفه الأيمن"


# CNN Arabic, 6 April 2018 (Iran's foreign ministry on Mohammed bin Salman).
QASEMI = (
    "ورد المتحدث باسم الخارجية الإيرانية بهرام قاسمي على تصريحات الأمير محمد بن سلمان، قائلا إن"
    ' "شغف ولي العهد السعودي بالسلطة قد تخطى حدوده ليتحول إلى مرض مزمن يصعب علاجه"، وفقا لما'
    " نقلته وكالة الأنباء الإيرانية الرسمية (إرنا).",
)


def test_a_participle_speaks_for_the_sentence_subject_not_the_object():
    text, rows = extract(*QASEMI)
    [row] = rows
    assert row["verb"] == "قائلا"
    assert row["speaker"] == "per-bahram-qasemi" and row["how"] == "implicit"
    assert row["direct"]  # the whole clause is one quotation; the attribution after is not
    assert said(text, row).startswith("شغف ولي العهد") and said(text, row).endswith("يصعب علاجه")


@pytest.mark.parametrize(
    ("line", "speaker", "how"),
    [
        # Al Arabiya, 15 June 2018: a country speaks.
        (
            "وقال السودان الشهر الماضي إنه قطع جميع علاقاته العسكرية مع كوريا الشمالية، في إقرار"
            " نادر بوجود مثل تلك الروابط.",
            "gpe-sudan",
            "subject",
        ),
        # CNN Arabic, 25 March 2018: activists nobody names.
        (
            "قال نشطاء سوريون، إن 57 حافلة تقل أكثر من 3000 شخص منهم مدنيون وآخرون من مقاتلي"
            " المعارضة، غادرت منطقة الغوطة الشرقية إلى حماة، في رحلة استغرقت 36 ساعة.",
            None,
            "unnamed",
        ),
    ],
)
def test_countries_speak_and_unnamed_groups_get_no_actor(line, speaker, how):
    _, rows = extract(line)
    [row] = rows
    assert row["speaker"] == speaker and row["how"] == how


@pytest.mark.parametrize(
    "line",
    [
        # Al Arabiya, 3 March 2018: a fact attributed with بحسب, no reporting verb.
        'وبحسب الشرطة فإن "الأجسام المشبوهة" كان يحملها الأفغاني داخل الكنيسة.',
        # BBC Arabic, 20 April 2018: a reporting verb with a noun phrase, no content.
        "و نفى لافروف أي تدخل أو تلاعب بالأدلة في موقع الهجوم الكيمياوي المزعوم في دوما، بالغوطة"
        " الشرقية بالقرب من دمشق، والذي كان سببا في هجوم أمريكي بريطاني فرنسي مشترك على منشآت سورية.",
    ],
)
def test_what_is_no_reported_statement(line):
    _, rows = extract(line)
    assert rows == []


@pytest.mark.parametrize(
    "text",
    [
        "حذر المدرب من أن",  # the opener ends the text
        'وقال "نعم، سنواصل العمل حتى النهاية',  # a quotation never closed
        '"لقد وعدت"، لولا أنني وجدت المفهوم الحقيقي للصحافة.',  # a verb ending a quotation
        'وأضاف أن "الصفقة تعكس الثقة" وقال "إنها خطوة مهمة جدا للبلدين"',
        "",
        "قال",
    ],
)
def test_odd_texts_give_well_formed_rows(text):
    sentences = [(i, s, e) for i, (s, e) in enumerate(split_sentences(text))]
    for row in extract_quotes("odd", text, sentences, []):
        assert text[row["verb_start"] : row["verb_end"]] == row["verb"]
        assert 0 <= row["start"] < row["end"] <= len(text)
        assert row["speaker"] is None


def test_a_quotation_left_open_ends_with_its_paragraph_and_later_ones_are_still_found():
    # The seed's lines, the first quotation's closing mark and the last one's dropped.
    text = (
        "وقالت الوزيرة “نكرر التأكيد أننا نقف على الدوام بجانب رفاقنا الروس\n\n"
        'وأضافت «حتى يوم النصر» ثم قالت "لن نغير مسار'
    )
    first, second, third = text.index("“"), text.index("«"), text.index('"')
    assert [(q.open, q.close, q.closed) for q in find_quotations(text)] == [
        (first, text.index("\n"), False),
        (second, text.index("»"), True),
        (third, len(text), False),
    ]
