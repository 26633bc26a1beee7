"""A small JSONL corpus for the browser tests of the charts (written on demand).

Forty articles from March to June 2018 that name seventy countries in rotating groups
(so the co-mention heatmap has sixty actors and more), talk about dates in 2018 and
about two distant ones (15 May 1948, January 1800), and come from two sources, one of
them with a Latin name ("Al Arabiya", for mixed-direction metadata).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

COUNTRIES = [
    "روسيا",
    "الصين",
    "فرنسا",
    "ألمانيا",
    "إيران",
    "تركيا",
    "مصر",
    "السعودية",
    "سوريا",
    "العراق",
    "الأردن",
    "لبنان",
    "قطر",
    "الكويت",
    "اليمن",
    "ليبيا",
    "تونس",
    "الجزائر",
    "المغرب",
    "السودان",
    "الهند",
    "باكستان",
    "أفغانستان",
    "اليابان",
    "إيطاليا",
    "إسبانيا",
    "بريطانيا",
    "كندا",
    "البرازيل",
    "الأرجنتين",
    "المكسيك",
    "أستراليا",
    "نيجيريا",
    "إثيوبيا",
    "كينيا",
    "الصومال",
    "موريتانيا",
    "عمان",
    "البحرين",
    "الإمارات",
    "أوكرانيا",
    "بولندا",
    "اليونان",
    "قبرص",
    "السويد",
    "النرويج",
    "الدنمارك",
    "فنلندا",
    "هولندا",
    "بلجيكا",
    "سويسرا",
    "النمسا",
    "البرتغال",
    "إندونيسيا",
    "ماليزيا",
    "تايلاند",
    "فيتنام",
    "الفلبين",
    "بنغلاديش",
    "سريلانكا",
    "نيبال",
    "كوبا",
    "فنزويلا",
    "تشيلي",
    "كولومبيا",
    "بيرو",
]
MONTHS = ("مارس", "أبريل", "مايو", "يونيو")
N_ARTICLES = 40
FIRST_DAY = dt.date(2018, 3, 1)
SOURCES = ("Al Arabiya", "وكالة الأنباء")
DISTANT = ("منذ 15 مايو 1948 لم يتغير شيء في المنطقة.", "وتعود القصة إلى يناير 1800.")


def article(i: int) -> dict:
    day = FIRST_DAY + dt.timedelta(days=3 * i)
    names = [COUNTRIES[(i * 5 + j) % len(COUNTRIES)] for j in range(9)]
    sentences = [
        f"التقى وزير خارجية {names[0]} نظيريه من {names[1]} و{names[2]} في الرياض.",
        f"وبحث مسؤولون من {names[3]} و{names[4]} و{names[5]} مع الولايات المتحدة ملف التجارة.",
        f"وقال متحدث في {day.day} {MONTHS[(day.month - 3) % 4]} 2018 إن {names[6]} "
        f"و{names[7]} و{names[8]} ستوقع اتفاقا.",
    ]
    if i % 10 == 0:
        sentences.append(DISTANT[(i // 10) % 2])
    return {
        "id": f"ui-{i:02d}",
        "date": day.isoformat(),
        "source": SOURCES[i % 2],
        "title": f"مباحثات {names[0]} و{names[1]}",
        "text": " ".join(sentences),
    }


def write_corpus(folder: Path) -> Path:
    """Write the corpus as ``folder/ui_news.jsonl``; returns the file."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ui_news.jsonl"
    lines = [json.dumps(article(i), ensure_ascii=False) for i in range(N_ARTICLES)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
