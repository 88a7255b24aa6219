from django.urls import path

from knotenpunkt.events.views import calendar, registrations

app_name = "events"
urlpatterns: list = [
    path("my-registrations/", registrations.my_registrations, name="my_registrations"),
    path("registrations/<int:pk>/cancel/", registrations.cancel, name="cancel"),
    path("registrations/<int:pk>/ticket.pdf", registrations.ticket, name="ticket"),
    path("<slug:slug>/", registrations.event_detail, name="event"),
    path("<slug:slug>/register/", registrations.register, name="register"),
    path("<slug:slug>/check-in/", registrations.check_in, name="checkin"),
    # calendar, feeds, exports
    path("", calendar.calendar, name="calendar"),
    path("feeds/cluster/<slug:slug>.ics", calendar.cluster_feed, name="cluster_feed"),
    path("feeds/group/<slug:slug>.ics", calendar.group_feed, name="group_feed"),
    path("figures/attendance/", calendar.attendance_overview, name="attendance_overview"),
    path("<slug:slug>/calendar.ics", calendar.event_ics, name="event_ics"),
    path("<slug:slug>/attendees.csv", calendar.attendees_csv, name="attendees_csv"),
    path("<slug:slug>/attendance/", calendar.attendance, name="attendance"),
]
