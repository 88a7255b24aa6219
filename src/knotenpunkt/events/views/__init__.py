"""The events' pages, by sub-domain: `registrations` (an event's page, registering,
tickets, check-in) and `calendar` (the public calendar, iCal feeds and files, the staff's
attendee list and attendance figures)."""
