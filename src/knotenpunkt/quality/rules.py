"""Duplicates, merge and data quality are the cluster management's own work: members never
see each other's raw records."""

import rules

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.rules import is_cluster_staff

rules.add_perm("quality.view_quality", is_platform_admin | is_cluster_staff)
rules.add_perm("quality.review_duplicates", is_platform_admin | is_cluster_staff)
rules.add_perm("quality.merge_records", is_platform_admin | is_cluster_staff)
