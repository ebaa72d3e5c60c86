"""Security tests. Each module's docstring states what it checks; the issue-17 review
(docs/SECURITY-AUDIT.md, "Code review of issue 17") maps every finding to its fix and its module:

- test_upload_names_and_pdf: random stored names with the detected type; PDFs with active content refused.
- test_private_files: private uploads outside MEDIA_ROOT, served only by access-checking views.
- test_reevaluation_keeps_files: a re-evaluation draft never deletes a recognised dossier's file.
- test_wagtail_documents: document extension allowlist, serve view, private collections.
- test_login_forged_address: forged X-Forwarded-For, per-account lockout with a reset link.
- test_shared_order_producer_powers: a producer's powers on an order shared with another producer.
- test_csv_exports_and_imports: spreadsheet-safe exports, per-line import errors.
- test_healthz_details: /healthz exception text only for staff or the machine itself.
- test_notification_and_description_markup: escaped notifications, whitelisted descriptions.
- test_is_staff_is_not_a_role: is_staff alone opens no producer back office.
- test_cached_page_nonce: a fresh CSP nonce for every visitor of a cached page.
- test_live_channel_budgets: websocket frame budget, per-address and anonymous caps, replay URL.
- test_legal_fields_change_by_request: legal identity changes only through an approved request.
"""
