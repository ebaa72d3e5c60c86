"""The OCOP cycle as data: rounds, product ideas, dossiers and their documents, the
configurable review chain, versioned scoring sheets, members' scores and the result.

Every change of a dossier's state is a `DossierEvent` (who, when, why); submitted
member scores are never edited (a correction is a new version).
"""
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.private_files import private_storage

from ocop.evaluation.rules import Outcome
from ocop.reference_data import ocop_facts


def group_choices():
    return [(group["code"], group["name_vi"]) for group in ocop_facts()["product_groups"]["groups"]]


class Part(models.TextChoices):
    A = "A", _("Phần A – Sản phẩm và sức mạnh cộng đồng")
    B = "B", _("Phần B – Khả năng tiếp thị")
    C = "C", _("Phần C – Chất lượng sản phẩm")


class Cycle(models.Model):
    """One annual round of the programme (the six steps of the OCOP cycle)."""

    class Phase(models.TextChoices):
        PROMOTION = "promotion", _("1. Tuyên truyền, hướng dẫn")
        IDEAS = "ideas", _("2. Nhận ý tưởng sản phẩm")
        PLANS = "plans", _("3. Nhận phương án, kế hoạch kinh doanh")
        IMPLEMENTATION = "implementation", _("4. Triển khai phương án")
        EVALUATION = "evaluation", _("5. Đánh giá và phân hạng")
        PROMOTION_TRADE = "trade", _("6. Xúc tiến thương mại")

    year = models.PositiveIntegerField(_("năm"))
    name = models.CharField(_("tên đợt"), max_length=200)
    phase = models.CharField(_("bước hiện tại"), max_length=20, choices=Phase.choices, default=Phase.IDEAS)
    accepts_dossiers = models.BooleanField(_("đang nhận hồ sơ"), default=True)
    opens_on = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    closes_on = models.DateField(_("ngày kết thúc nhận hồ sơ"), null=True, blank=True)
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)

    class Meta:
        verbose_name = _("đợt đánh giá OCOP")
        verbose_name_plural = _("đợt đánh giá OCOP")
        ordering = ["-year", "-pk"]

    def __str__(self):
        return self.name


class ReviewStep(models.Model):
    """A link of the review chain before the council (e.g. the commune). Configurable data:
    since 07/2025 the commune forwards straight to the province (Decision 1489/QĐ-TTg)."""

    class Role(models.TextChoices):
        COMMUNE = "review_commune", _("Cán bộ thẩm định cấp xã")
        PROVINCE_OFFICE = "review_province", _("Cơ quan thường trực OCOP tỉnh")

    position = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("tên bước"), max_length=200)
    role = models.CharField(_("vai trò thực hiện"), max_length=32, choices=Role.choices)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("bước thẩm định")
        verbose_name_plural = _("các bước thẩm định")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.position}. {self.name}"

    @property
    def permission(self):
        return f"evaluation.{self.role}"


