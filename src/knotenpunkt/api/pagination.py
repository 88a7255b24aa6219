"""One way to page through every list of the API: ?page=N&page_size=M (at most
MAX_PAGE_SIZE), answered as {count, page, page_size, next, previous, results}, where next
and previous are full URLs (or null) that keep the other query parameters."""

from typing import Any

from django.core.paginator import Paginator
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import PaginationBase

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class PageNumbers(PaginationBase):
    items_attribute = "results"

    class Input(Schema):
        page: int = Field(1, ge=1, description="The page, counted from 1.")
        page_size: int = Field(
            DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page."
        )

    class Output(Schema):
        count: int
        page: int
        page_size: int
        next: str | None
        previous: str | None
        results: list[Any]

    def paginate_queryset(self, queryset, pagination: Input, request, **params):
        from django.utils.translation import gettext as _

        paginator = Paginator(queryset, pagination.page_size)
        last = max(1, paginator.num_pages)
        if pagination.page > last:
            raise HttpError(
                404,
                _("There is no page %(page)s; the last is %(last)s.")
                % {"page": pagination.page, "last": last},
            )
        page = paginator.page(pagination.page)

        def link(number):
            query = request.GET.copy()
            query["page"] = number
            return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

        return {
            "count": paginator.count,
            "page": page.number,
            "page_size": pagination.page_size,
            "next": link(page.number + 1) if page.has_next() else None,
            "previous": link(page.number - 1) if page.has_previous() else None,
            "results": list(page.object_list),
        }
