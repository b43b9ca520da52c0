import datetime

from django.db import migrations, models
from django.db.models import Q


def fill_dates(apps, schema_editor):
    """Give editions published before this migration their sort date and last-updated time."""
    Edition = apps.get_model("reports", "Edition")
    for edition in Edition.objects.all():
        edition.sort_date = edition.period_start or edition.first_published_at.date()
        edition.public_updated_at = edition.published_at
        edition.save(update_fields=["sort_date", "public_updated_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="edition",
            name="sort_date",
            field=models.DateField(
                default=datetime.date(2000, 1, 1),
                help_text="Orders the series: the period's first day, else the first publication day.",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="edition",
            name="public_updated_at",
            field=models.DateTimeField(
                default=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC),
                help_text="When readers were last told of a change: the last major edition.",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_dates, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="edition",
            name="title",
            field=models.CharField(help_text="The chosen headline, else the title.", max_length=200),
        ),
        migrations.AlterField(
            model_name="edition",
            name="content",
            field=models.JSONField(
                default=dict,
                help_text="Frozen structured content: rendered sections, media references and the update history (schema in README.md).",
            ),
        ),
        migrations.AlterField(
            model_name="edition",
            name="minor",
            field=models.BooleanField(
                default=False, help_text="Minor changes (typos) do not change “Last updated”."
            ),
        ),
        migrations.AddIndex(
            model_name="edition",
            index=models.Index(
                condition=Q(("is_live", True)),
                fields=["series", "sort_date"],
                name="live_edition_series_order",
            ),
        ),
        migrations.AddIndex(
            model_name="edition",
            index=models.Index(
                condition=Q(("is_live", True)),
                fields=["-first_published_at"],
                name="live_edition_newest_first",
            ),
        ),
    ]
