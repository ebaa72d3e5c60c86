"""Thin views: producer pages under /ocop/ho-so/, staff and council pages under /dashboard/ocop-cycle/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from marketplace.csv_safe import csv_download
from marketplace.private_files import private_file_response
from ocop.evaluation import forms, permissions, selectors, services
from ocop.evaluation.models import Dossier, DossierDocument, ProductIdea, RevocationProposal, ScoringSheet, group_choices

OcopCertificate = get_model("catalogue", "OcopCertificate")


# --- helpers -------------------------------------------------------------------------
def _own_dossier(request, pk):
    """A producer's own dossier, or 404 (no one sees another producer's dossier)."""
    return get_object_or_404(selectors.dossiers_of(request.user), pk=pk)


def _cycle_staff(view):
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not permissions.is_cycle_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _no_open_cycle(request):
    return render(request, "evaluation/no_cycle.html", status=200)


# --- producer pages --------------------------------------------------------------------
@login_required
def mine(request):
    producers = list(selectors.producers_of(request.user))
    dossiers = selectors.dossiers_of(request.user)
    page = Paginator(dossiers, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluation/mine.html",
        {
            "producers": producers,
            "page_obj": page,
            "dossiers": page.object_list,
            "ideas": request.user.ocop_ideas.select_related("cycle")[:20],
            "cycle": selectors.open_cycle(),
        },
    )


@login_required
def idea_create(request):
    cycle = selectors.open_cycle()
    if cycle is None:
        return _no_open_cycle(request)
    producer = selectors.producers_of(request.user).first()
    initial = {"proposer_name": producer.name, "commune": producer.commune} if producer else {}
    form = forms.IdeaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_submit(cycle=cycle, by=request.user, producer=producer, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("Đã gửi ý tưởng sản phẩm. Cán bộ xã sẽ liên hệ với bạn."))
            return redirect("evaluation:mine")
    return render(request, "evaluation/idea_form.html", {"form": form, "cycle": cycle})


@login_required
def dossier_create(request):
    cycle = selectors.open_cycle()
    if cycle is None:
        return _no_open_cycle(request)
    producer = selectors.producers_of(request.user).first()
    if producer is None:
        return render(request, "evaluation/not_producer.html", status=403)
    form = forms.DossierForm(request.POST or None, products=selectors.producer_products(producer))
    if request.method == "POST" and form.is_valid():
        try:
            dossier = services.dossier_create(cycle=cycle, producer=producer, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu bản nháp hồ sơ. Hãy tải lên các tài liệu còn thiếu."))
            return redirect("evaluation:dossier-detail", pk=dossier.pk)
    return render(request, "evaluation/dossier_form.html", {"form": form, "cycle": cycle})


@login_required
def dossier_detail(request, pk):
    dossier = _own_dossier(request, pk)
    return render(
        request,
        "evaluation/dossier_detail.html",
        {
            "dossier": dossier,
            "completeness": selectors.completeness(dossier),
            "documents": dossier.documents.all(),
            "events": dossier.events.select_related("actor", "step"),
            "document_form": forms.DocumentForm(),
            "can_reevaluate": dossier.status == Dossier.Status.RECOGNISED and selectors.open_cycle() is not None,
            "last_return": dossier.events.filter(action="returned").order_by("-created_at", "-pk").first(),
        },
    )


@login_required
def dossier_edit(request, pk):
    dossier = _own_dossier(request, pk)
    if not dossier.is_editable_by_producer:
        messages.error(request, _("Hồ sơ đã nộp không sửa được."))
        return redirect("evaluation:dossier-detail", pk=pk)
    form = forms.DossierForm(request.POST or None, instance=dossier)
    if request.method == "POST" and form.is_valid():
        try:
            services.dossier_update(dossier=dossier, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu bản nháp."))
            return redirect("evaluation:dossier-detail", pk=pk)
    return render(request, "evaluation/dossier_form.html", {"form": form, "dossier": dossier})


@login_required
@require_POST
def document_upload(request, pk):
    dossier = _own_dossier(request, pk)
    form = forms.DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_add(
                dossier=dossier, kind=form.cleaned_data["kind"], uploaded=form.cleaned_data["file"], by=request.user
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("Đã tải lên tài liệu."))
            return redirect("evaluation:dossier-detail", pk=pk)
    return render(
        request,
        "evaluation/dossier_detail.html",
        {
            "dossier": dossier,
            "completeness": selectors.completeness(dossier),
            "documents": dossier.documents.all(),
            "events": dossier.events.select_related("actor", "step"),
            "document_form": form,
        },
        status=400,
    )


@login_required
@require_POST
def document_delete(request, pk, document_pk):
    dossier = _own_dossier(request, pk)
    document = get_object_or_404(dossier.documents, pk=document_pk)
    try:
        services.document_remove(document=document, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("evaluation:dossier-detail", pk=pk)


@login_required
@require_POST
def dossier_submit(request, pk):
    dossier = _own_dossier(request, pk)
    try:
        services.dossier_submit(dossier=dossier, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã nộp hồ sơ. Bạn có thể theo dõi tiến độ tại đây."))
    return redirect("evaluation:dossier-detail", pk=pk)


@login_required
@require_POST
def dossier_reevaluate(request, pk):
    previous = _own_dossier(request, pk)
    cycle = selectors.open_cycle()
    if cycle is None or previous.status != Dossier.Status.RECOGNISED:
        raise Http404
    try:
        new = services.dossier_start_reevaluation(previous=previous, cycle=cycle, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("evaluation:dossier-detail", pk=pk)
    messages.success(request, _("Đã tạo hồ sơ đánh giá lại từ hồ sơ lần trước."))
    return redirect("evaluation:dossier-detail", pk=new.pk)


@login_required
def document_download(request, pk, document_pk):
    """Files are served only to their producer and to the cycle's roles."""
    document = get_object_or_404(DossierDocument.objects.select_related("dossier"), pk=document_pk, dossier_id=pk)
    own = selectors.dossiers_of(request.user).filter(pk=pk).exists()
    if not (own or permissions.is_cycle_staff(request.user)):
        raise Http404
    return private_file_response(document.file, download_name=document.original_name)