class ProductIdea(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Đã gửi")
        ACCEPTED = "accepted", _("Được chấp thuận")
        DECLINED = "declined", _("Chưa phù hợp")

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="ideas", verbose_name=_("đợt"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ocop_ideas", verbose_name=_("người gửi")
    )
    producer = models.ForeignKey(
        "shops.ProducerProfile", null=True, blank=True, on_delete=models.SET_NULL, related_name="ocop_ideas"
    )
    proposer_name = models.CharField(_("tên chủ thể / người đề xuất"), max_length=200)
    commune = models.CharField(_("xã/phường"), max_length=100)
    group = models.CharField(_("nhóm sản phẩm"), max_length=32)
    title = models.CharField(_("tên sản phẩm dự kiến"), max_length=200)
    description = models.TextField(_("mô tả ý tưởng"))
    raw_material = models.TextField(_("nguồn nguyên liệu"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    response = models.TextField(_("phản hồi"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ý tưởng sản phẩm")
        verbose_name_plural = _("ý tưởng sản phẩm")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_group_display(self):
        return dict(group_choices()).get(self.group, self.group)


class Dossier(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        IN_REVIEW = "in_review", _("Đang thẩm định")
        RETURNED = "returned", _("Bị trả lại")
        AT_COUNCIL = "at_council", _("Hội đồng tỉnh đánh giá")
        RECOGNISED = "recognised", _("Đã công nhận")
        MINISTRY = "ministry", _("Đề nghị Bộ công nhận 5 sao")
        NOT_CERTIFIED = "not_certified", _("Không đạt")

    OPEN_STATUSES = (Status.DRAFT, Status.IN_REVIEW, Status.RETURNED, Status.AT_COUNCIL, Status.MINISTRY)

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("đợt"))
    producer = models.ForeignKey(
        "shops.ProducerProfile", on_delete=models.PROTECT, related_name="ocop_dossiers", verbose_name=_("chủ thể")
    )
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.PROTECT, related_name="ocop_dossiers", verbose_name=_("sản phẩm")
    )
    idea = models.ForeignKey(ProductIdea, null=True, blank=True, on_delete=models.SET_NULL, related_name="dossiers")
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reevaluations",
        verbose_name=_("hồ sơ lần trước"),
    )
    group = models.CharField(_("nhóm sản phẩm"), max_length=32)
    commune = models.CharField(_("xã/phường"), max_length=100, blank=True)
    district = models.CharField(_("huyện (trước 07/2025)"), max_length=100, blank=True)
    summary = models.TextField(_("tóm tắt phương án sản xuất, kinh doanh"), blank=True)
    raw_material_area = models.TextField(_("vùng nguyên liệu và tiêu chuẩn"), blank=True)
    self_assessed_stars = models.PositiveSmallIntegerField(
        _("tự đánh giá (sao)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    current_step = models.ForeignKey(
        ReviewStep, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("bước hiện tại")
    )
    status_changed_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The council's result
    agreed_score = models.DecimalField(
        _("điểm thống nhất"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    mandatory_failed = models.BooleanField(_("không đạt tiêu chí bắt buộc"), default=False)
    result_stars = models.PositiveSmallIntegerField(_("hạng sao"), null=True, blank=True)
    outcome = models.CharField(_("kết quả"), max_length=20, choices=Outcome.choices, blank=True)
    proposal_number = models.CharField(_("số tờ trình đề nghị Bộ"), max_length=64, blank=True)
    proposal_date = models.DateField(_("ngày tờ trình"), null=True, blank=True)
    certificate = models.OneToOneField(
        "catalogue.OcopCertificate", null=True, blank=True, on_delete=models.SET_NULL, related_name="dossier"
    )
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)

    class Meta:
        verbose_name = _("hồ sơ đánh giá OCOP")
        verbose_name_plural = _("hồ sơ đánh giá OCOP")
        ordering = ["-status_changed_at", "-pk"]
        permissions = [
            ("review_commune", _("Thẩm định hồ sơ OCOP cấp xã")),
            ("review_province", _("Tiếp nhận hồ sơ OCOP tại cơ quan thường trực tỉnh")),
            ("score_dossier", _("Chấm điểm hồ sơ OCOP (thành viên hội đồng)")),
            ("decide_council", _("Ghi kết quả và quyết định công nhận (thư ký/chủ tịch hội đồng)")),
            ("propose_revocation", _("Đề nghị thu hồi chứng nhận OCOP (xã, thanh tra)")),
            ("decide_revocation", _("Quyết định thu hồi chứng nhận OCOP (tỉnh)")),
        ]
        indexes = [models.Index(fields=["status", "status_changed_at"])]

    def __str__(self):
        return f"#{self.pk} {self.product}"

    def get_group_display(self):
        return dict(group_choices()).get(self.group, self.group)

    @property
    def is_editable_by_producer(self):
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    def age_days(self, now=None):
        return ((now or timezone.now()) - self.status_changed_at).days


class DocumentKind(models.TextChoices):
    REGISTRATION = "registration", _("Phiếu đăng ký sản phẩm OCOP")
    BUSINESS_PLAN = "business_plan", _("Phương án / kế hoạch sản xuất kinh doanh")
    DESCRIPTION = "description", _("Bản mô tả sản phẩm, câu chuyện sản phẩm")
    QUALITY_DECLARATION = "quality_declaration", _("Bản công bố / tự công bố chất lượng")
    TEST_RESULTS = "test_results", _("Phiếu kết quả kiểm nghiệm")
    LABEL_PHOTOS = "label_photos", _("Ảnh nhãn, bao bì sản phẩm")
    RAW_MATERIAL = "raw_material", _("Hồ sơ vùng nguyên liệu và tiêu chuẩn (VietGAP, hữu cơ…)")
    OTHER = "other", _("Tài liệu khác")


REQUIRED_DOCUMENTS = [kind for kind in DocumentKind if kind != DocumentKind.OTHER]


def document_path(instance, filename):
    from shops.images import random_file_name

    return f"ocop/dossiers/{instance.dossier_id}/{instance.kind}/{random_file_name(filename)}"


class DossierDocument(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("loại tài liệu"), max_length=32, choices=DocumentKind.choices)
    file = models.FileField(_("tệp"), upload_to=document_path, storage=private_storage)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    original_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "uploaded_at"]

    def __str__(self):
        return self.original_name


class DossierEvent(models.Model):
    class Action(models.TextChoices):
        CREATED = "created", _("Tạo hồ sơ")
        SUBMITTED = "submitted", _("Nộp hồ sơ")
        FORWARDED = "forwarded", _("Chuyển tiếp")
        RETURNED = "returned", _("Trả lại")
        SCORED = "scored", _("Chấm điểm")
        RESULT = "result", _("Ghi kết quả")
        RECOGNISED = "recognised", _("Công nhận")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=16, choices=Action.choices)
    step = models.ForeignKey(ReviewStep, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.created_at:%d/%m/%Y}"


class ScoringSheet(models.Model):
    """The scoring sheet of a product group (Decision 148 Annex), versioned data."""

    group = models.CharField(_("nhóm sản phẩm"), max_length=32)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    title = models.CharField(_("tiêu đề"), max_length=255)
    source_note = models.TextField(_("nguồn và mức xác nhận"), blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phiếu chấm điểm")
        verbose_name_plural = _("phiếu chấm điểm")
        ordering = ["group", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["group", "version"], name="evaluation_sheet_group_version"),
            models.UniqueConstraint(
                fields=["group"], condition=Q(is_active=True), name="evaluation_one_active_sheet_per_group"
            ),
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    def get_group_display(self):
        return dict(group_choices()).get(self.group, self.group)

    def is_used(self):
        return self.member_scores.exists()


class Criterion(models.Model):
    class Source(models.TextChoices):
        CONFIRMED = "confirmed", _("Đã đối chiếu nguồn công khai")
        PLACEHOLDER = "placeholder", _("Tạm thời – thay bằng văn bản chính thức")

    sheet = models.ForeignKey(ScoringSheet, on_delete=models.CASCADE, related_name="criteria")
    part = models.CharField(_("phần"), max_length=1, choices=Part.choices)
    code = models.CharField(_("mã"), max_length=16)
    text = models.CharField(_("nội dung tiêu chí"), max_length=500)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=5, decimal_places=2)
    is_mandatory = models.BooleanField(_("tiêu chí bắt buộc"), default=False)
    mandatory_min_points = models.DecimalField(
        _("điểm tối thiểu để đạt (tiêu chí bắt buộc)"), max_digits=5, decimal_places=2, default=Decimal("1")
    )
    source = models.CharField(_("nguồn"), max_length=16, choices=Source.choices, default=Source.PLACEHOLDER)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["part", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["sheet", "code"], name="evaluation_criterion_code")]

    def __str__(self):
        return f"{self.code} {self.text}"

    def fails_mandatory(self, points):
        return self.is_mandatory and Decimal(points) < self.mandatory_min_points


class MemberScore(models.Model):
    """One council member's scoring of a dossier; submitted versions are locked."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="member_scores")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ocop_scores")
    sheet = models.ForeignKey(ScoringSheet, on_delete=models.PROTECT, related_name="member_scores")
    version = models.PositiveIntegerField(default=1)
    total = models.DecimalField(max_digits=5, decimal_places=2)
    part_a = models.DecimalField(max_digits=5, decimal_places=2)
    part_b = models.DecimalField(max_digits=5, decimal_places=2)
    part_c = models.DecimalField(max_digits=5, decimal_places=2)
    mandatory_failed = models.BooleanField(default=False)
    note = models.TextField(_("ghi chú / lý do sửa"), blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["dossier", "member", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "member", "version"], name="evaluation_member_score_version")
        ]

    def __str__(self):
        return f"{self.member} v{self.version}: {self.total}"


class ScoreLine(models.Model):
    member_score = models.ForeignKey(MemberScore, on_delete=models.CASCADE, related_name="lines")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["criterion__part", "criterion__position", "criterion__pk"]
        constraints = [models.UniqueConstraint(fields=["member_score", "criterion"], name="evaluation_line_once")]


def evidence_path(instance, filename):
    from shops.images import random_file_name

    return f"ocop/revocations/{instance.certificate_id}/{random_file_name(filename)}"


class RevocationProposal(models.Model):
    class Source(models.TextChoices):
        COMMUNE = "commune", _("UBND xã/phường")
        INSPECTION = "inspection", _("Thanh tra, kiểm tra")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Chờ tỉnh quyết định")
        ACCEPTED = "accepted", _("Đã thu hồi")
        REJECTED = "rejected", _("Không thu hồi")

    certificate = models.ForeignKey(
        "catalogue.OcopCertificate", on_delete=models.CASCADE, related_name="revocation_proposals",
        verbose_name=_("giấy chứng nhận"),
    )
    source = models.CharField(_("đơn vị đề nghị"), max_length=16, choices=Source.choices)
    grounds = models.TextField(_("căn cứ đề nghị thu hồi"))
    evidence = models.FileField(
        _("tài liệu chứng minh"), upload_to=evidence_path, blank=True, storage=private_storage
    )
    evidence_content_type = models.CharField(max_length=64, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.PROPOSED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("ý kiến của tỉnh"), blank=True)

    class Meta:
        verbose_name = _("đề nghị thu hồi chứng nhận")
        verbose_name_plural = _("đề nghị thu hồi chứng nhận")
        ordering = ["-proposed_at"]

    def __str__(self):
        return f"{self.certificate} – {self.get_status_display()}"
