from django import forms

from knotenpunkt.opendata.models import Dataset


class DatasetForm(forms.ModelForm):
    class Meta:
        model = Dataset
        fields = [
            "is_published",
            "licence",
            "theme",
            "title_de",
            "title_en",
            "description_de",
            "description_en",
            "keywords",
        ]
        widgets = {
            "description_de": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }
