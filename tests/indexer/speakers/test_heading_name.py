"""Issue 18, ninth round: a person's name on a line of its own heads the paragraphs under
it (listicles: 'Winners' / 'Kamala Harris' / 'The California senator ...'), so a "she
said" there points back to it, when its first name is known or the text uses its surname
again (a site's "Story Continued Below" heads nobody). Generated names, roles, quotes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

WOMEN = ["Kamala Okafor", "Susan Lindqvist", "Maria Brandt"]
MEN = ["Thomas Castellanos", "Michael Verhoef"]
ROLES = ["The California senator", "The former prosecutor", "The candidate"]


@settings(deadline=None)
@given(st.sampled_from(WOMEN), st.sampled_from(MEN), st.sampled_from(ROLES))
def test_a_heading_name_is_the_antecedent_of_the_pronoun_below_it(
    woman: str, man: str, role: str
) -> None:
    text = (f"WINNERS\n\n{woman}\n\n{role} had the most memorable line of the debates.\n\n"
            "On immigration, the talk turned to families denied asylum at the border.\n\n"
            '"That is not who we are, and it has got to end," she said.\n\n'
            f"{woman.split()[-1]} picked her moments all evening.\n\n"
            f'{man}\n\n"It was a victory for the other party," he said.')
    assert quotes_by_person(text) == {
        woman: ["That is not who we are, and it has got to end"],
        man: ["It was a victory for the other party"]}


@settings(deadline=None)
@given(st.sampled_from(MEN))
def test_a_page_s_furniture_line_heads_nobody(man: str) -> None:
    """"Story Continued Below" (a site's line between paragraphs) is no name: the "he"
    under it is the speaker named before it."""
    text = (f'Asked about his returns, {man} said "I doubt it."\n\nStory Continued Below\n\n'
            '"Nobody cares about my tax return except for the reporters," he said.')
    assert quotes_by_person(text) == {
        man: ["I doubt it.", "Nobody cares about my tax return except for the reporters"]}