# --- dashboard: board, review, council --------------------------------------------------------
def _board_filters(request):
    return {
        "group": request.GET.get("group") or None,
        "district": request.GET.get("district") or None,
        "status": request.GET.get("status") or None,
    }


@_cycle_staff
def board(request):
    filters = _board_filters(request)
    queryset = selectors.pipeline_queryset(**filters)
    page = Paginator(queryset, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluation/dashboard/board.html",
        {
            "board": selectors.pipeline_board(queryset),
            "page_obj": page,
            "dossiers": page.object_list,
            "filters": filters,
            "groups": group_choices(),
            "statuses": [choice for choice in Dossier.Status.choices if choice[0] != Dossier.Status.DRAFT],
            "districts": sorted(set(Dossier.objects.exclude(district="").values_list("district", flat=True))),
            "waiting_for_me": selectors.reviewable_dossiers(request.user).select_related("product")[:20],
            "new_ideas": ProductIdea.objects.filter(status=ProductIdea.Status.SUBMITTED).order_by("created_at")[:20]
            if permissions.has(request.user, permissions.REVIEW_COMMUNE)
            else [],
            "query": request.GET.urlencode(),
        },
    )


@_cycle_staff
def export(request):
    """The pipeline as a spreadsheet (CSV, UTF-8 with BOM so Excel shows Vietnamese)."""
    response, writer = csv_download(f"ocop-ho-so-{timezone.localdate():%Y%m%d}.csv")  # spreadsheet-safe, BOM
    writer.writerow(
        ["Mã hồ sơ", "Sản phẩm", "Chủ thể", "Nhóm", "Huyện (cũ)", "Xã/phường", "Bước", "Ngày nộp", "Số ngày ở bước",
         "Điểm thống nhất", "Hạng sao"]
    )
    for row in selectors.pipeline_rows(selectors.pipeline_queryset(**_board_filters(request))):
        writer.writerow(row)
    return response


