"""Rich text typed by producers (Oscar product descriptions, written in the dashboard's HTML
editor) is shown as HTML on public pages, so it goes through Wagtail's whitelister first: only
formatting elements survive, every attribute but a checked href/src is dropped (no on*
handlers, no style), and links keep only http(s), mailto and tel URLs (no javascript:, also
when entity-encoded or split by control characters). Unknown elements such as <script>,
<iframe>, <svg> or <object> are unwrapped: their text stays, escaped."""
from django.utils.safestring import mark_safe
from wagtail.whitelist import DEFAULT_ELEMENT_RULES, Whitelister, allow_without_attributes, attribute_rule, check_url

ELEMENT_RULES = {
    **DEFAULT_ELEMENT_RULES,
    "a": attribute_rule({"href": check_url, "title": True}),
    "blockquote": allow_without_attributes,
    "u": allow_without_attributes,
    "span": allow_without_attributes,
    "table": allow_without_attributes,
    "thead": allow_without_attributes,
    "tbody": allow_without_attributes,
    "tr": allow_without_attributes,
    "th": allow_without_attributes,
    "td": allow_without_attributes,
}


class ProducerHtmlWhitelister(Whitelister):
    element_rules = ELEMENT_RULES


def clean_html(html):
    """The whitelisted HTML of a rich-text field, marked safe for templates."""
    if not html:
        return ""
    return mark_safe(ProducerHtmlWhitelister().clean(str(html)))  # noqa: S308 - whitelisted just above


#: Staff-written rich text that Oscar's templates print with |safe (category pages, offer and range
#: pages): whitelisted when saved, whichever form or script saves it (issue 17 §4).
SANITISED_HTML_FIELDS = {
    ("catalogue", "Category"): ("description", "long_description"),
    ("offer", "ConditionalOffer"): ("description",),
    ("offer", "Range"): ("description",),
}


def _stored_columns(model, field):
    """A translated field (modeltranslation) is stored once per language: every column is cleaned,
    not only the one the current language reads."""
    from modeltranslation.translator import NotRegistered, translator
    from modeltranslation.utils import get_translation_fields

    try:
        translated = translator.get_options_for_model(model).get_field_names()
    except NotRegistered:
        translated = ()
    return get_translation_fields(field) if field in translated else [field]


def sanitise_before_save(sender, instance, **kwargs):
    """pre_save receiver for the models of SANITISED_HTML_FIELDS."""
    for field in SANITISED_HTML_FIELDS.get((sender._meta.app_label, sender._meta.object_name), ()):
        for column in _stored_columns(sender, field):
            value = getattr(instance, column, None)
            if value:
                setattr(instance, column, str(clean_html(value)))


def connect_sanitisers():
    from django.db.models.signals import pre_save
    from oscar.core.loading import get_model

    for (app_label, model_name) in SANITISED_HTML_FIELDS:
        pre_save.connect(
            sanitise_before_save, sender=get_model(app_label, model_name), dispatch_uid=f"sanitise-{app_label}-{model_name}"
        )
