import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_position_end_semantics")]

    operations = [
        migrations.AddField(
            model_name="topic",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="updated"
            ),
            preserve_default=False,
        ),
    ]
