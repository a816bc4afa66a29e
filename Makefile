# hugemem: the front door.  Every target does its own set-up.
#   make demo    fetch, apply, build, boot, show the features at work
#   make test    everything, every scenario and test; non-zero on any failure
#   make test-reverted  boots that show the tests catch what the series fixes
#   make test-steps     steps of the series booted with the tests they touch
#   make check   checkpatch --strict, exact apply, every patch builds, config matrix
#   make rebase-check BASE_VERSION=V [BASE_SUITE=S]  the series on another 5.10 release
#   make bench   boot the bench kernel and print "name: value" figures
#   make shell   boot the test kernel to an interactive shell
#   make tree    (re)create build/linux from the base and patches/series
#   make export  write build/linux's commits back to patches/
#   make clean   remove build/ (the kernel tree too: export first)
SHELL := /bin/sh
S := scripts

.PHONY: all deps tree rebase-check build build-bench demo test test-reverted test-steps check bench shell export clean clean-tree
all: test

deps:
	@sh $(S)/deps.sh

tree: deps
	@sh $(S)/tree.sh

build: tree
	@sh $(S)/build.sh test && sh $(S)/initramfs.sh test

build-bench: tree
	@sh $(S)/build.sh bench && sh $(S)/initramfs.sh bench

demo: build
	@sh $(S)/demo.sh

test: build
	@sh $(S)/test.sh

test-reverted: build
	@SCENARIO_FILE=scenarios.reverted sh $(S)/test.sh

test-steps: build
	@SCENARIO_FILE=scenarios.steps sh $(S)/test.sh

check: tree
	@sh $(S)/check.sh

rebase-check: tree
	@sh $(S)/rebase-check.sh "$(BASE_VERSION)" "$(BASE_SUITE)"

bench: build-bench
	@sh $(S)/bench.sh

shell: build
	@sh $(S)/boot.sh -M shell -m $${MEM:-4G} -n $${NODES:-1} -a "$${APPEND:-}"

export:
	@sh $(S)/export.sh

clean-tree:
	rm -rf build/linux build/tree.applied

clean:
	rm -rf build
