"""Oscar finds this fork's view classes through get_class("search.views.<module>", ...)."""
