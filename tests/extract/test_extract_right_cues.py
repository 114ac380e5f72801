"""Where the cue after a quote may be read to (`right_cues.aside_end`)."""

import pytest

from stance.extract.right_cues import aside_end

ASIDE = "” Texas delegate Carl Dunn, wearing “Vote Berg” pins, said as confetti fell."
QUOTED_VERB = "” Powell “thus confirmed a decision she had made,” the passage continued."


@pytest.mark.parametrize(
    ("text", "end"),
    [
        (ASIDE, len(ASIDE)),  # the aside holds no speech verb: read past it
        (QUOTED_VERB, QUOTED_VERB.index("“")),  # a quoted verb is a quoted speaker's
        ("” Carl Dunn said.", len("” Carl Dunn said.")),  # no later quote: the whole sentence
        ("” Carl Dunn said, “and more", len("” Carl Dunn said, ")),  # an unclosed one stops it
    ],
)
def test_the_cue_is_read_past_quoted_asides_only(text, end):
    assert aside_end(text, 1, len(text)) == end
