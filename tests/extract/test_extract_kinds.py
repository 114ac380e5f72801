"""Document kind detection."""

from stance.extract.kinds import detect_kind
from tests.extract.conftest import REMARKS

TRANSCRIPT = (
    "MS. PSAKI:  Good afternoon. We have a few things to cover today.\n\n"
    "Q    Thanks, Jen. What about Ukraine?\n\n"
    "MS. PSAKI:  We will keep sending aid as long as it takes.\n\n"
    "MR. KIRBY:  And the Pentagon agrees with that fully.\n"
)


def test_transcript_post_address_article():
    assert detect_kind(TRANSCRIPT) == "transcript"
    assert detect_kind("💬 Sergey Lavrov: The West is lying. Again.") == "post"
    speech = "Good evening. We fight, and we will win. Our people are strong. I thank you."
    assert detect_kind(speech, speaker_known=True) == "address"
    assert detect_kind(speech) == "article"  # no speaker: its units would have none


def test_headline_with_a_colon_is_not_a_transcript():
    text = "The Latest: Trump urges supporters\n\n“We will win,” Trump said on Monday.\n"
    assert detect_kind(text * 3) == "article"


def test_one_speakers_remarks_that_take_questions_are_a_transcript():
    assert detect_kind(REMARKS, asked=True) == "transcript"
    assert detect_kind(REMARKS) == "article"  # v1: two named speakers needed
    unasked = REMARKS.replace("Q    ", "")
    assert detect_kind(unasked, asked=True) == "article"
