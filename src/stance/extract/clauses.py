"""Grammatical subjects read from a dependency parse of the sentence (spaCy, `syntax.parse`),
for the speaker rules the word-pattern walks get wrong: the subject of a clause that a
participle or a second verb hangs from ('Flea shared the news, writing “...”'), the speaker
of the outer speech verb when the quote sits in a clause it governs ('Cruz said he is
certain Rubio will continue to be “...”'), and the subjects of a sentence's main clauses
that a later he / she may refer to (`main_subjects`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from stance.extract import syntax
from stance.extract.speakers import PERSONAL, VERB_RE

if TYPE_CHECKING:
    from spacy.tokens import Token

_SUBJECTS = ("nsubj", "csubj")
# The clause links an outer speech verb governs its reported words by.
_COMPLEMENTS = frozenset(("ccomp", "xcomp"))
_RELATIVE = frozenset(("who", "that", "which"))
# Left dependents that belong to a subject's name or description ('Band member Flea', 'the
# Florida senator', 'Mr. Trump's campaign'); an apposition or a relative clause does not.
_NAME_PARTS = frozenset(("compound", "flat", "det", "amod", "nmod", "poss", "case", "nummod"))


def own_subject(
    text: str,
    sentence: tuple[int, int],
    verb: int,
    quoted: Callable[[int], bool],
    direct: bool = False,
    hung: bool = False,
) -> tuple[int, int] | None:
    """Offsets of the subject of the speech verb at offset `verb` in `sentence` of `text`: its
    own, or that of the clause it hangs from (a participle, a coordinated verb); with `direct`,
    only the verb's own subject, a proper name or a pronoun; with `hung`, only the subject of a
    clause it hangs from. Subjects at offsets that `quoted` holds are passed over; None when
    none is found."""
    found = _walk(text, sentence, verb, quoted, outer=False)
    if found is None or (direct and not found[2]) or (hung and found[3]):
        return None
    return found[0]


def outer_subject(
    text: str, sentence: tuple[int, int], verb: int, quoted: Callable[[int], bool]
) -> tuple[int, int] | None:
    """Offsets of the subject of the outermost speech verb whose complement clause holds the
    speech verb at offset `verb` ('Cruz said he is certain Rubio will continue'), or None when
    no speech verb governs it."""
    found = _walk(text, sentence, verb, quoted, outer=True)
    return found[0] if found and found[1] else None


# Dependencies of a word that ends an object or a prepositional phrase, never a subject.
_OBJECT_ENDS = frozenset(("dobj", "pobj", "dative", "prep"))


def ends_in_object(
    text: str, sentence: tuple[int, int], mention: tuple[int, int], verb: int
) -> bool:
    """True when the parse of `sentence` reads the mention at offsets `mention` (the walk back
    from the speech verb at offset `verb` took it for the verb's subject) as no subject: the
    verb is a gerund a preposition governs ('incurred a wave of boos upon saying'), or, not a
    gerund, it follows an object or a preposition, the last of the mention's words whose head
    lies outside it ('He criticized Clinton's track record said she'; not 'young people in
    America saying', whose subject the noun may be)."""
    s_start, s_end = sentence
    doc = syntax.parse(text[s_start:s_end])
    token = next((t for t in doc if s_start + t.idx == verb), None)
    if token is None or token.dep_ == "pcomp":
        return token is not None
    if token.tag_ == "VBG":
        return False

    def inside(t: Token) -> bool:
        return mention[0] <= s_start + t.idx < mention[1]

    tops = [t for t in doc if inside(t) and (not inside(t.head) or t.head.i == t.i)]
    return bool(tops) and tops[-1].dep_ in _OBJECT_ENDS


def _walk(
    text: str, sentence: tuple[int, int], verb: int, quoted: Callable[[int], bool], outer: bool
) -> tuple[tuple[int, int], bool, bool, bool] | None:
    """The subject the two look-ups above find, whether an outer verb gave it, whether it is
    the verb's own subject and a proper name or a pronoun, and whether it is the verb's own."""
    start, end = sentence
    doc = syntax.parse(text[start:end])
    token = next((t for t in doc if start + t.idx >= verb), None)
    if token is None or start + token.idx != verb:
        return None

    def inside(t: Token) -> bool:
        return quoted(start + t.idx)

    path = [token]
    while (found := _subject(path[-1], path, inside)) is None and not _root(path[-1]):
        if path[-1].dep_ == "acl":  # 'the President saying “...”': the noun it modifies
            found = path[-1].head
            break
        path.append(path[-1].head)
    node, governed = path[-1], False
    while outer and node.dep_ in _COMPLEMENTS and not _root(node):
        node = node.head
        subject = _subject(node, [node], inside)
        if subject is not None and VERB_RE.fullmatch(node.text):
            found, governed = subject, True
    if found is None:
        return None
    left, right = _name_span(found)
    offsets = (start + left.idx, start + right.idx + len(right.text))
    own = len(path) == 1 and found.head.i == token.i
    return offsets, governed, own and right.pos_ in ("PROPN", "PRON"), own


def _root(token: Token) -> bool:
    """True for a sentence's root (spaCy's dependency 'ROOT', its own head)."""
    return token.head.i == token.i


def _subject(verb: Token, path: list[Token], inside: Callable[[Token], bool]) -> Token | None:
    """The subject child of `verb` nearest before it (not a token on the walk up, nor inside
    the quote); for a relative clause with 'who' as subject, the noun the clause modifies."""
    found = [c for c in verb.children if c.dep_ in _SUBJECTS and c not in path and not inside(c)]
    if not found:
        return None
    child = max(found, key=lambda c: c.i if c.i < verb.i else -c.i)  # the nearest before it
    if child.text.lower() in _RELATIVE and verb.dep_ == "relcl":
        return verb.head
    return child


def _name_span(subject: Token) -> tuple[Token, Token]:
    """First and last token of the subject's name or description: the subject and the words
    before it back to a punctuation mark or a verb ('former DHS Secretary Michael Chertoff');
    for a description with a name apposed to it ('The editor I was talking to, Tim Grieve,'),
    the name's."""
    if subject.pos_ != "PROPN":
        apposed = (c for c in subject.rights if c.dep_ == "appos" and c.pos_ == "PROPN")
        subject = next(apposed, subject)
    left = subject
    while left.i > subject.left_edge.i:
        before = subject.doc[left.i - 1]
        if before.is_punct or before.pos_ in ("VERB", "AUX") or before.dep_ not in _NAME_PARTS:
            break
        left = before
    return left, subject


# Longest stretch of a sentence parsed for its subjects: a transcript's unpunctuated run can
# be thousands of characters, and the subjects stand near the start.
_SUBJECT_WINDOW = 600
_MAIN_SUBJECTS = ("nsubj", "nsubjpass")
_PARTICIPANTS = frozenset(("i", "you", "we"))


def main_subjects(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """The subjects of the main clauses of the sentence text[start:end], in text order, as
    (kind, offset in `text`): 'name' for a proper noun, or a noun with one apposed to it or
    owning it ('Clinton's campaign said': the offset of that proper noun); 'personal' for he /
    she; 'participant' for I / you / we; 'other' for any other noun. Other pronouns are left
    out ('This is from Speaker Johnson', 'It is no surprise that Mr. Trump ...'). A main
    clause is the root's, one joined to it ('..., but Christie wasn't having it') or one
    reported before it ('Murphy followed up: “...,” he said'), not a clause inside a phrase
    ('Asked about the event that Clinton faces Trump, she replied')."""
    doc = syntax.parse(text[start : min(end, start + _SUBJECT_WINDOW)])
    found = []
    for token in doc:
        if token.dep_ not in _MAIN_SUBJECTS or not _main(token.head):
            continue
        if token.lower_ in PERSONAL | _PARTICIPANTS:
            kind = "personal" if token.lower_ in PERSONAL else "participant"
            found.append((kind, start + token.idx))
        elif token.pos_ != "PRON" and token.dep_ != "expl":
            named = [token] if token.pos_ == "PROPN" else []
            named += [t for t in token.children if t.dep_ in ("appos", "poss")]
            named = [t for t in named if t.pos_ == "PROPN"]
            found.append(("name", start + named[0].idx) if named else ("other", start + token.idx))
    return found


def _main(verb: Token) -> bool:
    """True for the verb of a main clause (see `main_subjects`)."""
    if _root(verb):
        return True
    if verb.dep_ in ("conj", "parataxis"):
        return _main(verb.head)
    return verb.dep_ == "ccomp" and _root(verb.head) and verb.i < verb.head.i
