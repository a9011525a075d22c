"""Styled text for the terminal: cell widths, wrapping, boxes, tables and SGR output."""

from __future__ import annotations

import io

import pytest

from actip_cli.render.styled import (
    Column,
    Screen,
    Styled,
    cell_len,
    hang,
    panel,
    rule,
    screen_for,
    table,
    to_text,
    wrap,
)


def plain(lines: list[Styled]) -> list[str]:
    return [line.plain for line in lines]


def test_cell_len_counts_wide_as_two_and_combining_marks_as_none() -> None:
    assert cell_len("Viet Nam") == 8
    assert cell_len("日本語") == 6  # East Asian wide
    assert cell_len("ＡＢ") == 4  # fullwidth
    assert cell_len("Vie\u0302\u0323t") == 4  # e with two combining marks is one cell
    assert cell_len("█░─│") == 4


def test_wrap_is_greedy_by_word() -> None:
    assert plain(wrap(Styled("the law is ahead of practice"), 12)) == ["the law is", "ahead of", "practice"]
    assert plain(wrap(Styled("two\nlines"), 20)) == ["two", "lines"]
    assert plain(wrap(Styled("ends with a newline\n"), 40)) == ["ends with a newline", ""]


def test_wrap_measures_wide_and_combining_characters_in_cells() -> None:
    assert plain(wrap(Styled("日本 語語 本日"), 9)) == ["日本 語語", "本日"]
    decomposed = "Vie\u0302\u0323t Nam Vie\u0302\u0323t Nam"
    assert plain(wrap(Styled(decomposed), 8)) == ["Vie\u0302\u0323t Nam", "Vie\u0302\u0323t Nam"]


def test_a_word_longer_than_the_width_is_folded_or_cut() -> None:
    assert plain(wrap(Styled("see abcdefghij"), 4)) == ["see", "abcd", "efgh", "ij"]
    assert plain(wrap(Styled("日本語日本語"), 5)) == ["日本", "語日", "本語"]  # never half a wide character
    assert plain(wrap(Styled("a\u0301b\u0301c\u0301d\u0301"), 2)) == ["a\u0301b\u0301", "c\u0301d\u0301"]  # marks stay with their letter
    assert plain(wrap(Styled("see abcdefghij"), 4, fold=False)) == ["see", "abc…"]


def test_wrap_keeps_styles_across_lines() -> None:
    text = Styled("ACTIP-5.1", "bold").append(" Art. 5(1) ").append("Criminalising trafficking", "bold red")
    lines = wrap(text, 20)
    assert plain(lines) == ["ACTIP-5.1 Art. 5(1)", "Criminalising", "trafficking"]
    assert lines[0].pieces[0] == ("ACTIP-5.1", "bold")
    assert lines[2].pieces == [("trafficking", "bold red")]


def test_hanging_indent() -> None:
    text = Styled("Put mutual legal assistance in place for every request")
    assert plain(hang(text, 24, " 1. ", "    ")) == [" 1. Put mutual legal", "    assistance in place", "    for every request"]
    # a narrower first prefix: the first line is longer, the others still fit
    assert plain(hang(text, 24, "  ", "    ")) == ["  Put mutual legal", "    assistance in place", "    for every request"]
    assert all(cell_len(line) <= 24 for line in plain(hang(Styled("word " * 20), 24, "  ", "    ")))


def test_rule_and_panel() -> None:
    assert rule(Styled("Data gaps", "bold"), 20).plain == "Data gaps ──────────"
    assert rule(Styled("A title far too long for the rule"), 12).plain == "A title f… ─"
    box = plain(panel(Styled("Bold\nsecond line wraps here"), 16))
    assert box == ["╭──────────────╮", "│ Bold         │", "│ second line  │", "│ wraps here   │", "╰──────────────╯"]
    titled = panel(Styled("x"), 12, title=Styled("!", "bold"), border="yellow")
    assert titled[0].plain == "╭─ ! ──────╮"
    assert ("!", "yellow bold") in titled[0].pieces


