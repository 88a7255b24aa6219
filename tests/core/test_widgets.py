from django import forms

from knotenpunkt.core.widgets import PlainSelect


class Choice(forms.Form):
    colour = forms.ChoiceField(
        choices=[("", "Alle"), ("rot", "Rot & Gelb"), ("<b>", "Blau")],
        required=False,
        widget=PlainSelect,
        label="Farbe",
    )


def test_plain_select_renders_like_django_select_with_selection_and_escaping():
    html = str(Choice({"colour": "rot"})["colour"])
    assert html.startswith('<select name="colour" id="id_colour">')
    assert '<option value="rot" selected>Rot &amp; Gelb</option>' in html
    assert '<option value="&lt;b&gt;">Blau</option>' in html
    assert html.count("selected") == 1


def test_plain_select_marks_invalid_choice_for_assistive_technology():
    form = Choice({"colour": "lila"})
    assert not form.is_valid()
    assert 'aria-invalid="true"' in str(form["colour"])
