"""First names, male and female: the gender of "he said" (coreference) and the sign that
"Jim Jordan" is a person although "Jordan" is a country (names). The hand list below is
both; the census table of :mod:`.first_name_table` only gives a gender, since many of its
names are words too ("Hope", "Young", "Page")."""

from __future__ import annotations

# fmt: off
#: A small first-name gender list, enough to keep "she said" off the last man quoted.
_MALE_NAMES_TEXT = """
    aaron adam al alan albert alex alexander andrew andy anthony ben benjamin bernie bill
    billy bob bobby brad brandon brian bruce carl carlos charles charlie chris christopher
    chuck cory dan daniel dave david dennis derek don donald doug douglas ed eddie edward
    eric frank fred gary george glenn greg gregory harry henry howard ian jack jacob jake
    james jared jason jeb jeff jeffrey jeremy jerry jesse jim jimmy joe joel john johnny
    jon jonathan jorge jose joseph josh joshua juan justin keith ken kenneth kevin kyle
    larry lee lindsey luis marco mark martin matt matthew michael mike mitch mitt nathan
    newt nick nicholas pat patrick paul pete peter phil philip ralph randy ray reince rick
    richard rob robert roger ron ronald rudy rush russell ryan sam samuel scott sean sergei
    steve steven stephen ted terry thomas tim timothy todd tom tony vladimir walter wayne
    william willie barack jeh rand corey reid rahm elijah hakeem bashar recep emmanuel
    francois xi ali omar mohammed muhammad ahmed hassan abdul jamal tyrone trey chad cody
    dustin travis tucker stuart marc will
"""

_FEMALE_NAMES_TEXT = """
    abigail alice alicia allison amanda amy andrea angela ann anna anne barbara betsy
    betty beth carly carol caroline catherine chelsea christine claire cynthia debbie
    deborah debra diana diane dianne donna dorothy elaine elizabeth ellen emily emma erin
    eva gina hannah heather heidi helen hillary huma ivanka jan jane janet jennifer jessica
    jill joan joanne joni jody joyce judith judy julia julie karen kate katherine kathleen
    kathy katie kelly kellyanne kim kimberly kirsten laura lauren linda lisa liz lori
    madeleine maggie margaret maria marie marsha martha mary megan megyn melania melissa
    michelle monica nancy natalie nicole nikki nina olivia pam pamela patricia patty paula
    peggy rachel rebecca rosa ruth sally samantha sandra sara sarah sharon shirley stephanie
    susan susana suzanne tammy teresa theresa tina tulsi valerie victoria virginia wendy
    angela theresa marine hope sheila stacey tamara yvonne claudia dana ellen gretchen
    hope jeanne katrina kristen leslie lois loretta lynn marilyn marcia mia molly
    norah phyllis rhonda robin roseann sabrina shannon sonia tara terri ursula whitney
"""
# fmt: on

MALE_NAMES = frozenset(_MALE_NAMES_TEXT.split())
FEMALE_NAMES = frozenset(_FEMALE_NAMES_TEXT.split())
#: Either gender: a word in this set opening a two-word name makes it a person's.
FIRST_NAMES = MALE_NAMES | FEMALE_NAMES


def first_name_gender(word: str) -> str:
    """'m', 'f' or '' for a lower-case first name: the hand list above first (it knows the
    people in the news: "Lindsey" Graham, "Lee" Zeldin), then the census table (names given
    to one gender nine times in ten: "Geoff", "Dewayne", "Jillian", "Kimberley")."""
    if word in MALE_NAMES:
        return "m"
    if word in FEMALE_NAMES:
        return "f"
    # imported on first use: the search side imports this module for merge_names and
    # never asks a gender, so its cold start does not build the 5,000-name sets
    from .first_name_table import CENSUS_FEMALE, CENSUS_MALE

    if word in CENSUS_MALE:
        return "m"
    if word in CENSUS_FEMALE:
        return "f"
    return ""
