"""Topics from curated evidence phrases (``content/reference/topics.yml``).

The phrase scoring itself is ``Reference.score_topics`` (longest phrase per position, agency
names skipped); here the title counts twice, since a headline states what a notice is about.

A notice carries every topic whose score reaches its threshold (``topics``), but a monthly
conclusion touches most of them, so a topic page listing every notice that merely mentions it
discriminates nothing. Its *main* topics (``topics_main``) are those with the most evidence:
weight = score / threshold; at most :data:`MAIN_LIMIT`, and only those weighing at least
:data:`MAIN_SHARE` of the heaviest one. Measured on the repository's 36 real texts: no topic is
main for more than a third of them (docs/journalism.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from .reference import Reference

MAIN_LIMIT = 4
MAIN_SHARE = 0.5


@dataclass(frozen=True)
class TopicAssignment:
    all: tuple[str, ...]  # every topic reaching its threshold, in topics.yml order
    main: tuple[str, ...]  # the heaviest of them, heaviest first
    weights: tuple[tuple[str, float], ...]  # (slug, score / threshold) of ``all``, yml order

    @property
    def others(self) -> tuple[str, ...]:
        """The topics shown apart: assigned, not main, in topics.yml order."""
        return tuple(slug for slug in self.all if slug not in self.main)


def classify_topics(title: str, body: str, ref: Reference) -> TopicAssignment:
    in_title = ref.score_topics(title) if title else {}
    in_body = ref.score_topics(body)
    weights = []
    for slug, topic in ref.topics.items():
        score = in_body.get(slug, 0.0) + 2 * in_title.get(slug, 0.0)
        if score >= topic.threshold:
            weights.append((slug, score / topic.threshold))
    return TopicAssignment(
        all=tuple(slug for slug, _ in weights),
        main=main_topics(weights),
        weights=tuple(weights),
    )


def main_topics(weights: list[tuple[str, float]]) -> tuple[str, ...]:
    """The heaviest topics of ``weights`` (in reference order, which breaks ties)."""
    if not weights:
        return ()
    order = {slug: i for i, (slug, _) in enumerate(weights)}
    ranked = sorted(weights, key=lambda sw: (-sw[1], order[sw[0]]))
    floor = ranked[0][1] * MAIN_SHARE
    return tuple(slug for slug, weight in ranked[:MAIN_LIMIT] if weight >= floor)


def assign_topics(title: str, body: str, ref: Reference) -> tuple[str, ...]:
    """Topic slugs whose score reaches their threshold, in the order of the reference file."""
    return classify_topics(title, body, ref).all


def split_main(topics: tuple[str, ...], main: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """(main, others) of a record whose ``topics`` an editor may have corrected in a sidecar:
    main topics the editor removed are dropped; when none is left, the corrected list is main."""
    kept = tuple(slug for slug in main if slug in topics)
    if not kept:
        kept = topics[:MAIN_LIMIT]
    return kept, tuple(slug for slug in topics if slug not in kept)
