from reports import diffing


def _section(key, heading, body="", position=0):
    return {"key": key, "kind": "Body", "heading": heading, "anchor": f"s{key}", "body": body}


def _snapshot(sections=(), headlines=(), media=(), **report):
    return {
        "report": {"title": "Progress", **report},
        "sections": list(sections),
        "headline_options": list(headlines),
        "media": list(media),
    }


def test_word_diff_marks_only_the_changed_words_with_ins_and_del():
    old, new = diffing.word_diff("We saved £500m this year", "We saved £700m last year")
    assert "<del>" in old and "<ins>" not in old
    assert "<ins>" in new and "<del>" not in new
    assert "500m" in old.split("<del>")[1] and "700m" in new.split("<ins>")[1]
    assert old.startswith("We saved ")


def test_word_diff_labels_changes_for_screen_readers():
    old, new = diffing.word_diff("one", "two")
    assert '<span class="visually-hidden">[removed: </span>one' in old
    assert '<span class="visually-hidden">[added: </span>two' in new


def test_word_diff_escapes_html():
    old, new = diffing.word_diff("<script>x</script>", "<b>y</b>")
    assert "<script" not in old and "&lt;" in old
    assert "<b>" not in new and "&lt;" in new


def test_word_diff_of_equal_text_has_no_marks():
    assert diffing.word_diff("same", "same") == ("same", "same")


def test_word_diff_keeps_unchanged_lines_of_a_long_body():
    old = "Intro line\nThe old middle line\nClosing line\n"
    new = "Intro line\nThe new middle line\nClosing line\nAn added line\n"
    left, right = diffing.word_diff(old, new)
    assert left.startswith("Intro line\nThe ") and "Closing line" in left
    assert "[added: </span>An added line" in right


def test_sections_are_matched_by_key_not_by_position():
    old = _snapshot([_section(1, "Intro"), _section(2, "Money")])
    new = _snapshot([_section(2, "Money"), _section(1, "Introduction")])
    sections = diffing.compare(old, new).parts[0]
    by_key = {p.key: p for p in sections.parts}
    assert by_key[1].state == "changed"
    assert [f.name for f in by_key[1].changed_fields] == ["heading"]
    assert by_key[2].state == "unchanged"
    assert by_key[1].moved or by_key[2].moved


def test_added_removed_and_moved_sections():
    old = _snapshot([_section(k, f"S{k}") for k in (1, 2, 3, 4, 5)])
    new = _snapshot([_section(k, f"S{k}") for k in (1, 5, 2, 4, 6)])
    sections = diffing.compare(old, new).parts[0]
    states = {p.key: (p.state, p.moved) for p in sections.parts}
    assert states[6] == ("added", False)
    assert states[3] == ("removed", False)
    assert states[5] == ("unchanged", True)
    assert sections.parts[[p.key for p in sections.parts].index(5)].old_position == 5
    assert not states[1][1] and not states[2][1] and not states[4][1]
    # The removed section is shown where it was: after section 2.
    assert [p.key for p in sections.parts] == [1, 5, 2, 3, 4, 6]
    assert sections.summary == "1 added, 1 removed, 1 moved, 3 unchanged"


def test_report_fields_headline_options_and_media_text_are_compared_word_by_word():
    old = _snapshot(
        headlines=[{"key": 1, "text": "Making progress", "notes": "", "chosen": "No"}],
        media=[{"key": 9, "slug": "chart", "caption": "Visits by month", "alt_text": "A chart"}],
        summary="What we did",
    )
    new = _snapshot(
        headlines=[{"key": 1, "text": "Making good progress", "notes": "", "chosen": "Yes"}],
        media=[
            {"key": 9, "slug": "chart", "caption": "Visits by week", "alt_text": "A line chart"}
        ],
        summary="What we did and will do",
    )
    comparison = diffing.compare(old, new)
    assert [f.name for f in comparison.changed_fields] == ["summary"]
    headline = comparison.parts[1].parts[0]
    assert "[added: </span>good " in headline.fields[0].new_html
    media = comparison.parts[2].parts[0]
    changed = {f.name: f for f in media.changed_fields}
    assert set(changed) == {"caption", "alt_text"}
    assert "month" in changed["caption"].old_html.split("<del>")[1]
    assert "line " in changed["alt_text"].new_html.split("<ins>")[1]


def test_identical_snapshots_have_no_changes():
    snap = _snapshot([_section(1, "Intro")])
    assert not diffing.compare(snap, snap).has_changes


def test_of_two_swapped_sections_the_one_whose_position_changed_is_moved():
    old = _snapshot([{**_section(1, "A"), "position": "0"}, {**_section(2, "B"), "position": "1"}])
    new = _snapshot([{**_section(2, "B"), "position": "1"}, {**_section(1, "A"), "position": "9"}])
    moved = {p.key: p.moved for p in diffing.compare(old, new).parts[0].parts}
    assert moved == {1: True, 2: False}


def test_changed_words_separated_only_by_spaces_are_marked_as_one_change():
    old, new = diffing.word_diff("What we did last quarter", "My own summary now")
    assert old.count("<del>") == 1 and new.count("<ins>") == 1


def test_line_endings_from_browsers_do_not_count_as_changes():
    from reports.history import _text

    assert _text("One.\r\n\r\nTwo.") == "One.\n\nTwo."
