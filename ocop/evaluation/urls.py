"""Producer pages under /ocop/ho-so/; staff and council pages under /dashboard/ocop-cycle/."""
from django.urls import path

from ocop.evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("ocop/ho-so/", views.mine, name="mine"),
    path("ocop/ho-so/y-tuong/", views.idea_create, name="idea-create"),
    path("ocop/ho-so/moi/", views.dossier_create, name="dossier-create"),
    path("ocop/ho-so/<int:pk>/", views.dossier_detail, name="dossier-detail"),
    path("ocop/ho-so/<int:pk>/sua/", views.dossier_edit, name="dossier-edit"),
    path("ocop/ho-so/<int:pk>/nop/", views.dossier_submit, name="dossier-submit"),
    path("ocop/ho-so/<int:pk>/danh-gia-lai/", views.dossier_reevaluate, name="dossier-reevaluate"),
    path("ocop/ho-so/<int:pk>/tai-lieu/", views.document_upload, name="document-upload"),
    path("ocop/ho-so/<int:pk>/tai-lieu/<int:document_pk>/", views.document_download, name="document-download"),
    path("ocop/ho-so/<int:pk>/tai-lieu/<int:document_pk>/xoa/", views.document_delete, name="document-delete"),
    path("dashboard/ocop-cycle/", views.board, name="board"),
    path("dashboard/ocop-cycle/export.csv", views.export, name="export"),
    path("dashboard/ocop-cycle/ho-so/<int:pk>/", views.review_detail, name="review-detail"),
    path("dashboard/ocop-cycle/ho-so/<int:pk>/chuyen/", views.forward, name="forward"),
    path("dashboard/ocop-cycle/ho-so/<int:pk>/tra-lai/", views.return_dossier, name="return"),
    path("dashboard/ocop-cycle/ho-so/<int:pk>/cham-diem/", views.score, name="score"),
    path("dashboard/ocop-cycle/ho-so/<int:pk>/ket-qua/", views.result, name="result"),
    path("dashboard/ocop-cycle/ho-so/<int:pk>/quyet-dinh-bo/", views.ministry_decision, name="ministry-decision"),
    path("dashboard/ocop-cycle/y-tuong/<int:pk>/", views.idea_respond, name="idea-respond"),
    path("dashboard/ocop-cycle/thu-hoi/", views.revocations, name="revocations"),
    path("dashboard/ocop-cycle/thu-hoi/<int:pk>/", views.revocation_decide, name="revocation-decide"),
    path("dashboard/ocop-cycle/thu-hoi/<int:pk>/evidence/", views.revocation_evidence, name="revocation-evidence"),
    path("dashboard/ocop-cycle/phieu-cham/", views.sheets, name="sheets"),
    path("dashboard/ocop-cycle/phieu-cham/<int:pk>/phien-ban-moi/", views.sheet_new_version, name="sheet-new-version"),
]