def _review_context(request, dossier, **extra):
    user = request.user
    context = {
        "dossier": dossier,
        "completeness": selectors.completeness(dossier),
        "documents": dossier.documents.all(),
        "events": dossier.events.select_related("actor", "step"),
        "can_review": dossier.status == Dossier.Status.IN_REVIEW
        and permissions.can_review_step(user, dossier.current_step),
        "can_score": dossier.status == Dossier.Status.AT_COUNCIL and permissions.can_score(user),
        "can_decide": permissions.can_decide(user),
        "my_scores": dossier.member_scores.filter(member=user) if user.is_authenticated else [],
        "forward_form": forms.ForwardForm(),
        "return_form": forms.ReturnForm(),
    }
    if selectors.may_see_scores(user, dossier):
        context["side_by_side"] = selectors.side_by_side(dossier)
        context["score_history"] = selectors.score_history(dossier)
    if context["can_decide"] and dossier.status == Dossier.Status.AT_COUNCIL:
        mean, failed = services.suggested_agreement(dossier)
        context["result_form"] = extra.pop("result_form", None) or forms.ResultForm(
            initial={"agreed_score": mean, "mandatory_failed": failed}
        )
        context["suggested_score"] = mean
    if context["can_decide"] and dossier.status == Dossier.Status.MINISTRY:
        context["ministry_form"] = extra.pop("ministry_form", None) or forms.MinistryDecisionForm()
    context.update(extra)
    return context


@_cycle_staff
def review_detail(request, pk):
    dossier = get_object_or_404(Dossier.objects.exclude(status=Dossier.Status.DRAFT), pk=pk)
    return render(request, "evaluation/dashboard/dossier.html", _review_context(request, dossier))


