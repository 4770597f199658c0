"""Index.search: across scripts, with evidence, and the Hit objects it returns."""

import datetime

import redflag


def test_hangul_and_latin_find_the_same_ofac_entity(default_index):
    hangul = default_index.search("김정은")
    latin = default_index.search("Kim Jong Un")
    assert hangul and latin
    assert hangul[0].entity_id == latin[0].entity_id
    assert hangul[0].entity_id.startswith("ofac")
    assert hangul[0].score >= redflag.DEFAULT_THRESHOLD


def test_a_built_watchlist_is_searched(watchlist_index):
    for name in ["김정은", "KIM, Chong Un", "Kim Jong-un"]:
        hits = watchlist_index.search(name)
        assert hits[0].entity_id == "my_watchlist:w1", name
    hit = watchlist_index.search("Korea Kwangson Banking Corporation")[0]
    assert hit.entity_id == "my_watchlist:w2"
    assert hit.list == "my_watchlist"
    assert len(watchlist_index) == 3


def test_hit_attributes_and_repr(watchlist_index):
    hit = watchlist_index.search("Kim Jong Un", kind="person", country="KP")[0]
    assert hit.name == "Kim Jong Un"
    assert hit.matched_name == "Kim Jong Un"
    assert isinstance(hit.programs, list)
    assert hit.reasons and all(isinstance(r, str) for r in hit.reasons)
    assert repr(hit).startswith("Hit(entity_id='my_watchlist:w1', score=")
    assert hit.to_dict()["entity_id"] == "my_watchlist:w1"


def test_a_contradicting_birth_date_lowers_the_score(watchlist_index):
    same = watchlist_index.search("Kim Jong Un", dob="1984-01-08")[0].score
    as_date = watchlist_index.search("Kim Jong Un", dob=datetime.date(1984, 1, 8))[0].score
    other = watchlist_index.search("Kim Jong Un", dob="1950-06-25", threshold=0.0)
    assert same == as_date
    assert other[0].score < same


def test_top_and_threshold(default_index):
    assert len(default_index.search("Kim", top=3, threshold=0.0)) <= 3
    assert default_index.search("Zzyzx Qwrtpl Vbnmk") == []


def test_the_official_lists_are_listed(default_index):
    names = [l["name"] for l in default_index.lists]
    assert any("OFAC" in n for n in names)
    assert "entities from the official lists" in repr(default_index)
