from django.db import migrations


def forwards(apps, schema_editor):
    from ocop.evaluation.seed import seed

    seed(apps.get_model("evaluation", "ReviewStep"), apps.get_model("evaluation", "ScoringSheet"),
         apps.get_model("evaluation", "Criterion"))


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
