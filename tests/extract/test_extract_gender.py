"""Gender of names and pronoun agreement (extractor v2)."""

from stance.extract.extractor import extract_quotes
from stance.extract.gender import name_gender, surname_genders

TWO_SPEAKERS = (
    "Senator Jane Miller met Governor Tom Baker on Monday. Jane Miller said the talks went well. "
    "Tom Baker spoke next.\n\n"
    "“We will sign the deal this week,” she said."
)


def test_titles_in_the_document_outrank_the_given_name_list():
    surnames = surname_genders("Mrs. Clinton met Mr. Obama. Mr. Smith and Ms. Smith left.")
    assert surnames == {"Clinton": "f", "Obama": "m"}
    assert name_gender("Hillary Clinton", surnames) == "f"
    assert name_gender("Barack Obama") == "m"
    assert name_gender("New Jersey Gov. Chris Christie") == "m"
    assert name_gender("Rakeyia Scott") is None


def test_titled_reads_the_given_name_after_the_last_title_only():
    assert name_gender("Virginia Gov. Terry McAuliffe") == "f"  # 'Virginia'
    assert name_gender("Virginia Gov. Terry McAuliffe", titled=True) is None
    assert name_gender("Virginia Sen. Tim Kaine", titled=True) == "m"
    assert name_gender("Jill A. Martin", titled=True) == "f"  # 'A.' is no title


def test_she_skips_a_later_man_for_the_woman_v2_only():
    v2 = extract_quotes(TWO_SPEAKERS, version="v2")
    assert [q.speaker for q in v2] == ["Jane Miller"]
    v1 = extract_quotes(TWO_SPEAKERS, version="v1")
    assert [q.speaker for q in v1] == ["Tom Baker"]


def test_unknown_given_names_still_agree_and_datelines_are_no_subject():
    text = (
        "MIDWAY ATOLL — Rakeyia Ndlovu said the island was shrinking.\n\n"
        "“The water is rising every year,” she said."
    )
    assert [q.speaker for q in extract_quotes(text, version="v2")] == ["Rakeyia Ndlovu"]


def test_coordinated_verb_takes_the_subject_whatever_its_gender():
    text = "Hillary Clinton praised the deal, adding that “it is a good day for workers.”"
    assert [q.speaker for q in extract_quotes(text, version="v2")] == ["Hillary Clinton"]


def test_more_given_names_count_only_when_asked_and_before_a_surname():
    assert name_gender("Newt Gingrich") is None
    assert name_gender("Newt Gingrich", more=True) == "m"
    assert name_gender("Megyn Kelly", more=True) == "f"
    assert name_gender("Warren", more=True) is None  # one word may be a surname
