"""The request log of background work. A row is written in the transaction of the request (or
task) that decides the work, keyed by the event, so a task that runs twice finds it done, and a
message the broker lost is sent again from here (services.stale_requeue)."""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """A call of a plain service function, `service(**kwargs)`, once per `key`. Periodic jobs keep
    one row each (key `periodic:<service>`) showing their last run and last error."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ chạy")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Lỗi (đã thử lại nhiều lần)")

    key = models.CharField(_("khóa sự kiện"), max_length=200, unique=True)
    service = models.CharField(_("hàm dịch vụ"), max_length=200)
    kwargs = models.JSONField(_("tham số"), default=dict, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(_("số lần chạy"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    enqueued_at = models.DateTimeField(_("đưa vào hàng đợi lúc"), default=timezone.now)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tác vụ nền")
        verbose_name_plural = _("tác vụ nền")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "enqueued_at"], name="background_job_status_idx")]

    def __str__(self):
        return self.key


class OutboundEmail(models.Model):
    """One e-mail, sent at most once per `key` (the event and the recipient)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ gửi")
        SENT = "sent", _("Đã gửi")
        FAILED = "failed", _("Gửi lỗi")

    key = models.CharField(_("khóa sự kiện"), max_length=255, unique=True)
    to = models.JSONField(_("người nhận"), default=list)
    from_email = models.CharField(_("người gửi"), max_length=254, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    html_body = models.TextField(_("nội dung HTML"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("số lần thử"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    enqueued_at = models.DateTimeField(_("đưa vào hàng đợi lúc"), default=timezone.now)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thư gửi đi")
        verbose_name_plural = _("thư gửi đi")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "enqueued_at"], name="background_mail_status_idx")]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"