@_cycle_staff
@require_POST
def forward(request, pk):
    dossier = get_object_or_404(Dossier, pk=pk)
    form = forms.ForwardForm(request.POST)
    form.is_valid()
    try:
        services.dossier_forward(dossier=dossier, by=request.user, note=form.cleaned_data.get("note", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã chuyển hồ sơ sang bước tiếp theo."))
    return redirect("evaluation:review-detail", pk=pk)


@_cycle_staff
@require_POST
def return_dossier(request, pk):
    dossier = get_object_or_404(Dossier, pk=pk)
    form = forms.ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.dossier_return(dossier=dossier, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("Đã trả lại hồ sơ cho chủ thể."))
            return redirect("evaluation:review-detail", pk=pk)
    if not permissions.can_review_step(request.user, dossier.current_step):
        raise PermissionDenied
    return render(
        request, "evaluation/dashboard/dossier.html", _review_context(request, dossier, return_form=form), status=400
    )


@_cycle_staff
def score(request, pk):
    dossier = get_object_or_404(Dossier, pk=pk)
    if not permissions.can_score(request.user):
        raise PermissionDenied
    previous = dossier.member_scores.filter(member=request.user).order_by("-version").first()
    sheet = previous.sheet if previous else selectors.active_sheet_for(dossier.group)
    if sheet is None:
        messages.error(request, _("Chưa có phiếu chấm điểm cho nhóm sản phẩm này."))
        return redirect("evaluation:review-detail", pk=pk)
    initial = {}
    if previous:
        initial = {forms.ScoreForm.field_name(line.criterion): line.points for line in previous.lines.all()}
    form = forms.ScoreForm(request.POST or None, sheet=sheet, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_score_submit(
                dossier=dossier, member=request.user, points_by_criterion=form.points(), note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("Đã nộp phiếu chấm. Phiếu đã nộp không sửa được; chấm lại sẽ tạo phiên bản mới."))
            return redirect("evaluation:review-detail", pk=pk)
    return render(
        request,
        "evaluation/dashboard/score.html",
        {"dossier": dossier, "form": form, "sheet": sheet, "previous": previous},
        status=400 if form.is_bound else 200,
    )


@_cycle_staff
@require_POST
def result(request, pk):
    dossier = get_object_or_404(Dossier, pk=pk)
    if not permissions.can_decide(request.user):
        raise PermissionDenied
    form = forms.ResultForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.council_result_record(
                dossier=dossier,
                by=request.user,
                agreed_score=data["agreed_score"],
                mandatory_failed=data["mandatory_failed"],
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
                reason=data["reason"],
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("Đã ghi kết quả của hội đồng."))
            return redirect("evaluation:review-detail", pk=pk)
    return render(
        request, "evaluation/dashboard/dossier.html", _review_context(request, dossier, result_form=form), status=400
    )


@_cycle_staff
@require_POST
def ministry_decision(request, pk):
    dossier = get_object_or_404(Dossier, pk=pk)
    if not permissions.can_decide(request.user):
        raise PermissionDenied
    form = forms.MinistryDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.ministry_decision_record(dossier=dossier, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("Đã ghi quyết định của Bộ và cấp chứng nhận."))
            return redirect("evaluation:review-detail", pk=pk)
    return render(
        request, "evaluation/dashboard/dossier.html", _review_context(request, dossier, ministry_form=form), status=400
    )


@_cycle_staff
@require_POST
def idea_respond(request, pk):
    idea = get_object_or_404(ProductIdea, pk=pk)
    try:
        services.idea_respond(
            idea=idea, by=request.user, accept=request.POST.get("accept") == "1", response=request.POST.get("response", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã phản hồi ý tưởng."))
    return redirect("evaluation:board")


# --- revocation ------------------------------------------------------------------------
@_cycle_staff
def revocations(request):
    can_propose = permissions.has(request.user, permissions.PROPOSE_REVOCATION)
    form = forms.RevocationProposalForm(request.POST or None, request.FILES or None) if can_propose else None
    if form is not None:
        form.fields["certificate"].queryset = OcopCertificate.objects.current().select_related("product")
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.revocation_propose(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                forms.apply_errors(form, error)
            else:
                messages.success(request, _("Đã gửi đề nghị thu hồi lên tỉnh."))
                return redirect("evaluation:revocations")
    proposals = RevocationProposal.objects.select_related("certificate__product", "proposed_by", "decided_by")
    page = Paginator(proposals, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluation/dashboard/revocations.html",
        {
            "form": form,
            "page_obj": page,
            "proposals": page.object_list,
            "can_decide": permissions.has(request.user, permissions.DECIDE_REVOCATION),
            "decision_form": forms.RevocationDecisionForm(),
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@_cycle_staff
def revocation_evidence(request, pk):
    """The evidence attached to a revocation proposal: the cycle's roles only, checked each time."""
    proposal = get_object_or_404(RevocationProposal.objects.exclude(evidence=""), pk=pk)
    return private_file_response(proposal.evidence, download_name=f"tai-lieu-thu-hoi-{proposal.pk}")


@_cycle_staff
@require_POST
def revocation_decide(request, pk):
    proposal = get_object_or_404(RevocationProposal, pk=pk)
    if not permissions.has(request.user, permissions.DECIDE_REVOCATION):
        raise PermissionDenied
    form = forms.RevocationDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn thu hồi hoặc không thu hồi."))
        return redirect("evaluation:revocations")
    try:
        services.revocation_decide(
            proposal=proposal, accept=form.cleaned_data["accept"], by=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã ghi quyết định."))
    return redirect("evaluation:revocations")


# --- scoring sheets --------------------------------------------------------------------------
@_cycle_staff
def sheets(request):
    rows = [
        {"sheet": sheet, "problems": services.sheet_check(sheet)}
        for sheet in ScoringSheet.objects.prefetch_related("criteria")
    ]
    return render(request, "evaluation/dashboard/sheets.html", {"rows": rows, "can_decide": permissions.can_decide(request.user)})


@_cycle_staff
@require_POST
def sheet_new_version(request, pk):
    if not permissions.can_decide(request.user):
        raise PermissionDenied
    sheet = get_object_or_404(ScoringSheet, pk=pk)
    new = services.sheet_new_version(sheet=sheet)
    messages.success(request, _("Đã tạo phiên bản %(v)s; sửa các dòng tiêu chí trong trang quản trị.") % {"v": new.version})
    return redirect("evaluation:sheets")
