"""Topics from curated evidence phrases (``content/reference/topics.yml``).

The phrase scoring itself is ``Reference.score_topics`` (longest phrase per position, agency
names skipped); here the title counts twice, since a headline states what a notice is about.
"""

from __future__ import annotations

from .reference import Reference


def assign_topics(title: str, body: str, ref: Reference) -> tuple[str, ...]:
    """Topic slugs whose score reaches their threshold, in the order of the reference file."""
    in_title = ref.score_topics(title) if title else {}
    in_body = ref.score_topics(body)
    return tuple(
        slug
        for slug, topic in ref.topics.items()
        if in_body.get(slug, 0.0) + 2 * in_title.get(slug, 0.0) >= topic.threshold
    )
