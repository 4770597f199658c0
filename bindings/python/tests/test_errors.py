"""Rust errors arrive as redflag exceptions with the core's messages, never a crash."""

import pytest

import redflag


def test_a_missing_index_file(tmp_path):
    with pytest.raises(redflag.FileError) as caught:
        redflag.Index.open(tmp_path / "absent.idx")
    assert "absent.idx" in str(caught.value)
    assert isinstance(caught.value, redflag.RedflagError)


def test_a_garbage_index_file(tmp_path):
    garbage = tmp_path / "garbage.idx"
    garbage.write_bytes(b"this is not an index" * 100)
    with pytest.raises(redflag.IndexFileError) as caught:
        redflag.Index.open(garbage)
    assert str(caught.value).startswith("index ")


def test_an_empty_index_file(tmp_path):
    empty = tmp_path / "empty.idx"
    empty.write_bytes(b"")
    with pytest.raises(redflag.RedflagError):
        redflag.Index.open(empty)


def test_a_list_that_does_not_parse(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<nothing/>")
    with pytest.raises(redflag.RedflagError):
        redflag.Index.build([bad], tmp_path / "out.idx")


def test_bad_queries(watchlist_index):
    with pytest.raises(redflag.QueryError, match="invalid query"):
        watchlist_index.search("x" * 5000)
    with pytest.raises(redflag.QueryError):
        watchlist_index.search("")
    with pytest.raises(redflag.QueryError, match="date of birth 'someday'"):
        watchlist_index.search("Kim Jong Un", dob="someday")
    with pytest.raises(redflag.QueryError, match="kind 'spaceship'"):
        watchlist_index.search("Kim Jong Un", kind="spaceship")
    with pytest.raises(redflag.QueryError, match="threshold"):
        watchlist_index.search("Kim Jong Un", threshold=2.0)
    with pytest.raises(ValueError):
        watchlist_index.search("Kim Jong Un", top=0)


def test_bad_screen_arguments(watchlist_index):
    with pytest.raises(ValueError, match="countries has 1 values, names has 2"):
        watchlist_index.screen(["a", "b"], countries=["KP"])
    with pytest.raises(TypeError):
        watchlist_index.screen("Kim Jong Un")
    with pytest.raises(ValueError):
        watchlist_index.screen(["a"], threshold=0.5, review_threshold=0.9)
