# The two commands of the README: `make run` (site with demo data) and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test venv e2e clean messages makemessages

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

# Translations: locale/<lang>/LC_MESSAGES/django.po are committed, the .mo files are built here
# (Debian: `apt-get install gettext` for msgfmt). `make makemessages` refreshes the .po files
# from the code; tests/i18n fails when an English string of our apps is missing.
MO_FILES := locale/en/LC_MESSAGES/django.mo locale/vi/LC_MESSAGES/django.mo
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=$(VENV) --ignore=node_modules -l $* -v0

messages: $(MO_FILES)

makemessages: venv
	$(PY) manage.py makemessages -l en -l vi --no-obsolete --ignore=$(VENV) --ignore=staticfiles --ignore=node_modules --ignore=tests --ignore=benchmarks --ignore=scripts -v0

run: venv messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo ""
	@echo "Chợ OCOP Bắc Kạn: http://$(HOST):$(PORT)/   (admin: http://$(HOST):$(PORT)/dashboard/, CMS: /cms/)"
	@# The processes are listed once, in the Procfile (web, worker, beat, …).
	VENV=$(VENV) HOST=$(HOST) WEB_PORT=$(PORT) $(VENV)/bin/honcho -f Procfile start

test: venv messages
	$(PY) -m pytest -m "not e2e" $(PYTEST_ARGS)

e2e: venv messages
	$(PY) -m pytest -m e2e $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 $(MO_FILES)
