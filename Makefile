# The project's commands; each sets itself up on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help setup run run-prod test-replica test test-alone test-odoo test-upgrade lint stop pot data bench load

help:
	@echo "make run   - serve the demo database 'dealer' on http://localhost:8069"
	@echo "make run-prod - the same database served as in production: prefork (DEALER_WORKERS=2), cron"
	@echo "             threads, websocket on :8072, master password from DEALER_ADMIN_PASSWD (docs/production.md)"
	@echo "make test  - fresh test database, every module's tests (pytest-odoo, HTTP on)"
	@echo "make test MODULES=a,b - each module alone: only its dependencies installed, its tests by Odoo's"
	@echo "             runner with and without demo data, then by pytest-odoo"
	@echo "make test-alone - every module alone, Odoo's runner with and without demo data (CI)"
	@echo "make test-odoo - Odoo's own tests of sale, sale_management, sale_stock, sale_loyalty, portal"
	@echo "             and website_sale's price lists and cart, with every add-on installed"
	@echo "make test-upgrade - a database of an earlier layout (382e415) with demo data upgrades with -u and"
	@echo "             keeps every record"
	@echo "make test-replica - a streaming replica of the local cluster; Odoo in prefork reads the dealers'"
	@echo "             pages there and writes on the primary, proven from both servers' statistics"
	@echo "make lint  - ruff and pylint-odoo mandatory checks"
	@echo "make stop  - stop the project-local PostgreSQL"
	@echo "make pot   - regenerate the translation templates (then complete i18n/zh_CN.po)"
	@echo "make data  - scale data for the benchmarks: SIZE=s|m|l into database dealer_bench_SIZE"
	@echo "make bench - every benchmark case vs native Odoo (SIZE=s, or SIZES=s,m; MODULES=a,b: only theirs); writes bench/results.json"
	@echo "make load  - month-end load test of a prefork server on dealer_bench_SIZE (LOAD_SIZE=s, LOAD_USERS=10,"
	@echo "             LOAD_DURATION=60, LOAD_WORKERS=2, LOAD_ODOO_ARGS=...): figures and invariants, .local/load/"

setup:
	@scripts/setup.sh

run:
	@scripts/run.sh

run-prod:
	@scripts/run_prod.sh

test:
	@$(if $(MODULES),scripts/test_alone.sh "$(MODULES)",scripts/test.sh)

test-alone:
	@DEALER_ALONE_MODES=$${DEALER_ALONE_MODES:-demo,nodemo} scripts/test_alone.sh all

test-odoo:
	@scripts/test_odoo.sh

test-replica:
	@scripts/test_replica.sh

test-upgrade:
	@scripts/upgrade_check.sh

lint:
	@scripts/lint.sh

stop:
	@scripts/pg.sh stop

pot:
	@scripts/pot.sh

data:
	@scripts/data.sh "$(SIZE)"

bench:
	@scripts/bench.sh "$(if $(SIZES),$(SIZES),$(SIZE))" "$(MODULES)"

load:
	@scripts/load.sh
