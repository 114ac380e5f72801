"""Grammatical gender of person names, so that 'he' / 'she' find an agreeing antecedent.

Evidence, strongest first: a gendered title before the surname anywhere in the document
('Mr. Obama', 'Mrs. Clinton', 'Sen. ... ' says nothing), then the first name in a short list
of common English given names and of world leaders' given names that news text uses.
Our own list rather than a package: the maintained name-gender packages on PyPI are GPL
(gender-guesser) or call a web service (genderize); a few hundred names cover news text.
A name with no evidence has unknown gender and agrees with either pronoun.
"""

from __future__ import annotations

import re
from typing import Literal

from stance.extract.speakers import TITLES, wordset

Gender = Literal["m", "f"]

MALE_FIRST = wordset(
    "aaron adam alan albert alex alexander alexei andrew andy anthony antonio arthur barack ben "
    "benjamin bernie bill billy bob bobby boris brad brandon brett brian bruce bryan carl carlos "
    "charles charlie chris christopher chuck cory craig dan daniel darrell dave david dennis "
    "dick don donald doug douglas duncan ed eddie edward emmanuel eric evan frank fred gary gavin "
    "gene george gerald glenn greg gregory harry henry howard ian jack jake james jared jason "
    "jeb jeff jeffrey jeremy jerry jesse jim jimmy joe joel john johnny jon jonathan jose joseph "
    "josh joshua juan justin keir keith ken kenneth kevin kirk larry leon "
    "louis luis marco mark martin matt matthew max michael mike mitch mitt mohammed muhammad "
    " neil nicholas nick olaf oliver patrick paul peter phil philip ralph randy ray "
    "reince richard rick rob robert rod roger ron ronald roy rudy rudolph russell ryan sam "
    "samuel scott sean sergei sergey stephen steve steven ted thomas tim timothy todd "
    "tom tony victor vladimir volodymyr walter wayne william xi yevgeny"
)
FEMALE_FIRST = wordset(
    "abigail alice alicia alison amanda amy andrea angela ann anna anne annalena barbara betsy "
    "betty beverly brenda carly carol caroline catherine cheryl christine claire cynthia "
    " debbie deborah diana diane donna dorothy elaine elizabeth ellen elise emily emma "
    "erin eva evelyn frances gina grace gwen hannah heather helen hillary ivanka jane janet "
    " jennifer jessica jill joan joanna judith judy julia julie karen kamala karine kate "
    "katherine kathleen kathy kellyanne kirsten kristen laura lauren linda lisa "
    "liz lori louise lynn madeleine margaret maria marie marine marsha martha mary megan "
    "melania melanie melissa meryl michelle monica natalie nicola nikki olivia "
    "pamela patricia patty paula rachel rebecca ruth sally samantha sandra sarah sharon "
    "sheila stephanie susan suzanne tammy theresa tulsi ursula valerie victoria virginia "
    "wendy"
)
# More given names (v2 `more_given_names`), for the extractor only: the PolNeAR scorer picks
# gold names with the lists above, and keeps doing so. Names used for both sexes are left out.
MORE_MALE_FIRST = wordset(
    "abraham ahmed akhil ali andre antonin ari arturo barry bashar benny bernard bradley "
    "brendan brent bret calvin cameron cesar chad clarence claude colin cornel "
    "corey curt curtis dale darren dean derek dmitry dominic dwight earl eli "
    "elijah elliot enrique erik ernest ethan eugene fidel francis francisco fethullah gabriel "
    "geert geoff geoffrey gilbert glen gonzalo gordon hank harold harvey herman hugh "
    "hugo igor isaac ivan jacob jay jeremiah jerome jesus joaquin jorge karl khizr kieran "
    "kurt lamar lance laurence lawrence leonard lloyd lou lyndon malcolm manuel "
    "marcel marcus mario maurice merrick michel miguel mikhail mitchell mohamed "
    "mohammad morris nate nathan neal newt nigel norman omar orrin oscar otto pablo pedro "
    "pete rahm ramon rand raul raymond reggie rex reuben ricardo ricky robby roberto "
    "rodrigo rory ross rupert russ salman sanjay seth shawn sheldon sherrod sidney simon "
    "stan stanley stuart syed tad terrence theodore tobias travis trayvon trent trey troy "
    "tucker vernon vince vincent viktor warren wes wesley wilbur willard willie xavier zach "
    "zachary"
)
MORE_FEMALE_FIRST = wordset(
    "abby adriana agnes aisha alexandra alexis allison alyona amber angelina "
    "anita annette ashley becky belinda bernadette beth bonnie brigid brooke candace "
    "carmen carolyn cecile chelsea christina cindy claudia colleen condoleezza courtney "
    "daniela darlene debra denise dianne dolores doris edith eileen elena elisabeth "
    "eliza ella erica esther eugenia felicia fiona gabrielle gail geraldine gloria "
    "gretchen hailey harriet heidi helena huma ilia ines irene ivana jana "
    "janice jeanne jeanette jenna jenny joanne jocelyn joni josephine joyce "
    "juanita karla karlee katie katrina kelsey kristin leah lena "
    "loretta lucia lucy mackenzie mallory marcia margarita marla maxine "
    "megyn melanne mia michele mika miranda molly nadia nancy naomi natasha nicole nina "
    "nora norma paige phyllis priscilla rachael rebekah regina renee rhonda rita "
    "roberta rosa rosalind roxanne sabrina sara shannon sheryl shirley sonia stacey "
    "sylvia tamara tanya tashfeen teresa tina tracy valeria vanessa vera veronica "
    "yvonne zeynep zoe"
)
# Every given name the lists above hold, of either gender.
GIVEN_NAMES = MALE_FIRST | FEMALE_FIRST | MORE_MALE_FIRST | MORE_FEMALE_FIRST

