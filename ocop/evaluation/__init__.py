"""The OCOP evaluation cycle: product ideas, dossiers, commune review, council scoring, recognition."""
