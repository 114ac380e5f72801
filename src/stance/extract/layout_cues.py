"""Speaker cues a document's layout gives before a quote: a bold label line, a name and a
colon ('So, Citigroup: “...”'), a heading over a list of quotes, a list's lead paragraph, 'you
heard from X', a colon-ended paragraph before one that opens with the quote; and the
hypothetical or generic frames that make a quote nobody's words. A mixin of the `Attributor`,
kept apart so each module stays readable."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from stance.extract.cues import (
    AGENT_NOUN,
    COLON_NAME,
    COLON_SOURCE,
    HEARD_FROM,
    HYPOTHETICAL,
    ITEM,
    ITEM_LEAD,
    NOT_LEAD,
    NOT_SOURCES,
    TOPIC,
    TOPIC_ITEM,
    names_person,
)
from stance.extract.names import is_person_name, strip_titles
from stance.extract.quotes import Span, sentence_bounds
from stance.extract.speakers import (
    PERSONAL,
    PRONOUNS,
    TITLES,
    Mention,
    attribute_left,
    without_full_stop,
)
from stance.extract.unsaid import unsaid

if TYPE_CHECKING:
    from stance.extract.resolver import Resolver
    from stance.extract.rules import Rules


class LayoutCues:
    """Layout cues over `text`; the `Attributor` gives the rest: its `rules`, `resolver`,
    `paragraphs`, `headings`, label patterns `labels`, the one-word names that speaker labels
    carry (`label_names`), and `_sentence` / `_paragraph_index`."""

    text: str
    rules: Rules
    resolver: Resolver
    paragraphs: list[tuple[int, int]]
    headings: list[tuple[int, int, str]]
    labels: tuple[re.Pattern[str], ...]
    label_names: frozenset[str]

    def _label(self, opener: int) -> Mention | None:
        """A bold label line ending just before the quote mark names the speaker, when it
        resolves to a person's name ('Secretary of Defense Pete Hegseth', not 'On prices')."""
        window = max(0, opener - 400)
        found = next(filter(None, (p.search(self.text, window, opener) for p in self.labels)), None)
        if found is None:
            return None
        group = "linked" if found.group("linked") else "plain"
        label, start = found.group(group), found.start(group)
        if not names_person(label):
            return None
        return Mention(label, start, ":", "label")

    def hypothetical(self, span: Span) -> bool:
        """True when the sentence frames the quote as hypothetical or generic words ('why
        not just say, “...”', 'critics who say “...”', 'when a diplomat says, “...”',
        'the world should say to Hamas, “...”', 'Imagine if he said, “...”')."""
        start, _ = self._sentence(span.open_mark)
        return HYPOTHETICAL.search(self.text, start, span.open_mark) is not None

    def unsaid(self, span: Span) -> str | None:
        """The v2 rule whose frame makes the quote nobody's said words (`unsaid.unsaid`)."""
        return unsaid(self.text, self._sentence(span.open_mark)[0], span, self.rules)

    def _colon_source(self, opener: int) -> Mention | None:
        """'So, Citigroup: “...”': a capitalised name (a person or an organisation) with a
        colon right before the quote, opening a sentence or a clause; not a transcript label
        in capitals ('MS. PSAKI:', 'Q:') nor a word such as 'Quote:'."""
        found = COLON_SOURCE.search(self.text, max(0, opener - 120), opener)
        if found is None:
            return None
        name = found.group("name")
        if name.isupper() or name.lower().strip(".") in NOT_SOURCES or name.lower() in PRONOUNS:
            return None
        return Mention(name, found.start("name"), ":", "label")

    def _colon_name(self, opener: int) -> Mention | None:
        """'... doesn’t surprise Republican pollster Daron Shaw: “...”', 'Pollsters agree - Carl
        Bialik: “...”': a person's name (not in capitals) with a colon right before the quote,
        after a lower-case role ('pollster', 'secretary of state') or a dash."""
        found = COLON_NAME.search(self.text, max(0, opener - 80), opener)
        if found is None or found.group("name").isupper():
            return None
        role = found.group("role")
        if role and not (role in TITLES or AGENT_NOUN.search(role)):
            return None
        if not is_person_name(strip_titles(found.group("name"))):
            return None
        return Mention(found.group("name"), found.start("name"), ":", "label")

    def _heading(self, opener: int) -> Mention | None:
        """A quote that opens a list item (or follows the item's topic link, '[On tariffs]
        (link): “...') belongs to the person the nearest heading above names ('### **Secretary
        Rubio on Meet the Press**' -> Rubio)."""
        item = next(reversed(list(ITEM.finditer(self.text, max(0, opener - 400), opener))), None)
        if item is None or not ITEM_LEAD.fullmatch(self.text, item.end(), opener):
            return None
        heading = next((h for h in reversed(self.headings) if h[0] <= item.start()), None)
        if heading is None:
            return None
        title = heading[2].replace("\xa0", " ")
        start = heading[1] + len(title) - len(title.lstrip("*_ "))
        label = TOPIC.split(title.strip("*_ "), maxsplit=1)[0]
        if not names_person(label, surname=True):
            return None
        name = self.resolver.resolve(label, start)
        return Mention(label, start, "heading", "label") if is_person_name(name or "") else None

    def _lead(self, opener: int) -> Mention | None:
        """A quote after a list item's topic label ('-   [**On prices**](link)**:** “...')
        belongs to the person the list's lead paragraph is about: the person subject of its
        last sentence that has one ('President Jane Roe, in an interview, outlined ...'). The
        walk back to the lead passes list items and paragraphs that open with a bold or
        linked label; a heading stops it."""
        item = next(reversed(list(ITEM.finditer(self.text, max(0, opener - 400), opener))), None)
        if item is None or not TOPIC_ITEM.fullmatch(self.text, item.end(), opener):
            return None
        index = self._paragraph_index(item.start())
        while index > 0:
            index -= 1
            start, end = self.paragraphs[index]
            if self.text[start:end].lstrip().startswith("#"):
                return None
            if not NOT_LEAD.match(self.text, start, end):
                break
        else:
            return None
        for s_start, s_end in reversed(sentence_bounds(self.text, start, end)):
            found = self.resolver.sentence_subject(s_start, s_end)
            if found is None:
                continue
            offset, mention, name = found
            if mention.lower() in PERSONAL:
                name = self.resolver.resolve(mention, offset)
            if name and is_person_name(name):
                return Mention(mention, offset, "lead", "lead")
        return None

    def _heard_from(self, start: int, opener: int) -> Mention | None:
        """'you heard from the President directly last night that, “...”': the person the
        sentence says was heard from, when the name resolves to a person's."""
        found = next(reversed(list(HEARD_FROM.finditer(self.text, start, opener))), None)
        if found is None:
            return None
        mention = without_full_stop(found.group("name"))
        name = self.resolver.resolve(mention, found.start("name"))
        if not is_person_name(name or "") and name not in self.label_names:
            return None
        return Mention(mention, found.start("name"), "heard from", "heard-from")

    def _opens_paragraph(self, opener: int) -> bool:
        return any(start == opener for start, _ in self.paragraphs)

    def _colon_intro(self, opener: int) -> Mention | None:
        index = next(i for i, (s, _) in enumerate(self.paragraphs) if s == opener)
        if index == 0:
            return None
        start, end = self.paragraphs[index - 1]
        if not self.text[start:end].rstrip().endswith(":"):
            return None
        s_start, s_end = sentence_bounds(self.text, start, end)[-1]
        return attribute_left(self.text, s_start, s_end)
