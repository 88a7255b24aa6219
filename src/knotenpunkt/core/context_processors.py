from django.conf import settings


def platform(request):
    return {"PLATFORM_NAME": "Knotenpunkt", "DEBUG": settings.DEBUG}
