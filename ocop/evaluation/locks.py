"""Every row lock of the evaluation app, ordered by primary key."""
from ocop.evaluation.models import Dossier, RevocationProposal


def lock_dossier(pk):
    return Dossier.objects.select_for_update().get(pk=pk)


def lock_revocation_proposal(pk):
    return RevocationProposal.objects.select_for_update().get(pk=pk)
