from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ocop.evaluation.models import DocumentKind, Dossier, ProductIdea, RevocationProposal, group_choices
from ocop.evaluation.uploads import check_upload


class IdeaForm(forms.ModelForm):
    group = forms.ChoiceField(label=_("Nhóm sản phẩm"), choices=group_choices)

    class Meta:
        model = ProductIdea
        fields = ["proposer_name", "commune", "group", "title", "description", "raw_material"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "raw_material": forms.Textarea(attrs={"rows": 3})}


class DossierForm(forms.ModelForm):
    group = forms.ChoiceField(label=_("Nhóm sản phẩm"), choices=group_choices)

    class Meta:
        model = Dossier
        fields = ["product", "group", "summary", "raw_material_area", "self_assessed_stars"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "raw_material_area": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, products=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["product"]
        else:
            self.fields["product"].queryset = products
            self.fields["product"].empty_label = _("— Chọn sản phẩm —")


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=_("Tệp (PDF, JPEG, PNG, WebP; tối đa 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        check_upload(uploaded)
        return uploaded


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 3}))


class ForwardForm(forms.Form):
    note = forms.CharField(label=_("Ý kiến thẩm định (không bắt buộc)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ScoreForm(forms.Form):
    """One decimal field per criterion line of the sheet, bounded by the line's maximum."""

    note = forms.CharField(label=_("Ghi chú / lý do chấm lại"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        self.criteria = list(sheet.criteria.all())
        for criterion in self.criteria:
            self.fields[self.field_name(criterion)] = forms.DecimalField(
                label=f"{criterion.code}. {criterion.text}",
                min_value=Decimal("0"),
                max_value=criterion.max_points,
                max_digits=5,
                decimal_places=2,
                help_text=_("Tối đa %(max)s điểm") % {"max": criterion.max_points}
                + (" · " + str(_("tiêu chí bắt buộc")) if criterion.is_mandatory else ""),
                error_messages={
                    "max_value": _("Tối đa %(limit_value)s điểm."),
                    "min_value": _("Không được âm."),
                    "required": _("Hãy chấm tiêu chí này."),
                },
            )

    @staticmethod
    def field_name(criterion):
        return f"c_{criterion.pk}"

    def points(self):
        return {criterion.pk: self.cleaned_data[self.field_name(criterion)] for criterion in self.criteria}

    def grouped_fields(self):
        parts = {}
        for criterion in self.criteria:
            parts.setdefault(criterion.get_part_display(), []).append(self[self.field_name(criterion)])
        return parts.items()


class ResultForm(forms.Form):
    agreed_score = forms.DecimalField(
        label=_("Điểm thống nhất của hội đồng"), min_value=0, max_value=100, max_digits=5, decimal_places=2
    )
    mandatory_failed = forms.BooleanField(label=_("Có tiêu chí bắt buộc không đạt"), required=False)
    decision_number = forms.CharField(
        label=_("Số quyết định công nhận (3–4 sao) hoặc số tờ trình đề nghị Bộ (5 sao)"), max_length=64, required=False
    )
    decision_date = forms.DateField(
        label=_("Ngày quyết định / tờ trình (dd/mm/yyyy)"), required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )
    reason = forms.CharField(label=_("Ghi chú của hội đồng"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MinistryDecisionForm(forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định của Bộ"), max_length=64)
    decision_date = forms.DateField(label=_("Ngày quyết định (dd/mm/yyyy)"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])


class RevocationProposalForm(forms.ModelForm):
    class Meta:
        model = RevocationProposal
        fields = ["certificate", "source", "grounds", "evidence"]
        widgets = {"grounds": forms.Textarea(attrs={"rows": 3})}

    def clean_evidence(self):
        evidence = self.cleaned_data.get("evidence")
        if evidence:
            check_upload(evidence)
        return evidence


class RevocationDecisionForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Quyết định"),
        choices=[("1", _("Thu hồi chứng nhận")), ("0", _("Không thu hồi"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Ý kiến / lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


def apply_errors(form, error: ValidationError):
    """Put a service's ValidationError on the form so it re-renders with the message."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