_MALE_TITLES = wordset("mr mr. sir lord king prince")
_FEMALE_TITLES = wordset("mrs mrs. ms ms. miss dame lady queen princess")
_TITLE_BEFORE = re.compile(
    r"\b(Mr|Mrs|Ms|Miss|Sir|Lord|Dame|Lady|King|Queen|Prince|Princess)\.?\s+"
    r"(?:[A-Z][\w’'\-]*\.?\s+)*?([A-Z][\w’'\-]+)\b"
)


def title_gender(title: str) -> Gender | None:
    """'Mr.' -> 'm', 'Ms' -> 'f', anything else -> None."""
    low = title.lower()
    return "m" if low in _MALE_TITLES else "f" if low in _FEMALE_TITLES else None


def surname_genders(text: str) -> dict[str, Gender]:
    """Surname -> gender from the titled mentions of a document ('Mrs. Clinton' -> f);
    a surname seen with both kinds of title (two people) is left out."""
    seen: dict[str, set[str]] = {}
    for match in _TITLE_BEFORE.finditer(text):
        gender = title_gender(match.group(1))
        if gender:
            seen.setdefault(match.group(2), set()).add(gender)
    return {name: genders.pop() for name, genders in seen.items() if len(genders) == 1}


def name_gender(
    name: str, surnames: dict[str, Gender] | None = None, more: bool = False, titled: bool = False
) -> Gender | None:
    """Gender of a full name from the document's titles, else its first name; None if unknown.
    With `more` (v2 `more_given_names`) the further given names count too, before a surname;
    with `titled` (v2 `titled_genders`) only the words after the name's last title word do."""
    words = name.split()
    if not words:
        return None
    if surnames and words[-1] in surnames:
        return surnames[words[-1]]
    if titled:
        words = _after_titles(words)
    for word in words[:-1] or words:  # 'New Jersey Gov. Chris Christie': any given name
        low = word.lower()
        if low in MALE_FIRST or low in FEMALE_FIRST:
            return "m" if low in MALE_FIRST else "f"
    for word in words[:-1] if more else ():  # not one word: 'Warren' is also a surname
        low = word.lower()
        if low in MORE_MALE_FIRST or low in MORE_FEMALE_FIRST:
            return "m" if low in MORE_MALE_FIRST else "f"
    return None


# Title words, not the articles and initials the title list also holds ('Jill A. Martin').
_TITLE_WORDS = TITLES - wordset("the a an of")


def _after_titles(words: list[str]) -> list[str]:
    """The words after the last title word, where any are left: 'Virginia Gov. Terry
    McAuliffe' -> 'Terry McAuliffe' (a place before a title is no given name)."""
    titles = [i for i, w in enumerate(words) if w.lower().rstrip(".") in _TITLE_WORDS]
    last = titles[-1] if titles else -1
    return words[last + 1 :] or words


def pronoun_gender(pronoun: str) -> Gender | None:
    """'he' -> 'm', 'she' -> 'f'."""
    return {"he": "m", "she": "f"}.get(pronoun.lower())
