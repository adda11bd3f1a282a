"""Topics from curated evidence phrases (``content/reference/topics.yml``)."""

from __future__ import annotations

import re

from .matching import alias_pattern, fold_for_match
from .reference import Reference

_COMPILED: dict[str, list[tuple[str, float, float, re.Pattern[str]]]] = {}


def _compiled(ref: Reference) -> list[tuple[str, float, float, re.Pattern[str]]]:
    if ref.digest not in _COMPILED:
        _COMPILED[ref.digest] = [
            (topic.slug, topic.threshold, weight, re.compile(rf"(?<!\w){alias_pattern(p)}(?!\w)"))
            for topic in ref.topics.values()
            for p, weight in topic.evidence
        ]
    return _COMPILED[ref.digest]


def score_topics(title: str, body: str, ref: Reference) -> dict[str, float]:
    """Score per topic; a phrase in the title counts twice."""
    folded_title, folded_body = fold_for_match(title), fold_for_match(body)
    scores: dict[str, float] = {}
    for slug, _threshold, weight, regex in _compiled(ref):
        hits = len(regex.findall(folded_body)) + 2 * len(regex.findall(folded_title))
        if hits:
            scores[slug] = scores.get(slug, 0.0) + weight * hits
    return scores


def assign_topics(title: str, body: str, ref: Reference) -> tuple[str, ...]:
    """Topic slugs whose score reaches their threshold, in the order of the reference file."""
    scores = score_topics(title, body, ref)
    return tuple(
        slug for slug, topic in ref.topics.items() if scores.get(slug, 0.0) >= topic.threshold
    )
