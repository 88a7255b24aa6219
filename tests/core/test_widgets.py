import re

import pytest
from django import forms
from django.utils import translation

from knotenpunkt.core.widgets import PlainSelect, TopicPicker, search_text


class Choice(forms.Form):
    colour = forms.ChoiceField(
        choices=[("", "Alle"), ("rot", "Rot & Gelb"), ("<b>", "Blau")],
        required=False,
        widget=PlainSelect,
        label="Farbe",
    )


def test_plain_select_renders_like_django_select_with_selection_and_escaping():
    html = str(Choice({"colour": "rot"})["colour"])
    # In KERN's wrapper, which draws the arrow; the renderer adds KERN's control class.
    assert html.startswith(
        '<div class="kern-form-input__select-wrapper"><select name="colour" '
        'class="kern-form-input__select" id="id_colour">'
    )
    assert '<option value="rot" selected>Rot &amp; Gelb</option>' in html
    assert '<option value="&lt;b&gt;">Blau</option>' in html
    assert html.count("selected") == 1


def test_plain_select_marks_invalid_choice_for_assistive_technology():
    form = Choice({"colour": "lila"})
    assert not form.is_valid()
    assert 'aria-invalid="true"' in str(form["colour"])


@pytest.fixture(autouse=True)
def english():
    """These tests read the source strings; the German catalogue is checked apart."""
    with translation.override("en"):
        yield


class Topics(forms.Form):
    topics = forms.MultipleChoiceField(
        choices=[
            ("1", "Digitalisierung"),
            ("2", "\u2003Künstliche Intelligenz"),
            ("3", "\u2003\u2003Sprachmodelle <LLM>"),
            ("4", "Logistik"),
        ],
        required=False,
        widget=TopicPicker,
        label="Themen",
    )


def _option_order(html: str) -> list[str]:
    return re.findall(r'<input type="checkbox" name="topics" value="(\d+)"', html)


def test_topic_picker_shows_the_chosen_topics_first_without_script():
    html = str(Topics({"topics": ["3", "4"]})["topics"])
    assert _option_order(html) == ["3", "4", "1", "2"]
    chosen, others = html.split("Other topics")
    assert "Chosen topics" in chosen
    assert chosen.count(" checked") == 2
    assert others.count(" checked") == 0


def test_topic_picker_without_a_choice_shows_the_tree_in_its_order_without_headings():
    html = str(Topics()["topics"])
    assert _option_order(html) == ["1", "2", "3", "4"]
    assert "Other topics" not in html


def test_topic_picker_keeps_ids_labels_and_escaping_of_each_option():
    html = str(Topics({"topics": ["3"]})["topics"])
    assert 'id="id_topics_2"' in html and 'for="id_topics_2"' in html
    assert "Sprachmodelle &lt;LLM&gt;" in html
    # The tree's em-space indent becomes a class, so search results are not indented.
    assert "topic-picker__option--depth-2" in html
    assert "\u2003" not in html
    assert 'class="kern-form-check__checkbox"' in html


def test_topic_picker_offers_its_search_box_and_live_region_to_the_script():
    html = str(Topics()["topics"])
    assert '<label class="kern-label" for="id_topics_search">' in html
    assert 'role="status"' in html
    assert 'data-status-other="{count} topics match"' in html
    # Without script the tools stay hidden: a search box that does nothing would confuse.
    assert '<div class="topic-picker__tools" hidden>' in html


def test_topic_picker_finds_topics_by_synonyms_without_accents():
    form = Topics()
    form.fields["topics"].widget.search_terms = {"2": "KI AI Artificial Intelligence"}
    html = str(form["topics"])
    assert 'data-search="kunstliche intelligenz ki ai artificial intelligence"' in html
    assert search_text("Straße", "Ölförderung") == "strasse olforderung"


def test_topic_picker_brings_its_script_deferred_and_its_styles():
    media = str(Topics().media)
    assert '<script src="/static/knotenpunkt/widgets/topic-picker.js" defer></script>' in media
    assert "knotenpunkt/widgets/topic-picker.css" in media
