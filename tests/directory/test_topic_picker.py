"""The topic picker on the forms where topics are chosen: the chosen ones come first, and
the search finds a topic by its synonyms and its label in the other language."""

import re

from django.urls import reverse

from knotenpunkt.directory.models import Topic
from tests.directory.test_views import profile_data

CHECKBOX = r'<input type="checkbox" name="{name}" value="(\d+)"'


def _values(html: str, name: str = "topics") -> list[int]:
    return [int(v) for v in re.findall(CHECKBOX.format(name=name), html)]


def test_profile_form_lists_the_chosen_topics_before_all_others(client_for, bob, member_org):
    # The last topic of the tree and one in its middle: without the picker both sit far
    # down a list of 228 checkboxes.
    last, middle = Topic.objects.order_by("-label_de")[0], Topic.objects.get(slug="it-sicherheit")
    member_org.topics.add(last, middle)
    html = client_for(bob).get(reverse("directory:organisation_edit", args=["nordlicht"])).text
    values = _values(html)
    assert len(values) == Topic.objects.count()
    assert set(values[:2]) == {last.pk, middle.pk}
    assert values.count(last.pk) == 1


def test_profile_form_loads_the_picker_script_from_the_site_itself(client_for, bob, member_org):
    html = client_for(bob).get(reverse("directory:organisation_edit", args=["nordlicht"])).text
    assert '<script src="/static/knotenpunkt/widgets/topic-picker.js" defer></script>' in html
    assert "<script>" not in html  # no inline script: the CSP forbids it


def test_picker_finds_a_topic_by_synonym_and_english_label(client_for, carol):
    html = client_for(carol).get(reverse("accounts:me")).text
    ai = Topic.objects.get(slug="kuenstliche-intelligenz")
    option = re.search(
        rf'data-search="([^"]*)"><input type="checkbox" name="topics" value="{ai.pk}"', html
    )
    assert option is not None
    words = option.group(1).split()
    assert {"kunstliche", "ki", "artificial"} <= set(words)


def test_saving_the_profile_keeps_the_chosen_topics(client_for, bob, member_org):
    topic = Topic.objects.get(slug="it-sicherheit")
    data = profile_data(member_org)
    data["topics"] = [topic.pk]
    response = client_for(bob).post(
        reverse("directory:organisation_edit", args=["nordlicht"]), data
    )
    assert response.status_code == 302
    assert list(member_org.topics.all()) == [topic]
