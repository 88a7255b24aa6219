from django.urls import path

from knotenpunkt.events import views

app_name = "events"
urlpatterns: list = [
    path("my-registrations/", views.my_registrations, name="my_registrations"),
    path("registrations/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("registrations/<int:pk>/ticket.pdf", views.ticket, name="ticket"),
    path("<slug:slug>/", views.event_detail, name="event"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/check-in/", views.check_in, name="checkin"),
]

# calendar, feeds, exports (P)
from knotenpunkt.events import views_public  # noqa: E402

urlpatterns += [
    path("", views_public.calendar, name="calendar"),
    path("feeds/cluster/<slug:slug>.ics", views_public.cluster_feed, name="cluster_feed"),
    path("feeds/group/<slug:slug>.ics", views_public.group_feed, name="group_feed"),
    path("figures/attendance/", views_public.attendance_overview, name="attendance_overview"),
    path("<slug:slug>/calendar.ics", views_public.event_ics, name="event_ics"),
    path("<slug:slug>/attendees.csv", views_public.attendees_csv, name="attendees_csv"),
    path("<slug:slug>/attendance/", views_public.attendance, name="attendance"),
]
