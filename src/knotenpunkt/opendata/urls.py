from django.urls import path, register_converter

from knotenpunkt.opendata import views

app_name = "opendata"


class DistributionFormat:
    regex = "csv|json"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class CatalogueFormat(DistributionFormat):
    regex = "ttl|rdf|jsonld"


register_converter(DistributionFormat, "distribution_format")
register_converter(CatalogueFormat, "catalogue_format")

urlpatterns = [
    path("", views.index, name="index"),
    # The catalogue's stable addresses, for GovData's harvester (docs/open-data.md).
    path("catalog", views.catalog, name="catalog"),
    path("catalog.<catalogue_format:fmt>", views.catalog_file, name="catalog_file"),
    path("manage/", views.manage, name="manage"),
    path("manage/<slug:cluster>/", views.manage_cluster, name="manage_cluster"),
    path("manage/<slug:cluster>/add/<slug:kind>/", views.add, name="add"),
    path("manage/<slug:cluster>/<slug:kind>/", views.edit, name="edit"),
    path("manage/<slug:cluster>/<slug:kind>/refresh/", views.refresh, name="refresh"),
    path("<slug:cluster>/<slug:kind>", views.dataset, name="dataset"),
    path(
        "<slug:cluster>/<slug:kind>.<distribution_format:fmt>",
        views.download,
        name="download",
    ),
]
