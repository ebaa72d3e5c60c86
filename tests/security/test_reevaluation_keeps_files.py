"""Issue 17 §1: a re-evaluation draft reuses the recognised dossier's stored files; removing a
document from the draft must never delete the file the recognised dossier still points to."""
import pytest

from ocop.evaluation import services
from ocop.evaluation.models import Dossier
from tests.factories.evaluation import CycleFactory, complete_dossier, producer_with_user

pytestmark = pytest.mark.django_db


def test_removing_a_reused_document_from_the_draft_keeps_the_recognised_file():
    user, producer = producer_with_user()
    recognised = complete_dossier(producer=producer, cycle=CycleFactory(), by=user, status=Dossier.Status.RECOGNISED)
    draft = services.dossier_start_reevaluation(previous=recognised, cycle=CycleFactory(), by=user)
    reused = draft.documents.first()
    original = recognised.documents.get(kind=reused.kind)
    assert reused.file.name == original.file.name

    services.document_remove(document=reused, by=user)

    assert original.file.storage.exists(original.file.name)
    with original.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_a_document_only_the_draft_uses_is_deleted_with_it():
    user, producer = producer_with_user()
    draft = complete_dossier(producer=producer, cycle=CycleFactory(), by=user)
    document = draft.documents.first()
    name, storage = document.file.name, document.file.storage
    services.document_remove(document=document, by=user)
    assert not storage.exists(name)
