"""A process's kept values: made once per key, all forgotten together when full."""

from eia.kept import Kept


def test_a_value_is_made_once_and_the_store_starts_again_when_full():
    made = []

    def make(key):
        return lambda: made.append(key) or f"value of {key}"

    kept = Kept(limit=2)
    assert kept.get("a", make("a")) == "value of a"
    assert kept.get("a", make("a")) == "value of a"
    kept.get("b", make("b"))
    assert made == ["a", "b"]
    kept.get("c", make("c"))  # full: a and b are forgotten, c is kept
    kept.get("c", make("c"))
    kept.get("a", make("a"))
    assert made == ["a", "b", "c", "a"]
