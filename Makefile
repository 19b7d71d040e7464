# DevOps Lab: the two commands of the README, and the steps they are made of.
#
#   make run    install what is missing, build, and serve http://127.0.0.1:3000
#   make test   format check, clippy, unit, integration and browser tests
#
# Both honour LAB_ADDR, LAB_DB and LAB_CONTENT (see README.md).

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo
# Everyday cargo commands leave out the wasm-only crate (see Cargo.toml).
HOST_CRATES := -p lab-core -p lab-db -p lab-app -p devops-lab

.PHONY: run test fmt lint unit site-dev site-release setup-release setup-test check

run: setup-release site-release
	$(CARGO) build --locked --release -p devops-lab
	./target/release/devops-lab serve

test: setup-test fmt site-dev lint unit

setup-release:
	scripts/setup.sh --release

setup-test:
	scripts/setup.sh --browser

site-dev:
	scripts/build-site.sh dev

site-release:
	scripts/build-site.sh release

fmt:
	$(CARGO) fmt --all --check

lint:
	$(CARGO) clippy --locked $(HOST_CRATES) --all-targets -- -D warnings
	$(CARGO) clippy --locked -p lab-frontend --target wasm32-unknown-unknown -- -D warnings

# Unit, integration and browser tests in one cargo invocation: one build for all.
unit:
	mkdir -p target
	$(CARGO) test --locked $(HOST_CRATES) --no-run
	@# The run itself takes well under a minute; a hang fails here, not at CI's limit.
	timeout --kill-after=10 900 $(CARGO) test --locked $(HOST_CRATES) 2>&1 | tee target/test-output.log
	@awk '/^test result:/ {p += $$4; f += $$6} END {printf "tests: %d passed, %d failed\n", p, f}' target/test-output.log

# Validate the shipped content.
check:
	$(CARGO) run --locked -q -p devops-lab -- check content
