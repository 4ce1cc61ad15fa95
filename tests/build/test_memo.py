"""The memo reuses a result only for equal inputs, and forgets what the builds stopped using."""

from microsite.build.memo import MISSING, Memo
from microsite.errors import ErrorCollector


def counting():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    return calls, compute


def test_equal_inputs_reuse_the_result_and_other_inputs_recompute_it():
    memo = Memo()
    calls, compute = counting()
    assert memo.get("k", ("a", 1), compute) == 1
    memo.next_build()
    assert memo.get("k", ("a", 1), compute) == 1
    assert memo.get("k", ("a", 2), compute) == 2
    assert len(calls) == 2


def test_a_result_the_builds_stop_using_is_forgotten_once_the_memo_has_doubled():
    memo = Memo()
    _, compute = counting()
    memo.get("k", 1, compute)
    memo.next_build()  # the first build: one result
    memo.get("a", 1, compute)
    assert not memo.next_build()  # a build that did not ask for "k": two results, no sweep
    assert memo.lookup("k") == 1  # held still (looking it up does not use it)
    memo.get("b", 1, compute)
    assert memo.next_build()  # three results: more than twice what was kept, swept
    assert memo.find("k", 1) is MISSING
    assert memo.find("a", 1) is MISSING
    assert memo.find("b", 1) == 3


def test_a_memo_asked_for_new_results_every_build_stays_within_twice_what_a_build_uses():
    memo = Memo()
    for build in range(200):
        for row in range(10):
            memo.put(("row", build, row), None, row)
        memo.next_build()
        assert memo.size() <= 2 * 10


def test_kept_parts_survive_a_build_that_did_not_ask_for_them():
    memo = Memo()
    memo.put("part", 1, "html")
    memo.next_build()
    memo.keep_all(["part"])
    memo.next_build()
    assert memo.find("part", 1) == "html"


def test_keeping_many_parts_leaves_what_this_build_stored_as_it_is():
    memo = Memo()
    memo.put("old part", 1, "old html")
    memo.put("changed part", 1, "old html")
    memo.next_build()
    memo.put("changed part", 2, "new html")
    memo.keep_all(["old part", "changed part", "never stored"])
    memo.next_build()
    assert memo.find("old part", 1) == "old html"
    assert memo.find("changed part", 2) == "new html"
    assert memo.find("never stored", None) is MISSING


def test_a_computation_that_reported_a_problem_is_not_kept(tmp_path):
    memo = Memo()
    errors = ErrorCollector(tmp_path)

    def failing():
        errors.add("data/x.yaml", 1, "bad")
        return None

    memo.get("k", 1, failing, errors)
    assert memo.find("k", 1) is MISSING


def test_same_returns_the_stored_object_for_an_equal_value():
    memo = Memo()
    first = memo.same("v", [1, 2])
    memo.next_build()
    again = memo.same("v", [1, 2])
    assert again is first
    assert memo.same("v", [1, 3]) == [1, 3]


def test_a_result_reused_whole_keeps_the_results_it_was_computed_from():
    # A page kept whole for a build or two must still find its rows' results when it changes.
    memo = Memo()
    calls, compute = counting()

    def page(rows):
        return [memo.get(("row", row), row, compute) for row in rows]

    assert memo.get("page", (1, 2), lambda: page((1, 2))) == [1, 2]
    for _ in range(2):  # builds in which the page, unchanged, is reused whole
        memo.next_build()
        assert memo.get("page", (1, 2), lambda: page((1, 2))) == [1, 2]
    memo.next_build()
    assert memo.get("page", (1, 3), lambda: page((1, 3))) == [1, 3]  # row 1 reused
    assert len(calls) == 3
    for other in range(4):  # builds that ask for other results, until the memo is swept
        memo.next_build()
        memo.put(("other", other), None, other)
    memo.next_build()
    assert memo.find(("row", 1), 1) is MISSING
