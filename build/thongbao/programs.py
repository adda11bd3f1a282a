"""National programmes cited by name (``Chương trình MTQG xây dựng nông thôn mới``, ``OCOP``).

They become policies of kind ``program``; the vocabulary is ``content/reference/programs.yml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import refdata
from .casefold import re_lower
from .record import Policy

_SEP = re.compile(r"[\s,\-–]+")


@dataclass(frozen=True)
class Program:
    id: str
    name: str
    short: str
    aliases: tuple[str, ...]
    examples: tuple[str, ...]


@dataclass(frozen=True)
class ProgramFinder:
    programs: dict[str, Program]
    regex: re.Pattern[str]
    by_key: dict[str, str]  # folded spelling -> programme id
    # The longest word of every spelling, lower-cased: each match of ``regex`` holds one.
    # ``regex`` opens with a lookbehind and alternates long spellings, so it is slow to find
    # nothing; substring tests on the lowered text find the few texts worth searching.
    cues: tuple[str, ...]

    def mentioned(self, text: str) -> bool:
        lowered = re_lower(text)
        return any(cue in lowered for cue in self.cues) and self.regex.search(text) is not None

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """(programme id, start, end) for each mention, longest spelling first."""
        return [
            (self.by_key[_key(m.group())], m.start(), m.end()) for m in self.regex.finditer(text)
        ]


def _key(text: str) -> str:
    return _SEP.sub(" ", text.lower()).strip()


def _pattern(spelling: str) -> str:
    return r"[\s,\-–]+".join(re.escape(w) for w in _SEP.split(spelling.strip()) if w)


def load_programs(path: Path) -> ProgramFinder:
    """``content/reference/programs.yml``, through the reference loader (rebuilt on edit)."""
    return refdata.load(path.parent, path.name)


def finder_from_data(entries: list[dict]) -> ProgramFinder:
    programs: dict[str, Program] = {}
    by_key: dict[str, str] = {}
    for entry in entries:
        program = Program(
            entry["id"], entry["name"], entry["short"], tuple(entry.get("aliases") or ()),
            tuple(entry.get("examples") or ()),
        )
        programs[program.id] = program
        for spelling in (program.name, *program.aliases):
            by_key[_key(spelling)] = program.id
    spellings = sorted(by_key, key=len, reverse=True)
    alternation = "|".join(_pattern(s) for s in spellings)
    regex = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
    cues = tuple(sorted({max(_SEP.split(s.strip()), key=len) for s in spellings}))
    return ProgramFinder(programs, regex, by_key, cues)


refdata.register("programs.yml", build=finder_from_data)


def program_policies(texts: Sequence[str], finder: ProgramFinder) -> list[Policy]:
    """One policy per programme the texts name, with the sentences naming it."""
    from .sentences import split_sentences

    quotes: dict[str, list[str]] = {}
    for text in texts:
        # A sentence is the text's own words (split at whitespace, which the spellings'
        # separators match too): a text without a match has no sentence with one, and most
        # blocks name no programme, so they are neither split nor searched sentence by sentence.
        if not finder.mentioned(text):
            continue
        for sentence in split_sentences(text, semicolons=False):
            for program_id, _start, _end in finder.find(sentence):
                found = quotes.setdefault(program_id, [])
                if sentence not in found:
                    found.append(sentence[:500])
    return [
        Policy(
            id=pid, symbol=finder.programs[pid].short, year=None, issuer=None, local=False,
            kind="program", name=finder.programs[pid].name, quotes=tuple(q),
        )
        for pid, q in quotes.items()
    ]
