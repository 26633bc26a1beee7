"""Every string the dashboard shows, in Arabic and English, in one table.

``t(key, lang, **values)`` returns the text of ``key`` in ``lang`` ("ar" or "en"),
formatted with ``values``; an unknown language falls back to Arabic, an unknown
key raises ``KeyError`` (a typo must fail the tests, not show a blank).

The table sits at the bottom of the layers (it imports nothing) because the charts
(``dashboard.charts``) and the analysis's labels (``dashboard.analysis.labels``), below
the UI, name things in the user's language too; ``dashboard.ui.i18n`` adds what only
the interface needs.
"""

from __future__ import annotations

LANGS = ("ar", "en")
DEFAULT_LANG = "ar"

STRINGS: dict[str, tuple[str, str]] = {
    # key: (Arabic, English)
    "app_title": ("مستكشف الأخبار العربية", "Arabic News Explorer"),
    "app_tagline": (
        "من في الأخبار، ومع من، ومتى، وماذا يقال",
        "Who is in the news, with whom, when, and what is said",
    ),
    # pages
    "page_overview": ("نظرة عامة", "Overview"),
    "page_actors": ("الفاعلون", "Actors"),
    "page_comentions": ("الذكر المشترك", "Co-mentions"),
    "page_words": ("الكلمات", "Words"),
    "page_timeline": ("الخط الزمني", "Timeline"),
    "page_sentences": ("الجمل", "Sentences"),
    "help_overview": (
        "أرقام المجموعة وأكثر الفاعلين ذكرا وتطور الذكر عبر الزمن",
        "Corpus numbers, the most mentioned actors and mentions over time",
    ),
    "help_actors": (
        "تكرار الفاعلين حسب النوع؛ اختر صفوفا لتصفية كل الصفحات",
        "Actor frequency by kind; pick rows to filter every page",
    ),
    "help_comentions": (
        "خريطة حرارية لمن يذكر مع من، والجمل التي تجمع زوجا",
        "Heatmap of who is mentioned with whom, and the sentences of a pair",
    ),
    "help_words": ("أكثر الكلمات تكرارا وسحابة الكلمات", "Top terms and the word cloud"),
    "help_timeline": (
        "الذكر والمقالات عبر الزمن والتواريخ المذكورة في النصوص",
        "Mentions and articles over time, and the dates the texts talk about",
    ),
    "help_sentences": (
        "الجمل مع إبراز الفاعلين والبحث فيها",
        "The sentences with actors highlighted, searchable",
    ),
    "page_actor": ("ملف فاعل", "Actor profile"),
    "page_compare": ("مقارنة فاعلين", "Compare two actors"),
    "help_actor": (
        "فاعل واحد: ذكره عبر الزمن، ومن يذكر معه، وما قاله، وكلماته، والتواريخ التي يتحدث عنها",
        "One actor: mentions over time, who is named with them, what they said, their words "
        "and the dates they talk about",
    ),
    "help_compare": (
        "فاعلان جنبا إلى جنب: الكلمات التي تميز كلا منهما، وخطاهما الزمنيان، ومن يذكر معهما، وما قالاه",
        "Two actors side by side: the words setting each apart, their timelines, who is named "
        "with both, and what they said",
    ),
    # sidebar / filter
    "filter_header": ("التصفية", "Filter"),
    "filter_actors": ("الفاعلون", "Actors"),
    "filter_actors_placeholder": ("ابحث عن فاعل…", "Search an actor…"),
    "filter_actor_search": ("ابحث في كل الفاعلين", "Find any actor"),
    "filter_kinds": ("نوع الفاعل", "Actor kind"),
    "choose": ("اختر…", "Choose…"),
    "filter_sources": ("المصدر", "Source"),
    "filter_dates": ("الفترة", "Date range"),
    "filter_clear": ("مسح التصفية", "Clear filter"),
    "language": ("اللغة", "Language"),
    "lang_ar": ("العربية", "العربية"),
    "lang_en": ("English", "English"),
    "kind_PER": ("أشخاص", "People"),
    # The gazetteers file cities under GPE (political entities), as ANERcorp does.
    "kind_GPE": ("دول ومدن", "Countries & cities"),
    "kind_LOC": ("أماكن", "Places"),
    "kind_ORG": ("منظمات", "Organisations"),
    "kind_other": ("غير ذلك", "Other"),
    "share_header": ("مشاركة هذا العرض", "Share this view"),
    "share_help": (
        "انسخ الرابط: يفتح الصفحة نفسها بالتصفية نفسها",
        "Copy the link: it opens this page with this filter",
    ),
    # corpus / upload
    "corpus_header": ("المجموعة", "Corpus"),
    "corpus_default": ("المجموعة الافتراضية: {name}", "Default corpus: {name}"),
    "corpus_uploaded": ("عدد الملفات المرفوعة: {n}", "Uploaded files: {n}"),
    "corpus_store": ("مخزن منشور (للقراءة فقط): {name}", "Published store (read-only): {name}"),
    # DASHBOARD_STORE and DASHBOARD_CORPUS both set: the store is shown
    "notice_store_wins": (
        "يعرض الخادم المخزن {store} (DASHBOARD_STORE)، وأهمل DASHBOARD_CORPUS ({source})",
        "The server shows the store {store} (DASHBOARD_STORE); DASHBOARD_CORPUS ({source})"
        " is ignored",
    ),
    "corpus_fingerprint": ("البصمة: {fp}", "Fingerprint: {fp}"),
    "upload_label": ("ارفع مقالات ({types})", "Upload articles ({types})"),
    "list_sep": ("، ", ", "),
    "upload_browse": ("اختر ملفات", "Choose files"),
    "upload_hint": (
        "أو اسحبها إلى هنا · حتى {mb} ميغابايت · {types}",
        "or drop them here · up to {mb} MB · {types}",
    ),
    "status_stop": ("إيقاف", "Stop"),
    "status_running": ("جار العمل…", "Running…"),
    "upload_reset": ("العودة إلى المجموعة الافتراضية", "Back to the default corpus"),
    "upload_limit": (
        "ملفات حتى {mb} ميغابايت (للملف الواحد وللملفات معًا)",
        "Files up to {mb} MB (each, and all files together)",
    ),
    "upload_too_big": (
        "الملفات أكبر من الحد ({mb} ميغابايت)",
        "The files are larger than the limit ({mb} MB)",
    ),
    "loading": ("جار تحميل المقالات وتحليلها…", "Reading and analysing the articles…"),
    "stage_reading": ("قراءة الملفات", "Reading the files"),
    "stage_analysing": ("تحليل المقالات", "Analysing the articles"),
    "stage_linking": ("ربط الفاعلين", "Linking the actors"),
    "stage_saving": ("حفظ النتائج", "Saving the results"),
    "stage_done": ("اكتمل التحميل", "Loaded"),
    "count_files": ("{done} من {total} ملف", "{done} of {total} files"),
    "count_articles": ("{done} من {total} مقالة", "{done} of {total} articles"),
    "count_steps": ("{done} من {total}", "{done} of {total}"),
    "rate_files": ("{rate} ملف في الثانية", "{rate} files a second"),
    "rate_articles": ("{rate} مقالة في الثانية", "{rate} articles a second"),
    "rate_steps": ("{rate} في الثانية", "{rate} a second"),
    "time_left": ("الوقت المتبقي {time}", "{time} left"),
    "load_failed": ("تعذر تحميل المجموعة: {error}", "Could not load the corpus: {error}"),
    # a query needed more memory than DuckDB may use (a large store, a small limit)
    "query_memory": (
        "تحتاج هذه الصفحة إلى ذاكرة أكثر مما يُسمح به للاستعلامات ({limit}). "
        "ارفع DASHBOARD_DUCKDB_MEMORY (مثلًا 512MB) لمجموعة بهذا الحجم.",
        "This page needs more memory than queries may use ({limit}). "
        "Raise DASHBOARD_DUCKDB_MEMORY (e.g. 512MB) for a corpus of this size.",
    ),
    "skipped_header": ("ما لم يحمل ({n})", "Not loaded ({n})"),
    "skipped_item": ("العنصر", "Item"),
    "skipped_reason": ("السبب", "Reason"),
    "empty_corpus": (
        "لا توجد مقالات في هذه المجموعة.",
        "There are no articles in this corpus.",
    ),
    "empty_view": (
        "لا شيء يطابق هذه التصفية.",
        "Nothing matches this filter.",
    ),
    # URL notices
    "notice_bad_actor": ("فاعل غير معروف في الرابط: {value}", "Unknown actor in the link: {value}"),
    "notice_bad_kind": ("نوع غير معروف في الرابط: {value}", "Unknown kind in the link: {value}"),
    "notice_bad_source": (
        "مصدر غير معروف في الرابط: {value}",
        "Unknown source in the link: {value}",
    ),
    "notice_bad_date": ("تاريخ غير صالح في الرابط: {value}", "Invalid date in the link: {value}"),
    "notice_date_order": (
        "بداية الفترة بعد نهايتها في الرابط؛ أهملت الفترة",
        "The link's start date is after its end date; the date range was dropped",
    ),
    "notice_bad_option": (
        "قيمة غير صالحة في الرابط: {name}={value}",
        "Invalid value in the link: {name}={value}",
    ),
    "notice_bad_lang": (
        "لغة غير معروفة في الرابط: {value}",
        "Unknown language in the link: {value}",
    ),
    "notice_other_corpus": (
        "هذا الرابط صنع لمجموعة أخرى (البصمة {link}) والمعروض الآن المجموعة {current}",
        "This link was made for another corpus (fingerprint {link}); showing corpus {current}",
    ),
    "notice_header": ("أهملت قيم من الرابط", "Some values in the link were dropped"),
    # a link to another generation of the same store (not a dropped value: shown alone)
    "notice_newer_data": (
        "صنع هذا الرابط على إصدار أقدم من هذه المجموعة (الإصدار {link})، والمعروض الآن بيانات أحدث"
        " (الإصدار {current})؛ قد تختلف الأرقام عما رآه صاحب الرابط",
        "This link was made on an older version of this corpus (version {link}); it now shows newer"
        " data (version {current}), so the numbers may differ from what the link's author saw",
    ),
    "notice_link_newer": (
        "صنع هذا الرابط على إصدار أحدث من هذه المجموعة (الإصدار {link}) مما يعرضه هذا الخادم"
        " (الإصدار {current})؛ قد تنقص بعض المقالات",
        "This link was made on a newer version of this corpus (version {link}) than this server"
        " shows (version {current}); some articles may be missing",
    ),
    # metrics
    "m_articles": ("المقالات", "Articles"),
    "m_sentences": ("الجمل", "Sentences"),
    "m_actors": ("الفاعلون", "Actors"),
    "m_mentions": ("مرات الذكر", "Mentions"),
    "m_span": ("الفترة", "Date span"),
    "m_span_none": ("بلا تاريخ", "No dates"),
    "m_sources": ("المصادر", "Sources"),
    "m_undated": ("مقالات بلا تاريخ", "Undated articles"),
    "m_duplicates": ("مكرر مستبعد: {n}", "Duplicates left out: {n}"),
    # overview
    "scope_actors": (
        "مع التصفية بالفاعلين: المقالات هي التي تذكرهم، والجمل هي الجمل التي تذكرهم فقط، "
        "أما الفاعلون ومرات الذكر فتشمل كل ما في تلك المقالات.",
        "With actors in the filter: the articles are those naming them and the sentences "
        "only those naming them, while actors and mentions count everything in those articles.",
    ),
    "scope_kinds": (
        "نوع الفاعل يقيد الفاعلين ومرات الذكر فقط، لا المقالات ولا الجمل.",
        "The actor kind restricts actors and mentions only, not articles or sentences.",
    ),
    "top_actors": ("أكثر الفاعلين ذكرا", "Most mentioned actors"),
    "mentions_over_time": ("الذكر عبر الزمن", "Mentions over time"),
    "top_n": ("عدد الفاعلين", "Number of actors"),
    "top_words": ("عدد الكلمات", "Number of words"),
    # actors page
    "actors_by_kind": ("الفاعلون حسب النوع", "Actors by kind"),
    "actors_table": ("جدول الفاعلين", "Actor table"),
    "actors_table_help": (
        "اختر صفا أو أكثر لتصفية كل الصفحات بهؤلاء الفاعلين",
        "Select one or more rows to filter every page by those actors",
    ),
    "actors_table_capped": (
        "أكثر {n} فاعلا ذكرا من {total}؛ ابحث عن غيرهم في خانة البحث في الشريط الجانبي",
        "The {n} most mentioned of {total} actors; find the others with the sidebar's search",
    ),
    "col_name_ar": ("الاسم", "Arabic name"),
    "col_name_en": ("الاسم بالإنجليزية", "English name"),
    "col_kind": ("النوع", "Kind"),
    "col_mentions": ("مرات الذكر", "Mentions"),
    "col_articles": ("المقالات", "Articles"),
    "col_country": ("البلد", "Country"),
    "col_first_seen": ("أول ظهور", "First seen"),
    "col_last_seen": ("آخر ظهور", "Last seen"),
    # co-mentions
    "window": ("النافذة", "Window"),
    "window_sentence": ("الجملة", "Sentence"),
    "window_article": ("المقالة", "Article"),
    "measure": ("المقياس", "Measure"),
    "measure_count": ("العدد", "Count"),
    "measure_jaccard": ("جاكار", "Jaccard"),
    "measure_pmi": ("PMI", "PMI"),
    "order": ("الترتيب", "Order"),
    "order_frequency": ("حسب التكرار", "By frequency"),
    "order_cluster": ("حسب التجمع", "Clustered"),
    "pair_header": ("الجمل التي تجمع اثنين", "Sentences naming both"),
    "pair_a": ("الفاعل الأول", "First actor"),
    "pair_b": ("الفاعل الثاني", "Second actor"),
    "pair_none": ("اختر فاعلين أو انقر خانة في الخريطة", "Pick two actors or click a cell"),
    "pair_empty": ("لا جمل تجمع هذين الفاعلين", "No sentence names both actors"),
    "pair_same": ("اختر فاعلين مختلفين", "Pick two different actors"),
    "comention_few": (
        "يلزم فاعلان على الأقل للخريطة",
        "At least two actors are needed for the heatmap",
    ),
    # words
    "names": ("أسماء الفاعلين", "Actor names"),
    "names_merge": ("كل اسم كلمة واحدة", "Each name one term"),
    "names_omit": ("خارج الكلمات", "Left out"),
    "names_help": (
        "الولايات المتحدة تعد كلمة واحدة، أو تترك أسماء الفاعلين خارج الكلمات والسحابة",
        "الولايات المتحدة counts as one term, or actor names are left out of the words and the cloud",
    ),
    "top_terms": ("أكثر الكلمات تكرارا", "Top terms"),
    "word_cloud": ("سحابة الكلمات", "Word cloud"),
    "download_png": ("تنزيل الصورة (PNG)", "Download image (PNG)"),
    "no_terms": ("لا كلمات لهذه التصفية", "No words for this filter"),
    # timeline
    "granularity": ("الوحدة", "Unit"),
    "unit_day": ("يوم", "Day"),
    "unit_week": ("أسبوع", "Week"),
    "unit_month": ("شهر", "Month"),
    "articles_over_time": ("المقالات حسب يوم النشر", "Articles per publication day"),
    "referenced_dates": ("التواريخ المذكورة في النصوص", "Dates the articles talk about"),
    "refs_outlying": (
        "تواريخ بعيدة عن تواريخ النشر لا يظهرها المحور — عدد التواريخ: {values}، "
        "عدد الإشارات إليها: {n}",
        "Dates far from the publication dates, left off the axis — dates: {values}, "
        "references to them: {n}",
    ),
    "refs_outlying_list": ("التواريخ البعيدة", "The distant dates"),
    "refs_value": ("التاريخ", "Date"),
    "timeline_pick": (
        "اختر فاعلين في التصفية لرؤية خط لكل منهم؛ يعرض الآن الأكثر ذكرا",
        "Pick actors in the filter for one line each; showing the most mentioned",
    ),
    # sentences
    "search": ("بحث في الجمل", "Search the sentences"),
    "search_help": (
        "يطابق الشكل الموحد: أ/إ/آ=ا، ة=ه، ى=ي، بلا تشكيل",
        "Matches the normalised form: أ/إ/آ=ا, ة=ه, ى=ي, no diacritics",
    ),
    "n_sentences": ("{n} جملة", "{n} sentences"),
    "no_sentences": ("لا جمل", "No sentences"),
    "no_date": ("بلا تاريخ", "no date"),
    # export
    "export_header": ("تصدير", "Export"),
    "export_csv": ("تنزيل {name} (CSV)", "Download {name} (CSV)"),
    "export_html": ("تنزيل الرسم (HTML)", "Download chart (HTML)"),
    "frame_articles": ("المقالات", "articles"),
    "frame_sentences": ("الجمل", "sentences"),
    "frame_mentions": ("الذكر", "mentions"),
    "frame_dates": ("التواريخ", "dates"),
    # charts (dashboard/charts/figures.py)
    "fig_no_data": ("لا توجد بيانات لهذا الاختيار", "No data for this selection"),
    "fig_mentions": ("مرات الذكر", "Mentions"),
    "fig_articles": ("المقالات", "Articles"),
    "fig_n_articles": ("مقالة", "articles"),
    "fig_together": ("معًا", "together"),
    "fig_windows": ("نوافذه", "windows"),
    "fig_all_windows": ("كل نوافذه", "all its windows"),
    "fig_jaccard": ("جاكار", "Jaccard"),
    "fig_pmi": ("PMI", "PMI"),
    "fig_measure_count": ("عدد المرات معًا", "Co-mentions"),
    "fig_measure_jaccard": ("معامل جاكار", "Jaccard"),
    "fig_measure_pmi": ("PMI", "PMI"),
    "fig_unknown_source": ("غير معروف", "unknown"),
    "fig_articles_published": ("المقالات المنشورة", "Articles published"),
    "fig_references": ("الإشارات إلى التاريخ", "References to the date"),
    # the profile and compare charts (issue 15)
    "fig_score_z": ("الدرجة (z)", "Score (z)"),
    "fig_in_own": ("في جمله", "in its sentences"),
    "fig_in_other": ("في الجمل الأخرى", "in the other sentences"),
    # the actor and compare pages (issue 15)
    "actors_bar_help": ("انقر عمودا لفتح ملف الفاعل", "Click a bar to open that actor's profile"),
    "profile_pick": ("الفاعل", "Actor"),
    "profile_none": (
        "اختر فاعلا، أو انقر فاعلا في صفحة الفاعلين",
        "Pick an actor, or click one on the Actors page",
    ),
    "profile_filter_note": (
        "تطبق هنا الفترة والمصادر والأنواع من التصفية، أما الفاعلون المختارون فيحل محلهم فاعل هذه الصفحة",
        "The filter's dates, sources and kinds apply here; this page's actor takes the place "
        "of the chosen actors",
    ),
    "profile_quotes": ("التصريحات", "Statements"),
    "profile_timeline": ("الذكر عبر الزمن حسب المصدر", "Mentions over time by source"),
    "profile_partners": ("من يذكر معه", "Named with them"),
    "profile_no_partners": ("لا فاعل يذكر معه", "No actor is named with them"),
    "profile_partners_help": (
        "في الجمل نفسها، مرتبين حسب PMI (ما يجمعهما أكثر مما تتوقعه الصدفة)؛ الأزواج التي "
        "تجتمع أقل من {n} مرات تأتي في الآخر بلا PMI. انقر صفا لفتح ملفه",
        "In the same sentences, ranked by PMI (together more than chance would have it); "
        "pairs seen together fewer than {n} times come last, without PMI. Click a row to "
        "open that profile",
    ),
    "col_together": ("معا", "Together"),
    "col_pmi": ("PMI", "PMI"),
    "profile_words": ("الكلمات المميزة", "Distinctive words"),
    "profile_words_help": (
        "كلمات الجمل التي تذكره مقابل بقية الجمل المصفاة: لوغاريتم نسبة الأرجحية الموزون "
        "مع توزيع ديريشليه مسبق (Monroe وآخرون 2008)، والدرجة z على المحور",
        "Words of the sentences naming them against the rest of the filtered sentences: "
        "weighted log-odds with an informative Dirichlet prior (Monroe et al. 2008), the "
        "z-score on the axis",
    ),
    "profile_said": ("ما قاله، الأحدث أولا", "What they said, newest first"),
    "profile_dates": ("التواريخ التي تتحدث عنها جمله", "Dates their sentences talk about"),
    "quotes_none": ("لا تصريح له في التصفية", "No statement of theirs in the filter"),
    "quotes_shown": ("{n} من {total} تصريحا", "{n} of {total} statements"),
    "quote_direct": ("قول مباشر", "direct"),
    "quote_indirect": ("قول منقول", "reported"),
    "quote_unknown": ("متحدث غير معروف", "unknown speaker"),
    "compare_none": ("اختر فاعلين للمقارنة", "Pick two actors to compare"),
    "compare_words": ("الكلمات التي تميز كلا منهما", "The words setting each apart"),
    "compare_words_help": (
        "كلمات الجمل التي تذكر أحدهما مقابل جمل الآخر (لوغاريتم نسبة الأرجحية الموزون)",
        "Words of the sentences naming one against the other's (weighted log-odds)",
    ),
    "compare_timeline": ("الذكر عبر الزمن", "Mentions over time"),
    "compare_shared": ("من يذكر مع كليهما", "Named with both"),
    "compare_no_shared": ("لا فاعل يذكر مع كليهما", "No actor is named with both"),
    "compare_shared_help": (
        "عدد الجمل التي تجمع كل فاعل بكل منهما. انقر صفا لفتح ملفه",
        "Sentences shared with each of them. Click a row to open that profile",
    ),
    "compare_said": ("ما قالاه", "What they said"),
    # what a referenced date names, in the timeline's legend
    "gran_day": ("يوم محدد", "A day"),
    "gran_week": ("أسبوع", "A week"),
    "gran_month": ("شهر", "A month"),
    "gran_season": ("فصل", "A season"),
    "gran_quarter": ("ربع سنة", "A quarter"),
    "gran_year": ("سنة", "A year"),
    "gran_decade": ("عقد", "A decade"),
    # month names on time axes (Arabic: the names most Arabic news sites use)
    "month_1": ("يناير", "Jan"),
    "month_2": ("فبراير", "Feb"),
    "month_3": ("مارس", "Mar"),
    "month_4": ("أبريل", "Apr"),
    "month_5": ("مايو", "May"),
    "month_6": ("يونيو", "Jun"),
    "month_7": ("يوليو", "Jul"),
    "month_8": ("أغسطس", "Aug"),
    "month_9": ("سبتمبر", "Sep"),
    "month_10": ("أكتوبر", "Oct"),
    "month_11": ("نوفمبر", "Nov"),
    "month_12": ("ديسمبر", "Dec"),
    "fig_times": ("المرات", "count"),
    "fig_count": ("عدد المرات", "Count"),
}


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The text of ``key`` in ``lang`` (Arabic if the language is unknown), formatted."""
    ar, en = STRINGS[key]
    text = en if lang == "en" else ar
    return text.format(**values) if values else text
