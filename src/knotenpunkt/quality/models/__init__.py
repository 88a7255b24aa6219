from knotenpunkt.quality.models.duplicates import *  # noqa: F403
from knotenpunkt.quality.models.merges import *  # noqa: F403
