from django.urls import path

from knotenpunkt.jobs.views import board, digest, postings

app_name = "jobs"
urlpatterns = [
    path("", board.board, name="board"),
    path("new/", postings.posting_new, name="new"),
    path("new/<slug:organisation>/", postings.posting_create, name="create"),
    path("mine/", postings.my_postings, name="mine"),
    path("review/", postings.review, name="review"),
    path("settings/<slug:cluster>/", postings.cluster_settings, name="cluster_settings"),
    path("digest/", digest.digest, name="digest"),
    path("digest/confirm/<str:token>/", digest.digest_confirm, name="digest_confirm"),
    path("digest/unsubscribe/<str:token>/", digest.digest_unsubscribe, name="digest_unsubscribe"),
    path("<slug:slug>/", board.posting_detail, name="detail"),
    path("<slug:slug>/edit/", postings.posting_edit, name="edit"),
    path("<slug:slug>/submit/", postings.posting_submit, name="submit"),
    path("<slug:slug>/withdraw/", postings.posting_withdraw, name="withdraw"),
    path("<slug:slug>/renew/", postings.posting_renew, name="renew"),
    path("<slug:slug>/approve/", postings.posting_approve, name="approve"),
    path("<slug:slug>/reject/", postings.posting_reject, name="reject"),
]
