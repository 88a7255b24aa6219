import pytest

from knotenpunkt.commitments.services.commitments import create_commitment, publish_version

TEXT = "### Grundsätze\n\nWir gehen verantwortungsvoll mit Daten um.<script>alert(1)</script>"


@pytest.fixture
def berta(other_cluster):
    from tests.factories import UserFactory

    user = UserFactory(email="berta@logistik.example", is_staff=True)
    other_cluster.staff.add(user)
    return user


@pytest.fixture
def code(alice, cluster):
    """The cluster's code of digital ethics, version 1 published."""
    commitment = create_commitment(
        alice, cluster, title="Kodex digitale Ethik", slug="digitale-ethik", text=TEXT
    )
    publish_version(alice, commitment.versions.get())
    return commitment
