"""Shared fixtures: the official lists' index, and a small watchlist index in a tmp dir."""

import pytest

import redflag

WATCHLIST = (
    "id,name,kind,aliases,country,dob\n"
    "w1,Kim Jong Un,person,김정은,KP,1984-01-08\n"
    "w2,Korea Kwangson Banking Corp,organization,,KP,\n"
    "w3,Ivan Petrov,person,Иван Петров,RU,1970-03-02\n"
)


@pytest.fixture(scope="session")
def default_index():
    return redflag.Index.default()


@pytest.fixture(scope="session")
def watchlist_index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("watchlist")
    csv = folder / "my_watchlist.csv"
    csv.write_text(WATCHLIST, encoding="utf-8")
    return redflag.Index.build([csv], folder / "watchlist.idx")
