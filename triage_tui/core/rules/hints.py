"""Did-you-mean hints for many unknown ids against one set of options, at a cost linear in both.

`core.errors.did_you_mean` compares a word with every option; called once per problem, a rule set
with thousands of unknown ids against thousands of options costs ids x options comparisons. A
`Hints` is built once per set of options and remembers each word's hint. The first
`FULL_SEARCHES` distinct words get `did_you_mean` itself (a rule set with a few mistakes gets
exactly the hints it always got); after that, a word is compared only with the options at most
one deleted character away from it on each side (a typo, a letter missing or extra, two letters
swapped), found through an index of deletions built once, and never with more than
`NEAR_LIMIT` of them. Either way a hint is only given when `did_you_mean` would accept it.
"""

from __future__ import annotations

from collections.abc import Iterable

from triage_tui.core.errors import _HINT_OPTIONS_LIMIT, _HINT_WORD_LIMIT, did_you_mean

FULL_SEARCHES = 32
"""Distinct words per set of options compared with every option."""
NEAR_LIMIT = 64
"""Most near options compared with one word after that."""


class Hints:
    """`hints(word)` -> ` (did you mean 'x'?)` or an empty string, for one set of options."""

    def __init__(self, options: Iterable[str]) -> None:
        self.options = [o for o in dict.fromkeys(options) if len(o) <= _HINT_WORD_LIMIT]
        self._memo: dict[str, str] = {}
        self._full_left = FULL_SEARCHES
        self._near: dict[str, list[str]] | None = None
        self.compared = 0
        """Options compared so far, all words together (for tests of the cost)."""

    def __call__(self, word: str) -> str:
        hint = self._memo.get(word)
        if hint is None:
            hint = self._memo[word] = self._hint(word)
        return hint

    def _hint(self, word: str) -> str:
        if len(word) > _HINT_WORD_LIMIT or len(self.options) > _HINT_OPTIONS_LIMIT:
            return ""
        if self._full_left > 0:
            self._full_left -= 1
            self.compared += len(self.options)
            return did_you_mean(word, self.options)
        near = self._index()
        found: dict[str, None] = {}
        for key in _deletions(word):
            for option in near.get(key, ()):
                found[option] = None
                if len(found) >= NEAR_LIMIT:
                    break
            if len(found) >= NEAR_LIMIT:
                break
        self.compared += len(found)
        return did_you_mean(word, found)

    def _index(self) -> dict[str, list[str]]:
        if self._near is None:
            self._near = {}
            for option in self.options:
                for key in _deletions(option):
                    bucket = self._near.setdefault(key, [])
                    if len(bucket) < NEAR_LIMIT:
                        bucket.append(option)
        return self._near


def _deletions(word: str) -> dict[str, None]:
    """`word` itself and `word` with each one character left out (in order, without repeats)."""
    return dict.fromkeys([word, *(word[:i] + word[i + 1:] for i in range(len(word)))])
