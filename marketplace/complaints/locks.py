"""Every row lock the complaints app takes (the request row; the line's requests in pk order)."""
from marketplace.complaints.models import ReturnRequest


def request_for_update(pk):
    return (
        ReturnRequest.objects.select_for_update(of=("self",))
        .select_related("order", "line", "partner", "user")
        .get(pk=pk)
    )


def line_for_update(line_id):
    """Lock the order line itself so two requests opened at the same moment are checked one after
    the other (the partial unique constraint backs this up)."""
    from oscar.core.loading import get_model

    Line = get_model("order", "Line")
    return Line._default_manager.select_for_update(of=("self",)).select_related("order", "partner").get(pk=line_id)
