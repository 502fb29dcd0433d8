"""Reading the lexicon data files, checked: every row of every file against its file's
columns and allowed kinds, every problem reported as ``file:line: what is wrong``.

The files live in ``builder/lexicon/data/`` (see its README).  A folder given with
``--lexicons DIR`` (``load(DIR)`` in Python) replaces the files it holds and leaves the
others as shipped, so that a linguist can try an edited copy of one list without touching
the installed package; a file there that the rules do not read is an error, not a silent
no-op.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from builder.text.arabic import ARABIC_LETTER


class LexiconError(ValueError):
    """Lexicon files that cannot be used; one ``file:line: what is wrong`` per line."""


@dataclass(frozen=True)
class Schema:
    """The columns of one file: how many must be filled, how many there may be, and for
    columns whose values are a closed set, the values allowed (``""`` = may be empty)."""

    description: str
    required: int
    columns: int
    kinds: dict[int, frozenset[str]]
    arabic: bool = True
    """Whether the first column must hold an Arabic letter (page headings may be English)."""


def _kinds(column: int, *values: str) -> dict[int, frozenset[str]]:
    return {column: frozenset(values)}


SCHEMAS: dict[str, Schema] = {
    "cue_verbs.tsv": Schema("reporting verbs: past, present, extra forms, preposition, participle", 2, 5, {}),
    "stage_verbs.tsv": Schema("verbs that put a source on stage: past, present, extra forms, preposition", 2, 4,
                              {}),
    "cue_participles.tsv": Schema("participles: stem, preposition, endings", 1, 3, _kinds(2, "", "m")),
    "cue_phrases.tsv": Schema("source, trailing and participial phrases: phrase, kind", 2, 2,
                              _kinds(1, "source", "trailing", "participle")),
    "titles.txt": Schema("person titles: word, kind", 1, 2, _kinds(1, "", "relational", "honorific")),
    "institutions.txt": Schema("heads of institutional noun phrases: word, kind", 1, 2, _kinds(1, "", "outlet")),
    "particles.tsv": Schema("function words the rules know by their role: word, role", 2, 2, _kinds(
        1, "article", "relative", "inner_preposition", "speech_opener", "topic", "resumptive",
        "completing_verb", "negation", "negation_noun", "subordinator", "coordinator", "pronoun", "indefinite",
        "connector", "auxiliary", "credit", "homograph", "frame", "leader")),
    **{name: Schema(description, 1, 1, {}) for name, description in (
        ("complementizers.txt", "words opening a content clause"),
        ("modifiers.txt", "adjectives inside a speaker phrase"),
        ("adverbials.txt", "words that end a speaker phrase"),
        ("mediums.txt", "occasions of speech after a preposition"),
        ("impersonal.txt", "impersonal verbs that are not attributions"),
        ("scripture.txt", "speaker words of quoted scripture"),
        ("clause_breaks.txt", "connectors that end an indirect content"),
    )},
    "labels.txt": Schema("page labels that are not speakers", 1, 1, {}, arabic=False),
    "furniture.txt": Schema("page-furniture headings: line, kind", 1, 2, _kinds(1, "", "prefix"), arabic=False),
}

_ARABIC = re.compile(f"[{ARABIC_LETTER}]")


@dataclass(frozen=True, slots=True)
class Row:
    columns: tuple[str, ...]

    def __getitem__(self, k: int) -> str:
        return self.columns[k] if k < len(self.columns) else ""


def shipped() -> Path:
    """The folder of the lexicon files shipped with iqtibas."""
    return Path(str(resources.files("builder.lexicon").joinpath("data")))


def _check(name: str, schema: Schema, columns: list[str], where: str) -> list[str]:
    problems = []
    if len(columns) > schema.columns:
        problems.append(f"{where}: {len(columns)} columns, {name} has at most {schema.columns} "
                        f"({schema.description}); a TAB too many?")
    filled = sum(1 for c in columns[:schema.required] if c)
    if filled < schema.required:
        what = "a TAB between the columns" if schema.required > 1 and len(columns) < 2 else "a value"
        problems.append(f"{where}: {name} needs {schema.required} filled column(s) ({schema.description}); "
                        f"missing {what}")
    for k, allowed in schema.kinds.items():
        value = columns[k] if k < len(columns) else ""
        if value not in allowed:
            problems.append(f"{where}: {value!r} is not one of {', '.join(sorted(v for v in allowed if v))}")
    if schema.arabic and columns and columns[0] and not _ARABIC.search(columns[0]):
        problems.append(f"{where}: {columns[0]!r} has no Arabic letter")
    return problems


def _sources(folder: Path | None, problems: list[str]) -> dict[str, Path]:
    """Where each lexicon file is read from: ``folder`` where it has the file, else the
    shipped folder; a file in ``folder`` the rules do not read is a problem."""
    sources = {name: shipped() / name for name in SCHEMAS}
    if folder is None:
        return sources
    if not folder.is_dir():
        raise LexiconError(f"{folder}: not a folder of lexicon files")
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".txt", ".tsv"):
            continue
        if path.name in SCHEMAS:
            sources[path.name] = path
        else:
            problems.append(f"{path}: not a lexicon file the rules read (they read {', '.join(sorted(SCHEMAS))})")
    return sources


def _file_rows(name: str, path: Path, problems: list[str]) -> list[Row]:
    """The rows of one lexicon file that pass its schema; the others go to ``problems``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: cannot be read ({exc})")
        return []
    rows = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        columns = [col.strip() for col in line.split("\t")]
        while len(columns) > 1 and not columns[-1]:
            columns.pop()
        found = _check(name, SCHEMAS[name], columns, f"{path}:{number}")
        problems += found
        if not found:
            rows.append(Row(tuple(columns)))
    return rows


def read_rows(folder: Path | None) -> dict[str, list[Row]]:
    """The rows of every lexicon file (comments and blank lines left out), from ``folder``
    where it has the file, else as shipped; raises :class:`LexiconError` listing every problem."""
    problems: list[str] = []
    rows = {name: _file_rows(name, path, problems) for name, path in _sources(folder, problems).items()}
    if problems:
        raise LexiconError("\n".join(problems))
    return rows