def test_table_narrows_the_wrapping_column_and_puts_headers_at_the_bottom() -> None:
    columns = [Column("Chapter", fold=True), Column("Two\nlines", width=5, no_wrap=True, right=True)]
    rows = [[Styled("International cooperation"), Styled("83%")]]
    assert [line.rstrip() for line in plain(table(columns, rows, 80))] == [
        "                            Two", "Chapter                   lines", "International cooperation   83%"]
    assert [line.rstrip() for line in plain(table(columns, rows, 20))] == [
        "                 Two", "Chapter        lines", "International    83%", "cooperation"]


def test_sgr_codes_on_off_and_without_colour() -> None:
    line = Styled("Gap", "bold red").append(" and ").append("note", "dim italic")
    assert to_text([line], Screen(styles=True)) == "\x1b[1;31mGap\x1b[0m and \x1b[2;3mnote\x1b[0m\n"
    assert to_text([line], Screen(styles=False)) == "Gap and note\n"
    assert to_text([line], Screen(styles=True, colours=False)) == "\x1b[1mGap\x1b[0m and \x1b[2;3mnote\x1b[0m\n"  # bold stays
    assert to_text([Styled("abcdef  ")], Screen(width=4)) == "abcd\n"


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("stream", "env", "no_color", "expected"), [
    (FakeTty(), {"TERM": "xterm", "COLUMNS": "132"}, False, Screen(132, True, True)),
    (FakeTty(), {"TERM": "xterm", "COLUMNS": "132", "NO_COLOR": "1"}, False, Screen(132, True, False)),
    (FakeTty(), {"TERM": "xterm", "COLUMNS": "132"}, True, Screen(132, True, False)),
    (FakeTty(), {"TERM": "dumb", "COLUMNS": "132"}, False, Screen(80, False, True)),
    (io.StringIO(), {"TERM": "xterm", "COLUMNS": "132"}, False, Screen(132, False, True)),
    (io.StringIO(), {"TERM": "xterm", "COLUMNS": "132", "FORCE_COLOR": "1"}, False, Screen(132, True, True)),
    (FakeTty(), {"TERM": "xterm", "COLUMNS": "132", "TTY_COMPATIBLE": "0"}, False, Screen(132, False, True)),
])
def test_screen_follows_the_environment(stream: io.StringIO, env: dict[str, str], no_color: bool, expected: Screen) -> None:
    assert screen_for(stream, no_color=no_color, environ=env) == expected


@pytest.mark.parametrize("width", [10, 17, 33, 80])
@pytest.mark.parametrize("text", [
    "Each duty of the Convention is rated twice: in law and in practice.",
    "Nghĩa vụ   được đánh giá hai lần: trong luật và trên thực tế.",
    "ACTIP-6.1.b  Art. 6(1)(b)  Offence-of-organising-or-facilitating-serious-crime",
    "日本語のテキスト 折り返し と 全角 文字",
])
def test_wrap_matches_rich(text: str, width: int) -> None:
    """The report kept its layout when it left Rich: wrapping is Rich's, line for line."""
    from rich.console import Console
    from rich.text import Text

    console = Console(width=200)
    # Without folding, Rich trims a line's trailing space by characters, not cells, and so may
    # cut the last wide character for an ellipsis; that quirk is not kept.
    for fold in (True, False) if cell_len(text) == len(text) else (True,):
        expected = [line.plain.rstrip() for line in Text(text).wrap(console, width, overflow="fold" if fold else "ellipsis")]
        assert plain(wrap(Styled(text), width, fold=fold)) == expected


def test_characters_decided_by_range_have_the_width_unicodedata_gives() -> None:
    import unicodedata

    from actip_cli.render.styled import _ONE_CELL, _char_cells

    for low, high in _ONE_CELL:
        for code in range(low, high + 1):
            char = chr(code)
            assert unicodedata.category(char) not in ("Mn", "Me", "Cf", "Cc"), hex(code)
            assert unicodedata.east_asian_width(char) not in ("W", "F"), hex(code)
            assert _char_cells(char) == 1
