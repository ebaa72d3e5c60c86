from django.db import migrations

PHRASES = [  # the same as ocop.claims.DEFAULT_PHRASES at the time of writing
    "chữa khỏi", "chữa bệnh", "điều trị", "thay thế thuốc", "đặc trị", "ung thư", "trị dứt điểm",
    "khỏi bệnh", "tiểu đường", "cao huyết áp", "phòng ngừa bệnh",
]


def add(apps, schema_editor):
    Phrase = apps.get_model("ocop", "HealthClaimPhrase")
    for phrase in PHRASES:
        Phrase.objects.get_or_create(phrase=phrase, defaults={"note": "Luật Quảng cáo: thực phẩm, dược liệu không quảng cáo như thuốc"})


class Migration(migrations.Migration):
    dependencies = [("ocop", "0002_claim_review")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
