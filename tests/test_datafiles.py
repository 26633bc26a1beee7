"""The one loader of data files: comments, tables and clear errors for malformed files."""

from __future__ import annotations

import pytest

from dashboard.datafiles import DataFileError, read_lines, read_table, read_words


def test_lists_skip_comments_and_blank_lines(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("# a comment\n\nفي  من\n   # indented comment\nعلى\n", encoding="utf-8")
    assert read_lines(path) == ["في  من", "على"]
    assert read_words(path) == ["في", "من", "على"]


def test_table_rows_and_header_are_checked(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text("# c\nkey\tcount\nفي\t3\nمن\t2\n", encoding="utf-8")
    assert read_table(path, ("key", "count"), header=True) == [("في", "3"), ("من", "2")]
    with pytest.raises(DataFileError, match=r"t\.tsv line 2: header"):
        read_table(path, ("word", "count"), header=True)


def test_a_row_with_the_wrong_field_count_names_file_and_line(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("في\t3\nمن\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad\.tsv line 2: 1 tab-separated fields"):
        read_table(path, ("key", "count"))
    assert read_table(path, ("key", "count"), min_fields=1) == [("في", "3"), ("من", "")]


def test_missing_files_fail_unless_optional(tmp_path):
    with pytest.raises(DataFileError, match="not found"):
        read_lines(tmp_path / "nope.txt")
    assert read_words(tmp_path / "nope.txt", required=False) == []


def test_every_shipped_table_loads():
    """The project's own tables are well-formed (a broken edit fails here, not at run time)."""
    assert (
        len(
            read_table(
                "gazetteers/actors.tsv",
                ("actor_id", "name_ar", "name_en", "kind", "country"),
                header=True,
            )
        )
        > 1000
    )
    assert (
        len(read_table("gazetteers/aliases.tsv", ("key", "actor_id", "kind", "form"), header=True))
        > 3000
    )
    assert len(read_words("stopwords_ar.txt")) > 1000


def test_the_text_layers_lists_load_and_name_what_they_hold():
    """Word lists moved out of code load, so a broken edit fails here with file and line."""
    from dashboard.arabic.calendar_names import english_months, year_markers
    from dashboard.arabic.sentences import domain_endings
    from dashboard.readers import fieldnames, wire

    assert {"انتهي", "يتبع"} <= wire.end_of_copy_marks()  # normalised: ى -> ي
    assert {"صوره", "photo"} <= wire.caption_words()
    assert {"نت", "كوم"} <= domain_endings()
    assert year_markers() == {"م", "ه"}  # "هـ" folds onto "ه"
    assert (english_months()["sept"], english_months()["dec"]) == (9, 12)
    assert fieldnames.aliases("text")[0] == "text"
    assert "articles" in fieldnames.collection_keys()
    for field in fieldnames.ARTICLE_FIELDS:
        assert fieldnames.aliases(field)


def test_an_unknown_field_in_the_field_names_table_is_refused(tmp_path):
    from dashboard.readers.fieldnames import read_field_names

    bad = tmp_path / "record_fields.tsv"
    bad.write_text("field\tname\ntext\tbody\nbody_text\tbody\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"record_fields\.tsv: unknown field 'body_text'"):
        read_field_names(bad)
    bad.write_text("field\tname\ntext\tbody\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="no names for id, title"):
        read_field_names(bad)
