"""Sentence splitting of Arabic news: the spans every view and count is built on."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.arabic.sentences import split_sentences

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_ca1ffc38c5cd97af.txt"


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def seed_body() -> str:
    raw = SEED.read_text(encoding="utf-8")
    return raw[raw.index("موسكو: ") + len("موسكو: ") :]


def test_seed_article_gives_its_sentences_with_quotes_kept_whole():
    body = seed_body()
    got = sentences(body)
    assert len(got) >= 15
    assert got[0].startswith("أكدت وزيرة الخارجية الكورية الشمالية")
    assert got[0].endswith("في الحرب مع كييف.")
    # The quotation with an ellipsis inside ("الراهن… يتطلب") is one sentence, and it
    # keeps its closing quote and full stop.
    quote = next(s for s in got if s.startswith("وقالت خلال لقاء"))
    assert "الوضع الراهن… يتطلب" in quote
    assert quote.endswith("ترسانتها النووية”.")
    assert (
        "وقالت الوزيرة “نكرر التأكيد أننا نقف على الدوام بجانب رفاقنا الروس حتى يوم النصر”." in got
    )
    assert got[-1] == "(أ ف ب)"


def test_seed_spans_round_trip_in_order_and_trimmed():
    body = seed_body()
    spans = split_sentences(body)
    previous_end = 0
    for s, e in spans:
        assert previous_end <= s < e <= len(body)
        assert body[s:e] == body[s:e].strip()
        previous_end = e
    # Nothing but whitespace is lost between sentences.
    gaps = [body[e:s] for (_, e), (s, _) in zip(spans, spans[1:], strict=False)]
    assert all(not gap.strip() for gap in gaps)


def test_decimals_and_thousands_do_not_end_a_sentence():
    text = "ارتفع التضخم إلى 3.5 في المئة و3,5 في الشهر السابق. وبلغ الدين 1.200.000 دولار."
    assert sentences(text) == [
        "ارتفع التضخم إلى 3.5 في المئة و3,5 في الشهر السابق.",
        "وبلغ الدين 1.200.000 دولار.",
    ]


def test_agency_abbreviations_and_initials():
    text = "قالت الشرطة (أ ف ب) إن الهجوم وقع ليلا. وذكرت أ.ف.ب أن د. محمد علي أصيب. وانتهى الأمر."
    assert sentences(text) == [
        "قالت الشرطة (أ ف ب) إن الهجوم وقع ليلا.",
        "وذكرت أ.ف.ب أن د. محمد علي أصيب.",
        "وانتهى الأمر.",
    ]
    assert sentences("التقى الرئيس بـ Mr. Smith في واشنطن. ثم غادر.") == [
        "التقى الرئيس بـ Mr. Smith في واشنطن.",
        "ثم غادر.",
    ]


def test_year_marker_after_a_number_ends_the_sentence():
    assert sentences("ولد عام 1949 م. وتوفي بعد ذلك.") == ["ولد عام 1949 م.", "وتوفي بعد ذلك."]


def test_question_exclamation_and_arabic_semicolon():
    text = "هل تنتهي الحرب؟ لا أحد يعرف! لكن المفاوضات مستمرة؛ والوسطاء متفائلون"
    assert sentences(text) == [
        "هل تنتهي الحرب؟",
        "لا أحد يعرف!",
        "لكن المفاوضات مستمرة؛",
        "والوسطاء متفائلون",
    ]


def test_quotes_of_every_style_stay_whole():
    for open_, close in (("“", "”"), ("«", "»"), ('"', '"'), ("”", "“")):
        text = f"وقال الوزير {open_}لن نتراجع! سنواصل… حتى النهاية{close} ثم غادر القاعة."
        assert sentences(text) == [text], open_


def test_sentence_ending_inside_a_quote_keeps_the_closing_mark():
    text = "وقال لافروف “أقيمت علاقات وطيدة بين البلدين.” وأضاف أن التعاون سيستمر."
    assert sentences(text) == [
        "وقال لافروف “أقيمت علاقات وطيدة بين البلدين.”",
        "وأضاف أن التعاون سيستمر.",
    ]


def test_unclosed_quote_does_not_swallow_the_paragraph():
    text = "وقال المتحدث “إن الوضع خطير. وأعلنت الحكومة حالة الطوارئ. وأغلقت المدارس."
    assert len(sentences(text)) == 3


def test_a_stray_quote_mark_does_not_glue_a_long_paragraph_together():
    sentence = "وقال المتحدث إن الحكومة ستواصل العمل على تنفيذ الخطة الجديدة للإصلاح. "
    text = '"' + sentence * 12 + 'وأضاف "لا تراجع".'
    assert len(sentences(text)) == 13


def test_line_breaks_end_sentences_and_ellipsis_is_a_pause():
    text = "لأول مرة.. دي كابريو وبيت يتشاركان البطولة\n\nيشترك النجمان في فيلم جديد…  وهو الأول"
    assert sentences(text) == [
        "لأول مرة.. دي كابريو وبيت يتشاركان البطولة",
        "يشترك النجمان في فيلم جديد…  وهو الأول",
    ]


def test_glued_full_stop_between_arabic_words_ends_a_sentence_but_not_a_domain():
    assert sentences("انتهى الاجتماع.وقال المتحدث إن المحادثات ستستأنف") == [
        "انتهى الاجتماع.",
        "وقال المتحدث إن المحادثات ستستأنف",
    ]
    assert len(sentences("نشر موقع العربية.نت التقرير كاملا")) == 1
    assert len(sentences("زوروا موقع alarabiya.net للمزيد")) == 1


def test_list_numbers_and_empty_or_decorative_lines():
    text = "1. رفع العقوبات\n2. وقف إطلاق النار\n\n   \n-----\n"
    assert sentences(text) == ["1. رفع العقوبات", "2. وقف إطلاق النار"]
    assert split_sentences("") == []
    assert split_sentences(" \n\u200f\n ") == []


# Text made of the pieces that trip splitters: quotes, dots, marks, agency tags.
_ARABIC_NEWSY = st.lists(
    st.sampled_from(
        list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإةى ًٌٍَُِّْـ0123456789٠١٢.!?؟؛،…\"“”«»()'\n\t ")
        + ["\u200f", "\u00a0", "أ ف ب", "د.", "3.5", "وقال", " م.", "\r\n"]
    ),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), _ARABIC_NEWSY))
def test_spans_are_ordered_trimmed_non_overlapping_on_any_text(text):
    spans = split_sentences(text)
    previous_end = 0
    for s, e in spans:
        assert isinstance(s, int) and isinstance(e, int)
        assert previous_end <= s < e <= len(text)
        sentence = text[s:e]
        assert sentence == sentence.strip()
        assert any(ch.isalnum() for ch in sentence)
        previous_end = e
    # Every letter and digit of the text is in some sentence.
    covered = sum(ch.isalnum() for s, e in spans for ch in text[s:e])
    assert covered == sum(ch.isalnum() for ch in text)


def test_hard_wrapped_paragraphs_give_the_same_sentences_as_unwrapped_ones():
    """Text broken at a fixed width (e-mail, some archives): a line break inside a
    sentence does not end it, so counts and co-mentions see whole sentences."""
    import textwrap

    body = seed_body()
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    for width in (60, 72, 100):
        wrapped = "\n\n".join(textwrap.fill(p, width) for p in paragraphs)
        assert "\n" in wrapped.replace("\n\n", "")  # the paragraphs really are wrapped
        got = [s.replace("\n", " ") for s in sentences(wrapped)]
        assert got == sentences("\n\n".join(paragraphs)), width


def test_short_lines_headlines_and_paragraph_lines_still_end_sentences():
    headline_and_lines = "روسيا تستقبل وزيرة الخارجية\nموسكو - أ ف ب\nالجمعة 1 نوفمبر"
    assert len(sentences(headline_and_lines)) == 3
    # Long lines that end in a full stop are paragraphs, one sentence each at least.
    news = "\n".join(
        f"وقال المتحدث باسم الوزارة في المؤتمر الصحافي رقم {i} إن المحادثات مستمرة."
        for i in range(5)
    )
    assert len(sentences(news)) == 5
    # A fixed-width list with a blank line between its items stays item by item.
    items = "\n\n".join("بند طويل يملأ السطر كله تقريبا دون أي علامة ترقيم" for _ in range(4))
    assert len(sentences(items)) == 4
