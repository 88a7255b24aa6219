"""Importing into the central data repository is the cluster management's own work."""

import rules

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.rules import is_cluster_staff

rules.add_perm("imports.import_data", is_platform_admin | is_cluster_staff)
