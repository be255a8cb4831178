"""The commands' grammar, without Telegram: ``[ID | words] [N]``, pages, ids."""

from __future__ import annotations

import pytest

from bot import service
from bot.service import Target, UsageError


@pytest.mark.parametrize(
    ("args", "target"),
    [
        ([], Target()),
        (["latest"], Target()),
        (["NEWEST"], Target()),
        (["12"], Target(article_id=12)),
        (["#12"], Target(article_id=12)),
        (["Maduro"], Target(words="Maduro")),
        (["election", "results"], Target(words="election results")),
        (["#12", "more"], Target(words="#12 more")),
        (["12abc"], Target(words="12abc")),
    ],
)
def test_target(args: list[str], target: Target) -> None:
    assert service.parse_target(args) == target


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], (Target(), 3)),
        (["5"], (Target(article_id=5), 3)),
        (["#5", "2"], (Target(article_id=5), 2)),
        (["latest", "7"], (Target(), 7)),
        (["oil", "prices", "4"], (Target(words="oil prices"), 4)),
        (["oil", "prices"], (Target(words="oil prices"), 3)),
    ],
)
def test_summary_arguments(args: list[str], expected: tuple[Target, int]) -> None:
    assert service.parse_summary_args(args, default_n=3) == expected


@pytest.mark.parametrize("args", [["12", "0"], ["latest", "-2"]])
def test_summary_needs_a_positive_count(args: list[str]) -> None:
    with pytest.raises(UsageError, match="1 or more"):
        service.parse_summary_args(args, default_n=3)


def test_pages_and_remove_ids() -> None:
    assert service.parse_page([]) == 1
    assert service.parse_page(["3"]) == 3
    for bad in (["0"], ["x"], ["1", "2"]):
        with pytest.raises(UsageError, match="/articles"):
            service.parse_page(bad)
    assert service.parse_remove_args(["#4"]) == 4
    for bad_args in ([], ["four"], ["1", "2"]):
        with pytest.raises(UsageError, match="/remove"):
            service.parse_remove_args(bad_args)


def test_only_maintainers_pass() -> None:
    service.require_maintainer(frozenset({7}), 7)
    for stranger in (8, None):
        with pytest.raises(service.NotAllowed, match="only the bot's maintainers"):
            service.require_maintainer(frozenset({7}), stranger)
