"""One Index shared by several Python threads gives every thread the same answers."""

from concurrent.futures import ThreadPoolExecutor

NAMES = ["Kim Jong Un", "김정은", "Korea Kwangson Banking", "Ivan Petrov", "Jane Doe", None]


def test_threads_share_one_index(default_index):
    def work(_):
        hits = [tuple(h.entity_id for h in default_index.search(n)) for n in NAMES if n]
        table = default_index.screen(NAMES * 20)
        return hits, table.column("entity_id").to_pylist(), table.column("score").to_pylist()

    expected = work(None)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(work, range(8)))
    assert all(r == expected for r in results)
