from django.db import migrations, models


def confirm_login_addresses(apps, schema_editor):
    """An address equal to its person's confirmed login was confirmed by the link the
    sign-up sent; every other address starts unconfirmed."""
    PersonEmail = apps.get_model("directory", "PersonEmail")
    User = apps.get_model("accounts", "User")
    logins = User.objects.filter(email_confirmed_at__isnull=False, person__isnull=False)
    for user in logins.values("person__pk", "email", "email_confirmed_at").iterator():
        PersonEmail.objects.filter(
            person_id=user["person__pk"], address__iexact=user["email"]
        ).update(confirmed_at=user["email_confirmed_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("directory", "0006_cluster_brand_colour"),
    ]

    operations = [
        migrations.AddField(
            model_name="personemail",
            name="confirmed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="confirmed"
            ),
        ),
        migrations.RunPython(confirm_login_addresses, migrations.RunPython.noop),
    ]
