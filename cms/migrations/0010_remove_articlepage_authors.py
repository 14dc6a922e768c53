from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cms", "0009_article_authors_copy")]

    operations = [migrations.RemoveField(model_name="articlepage", name="authors")]
