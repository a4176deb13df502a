# plume: the two commands a newcomer needs are `make demo` and `make check`.
# Every target first runs scripts/bootstrap.sh, which installs what is missing.

BUILD      ?= build
WIN_BUILD  := $(BUILD)/win
NAT_BUILD  := $(BUILD)/native
FUZZ_BUILD := $(BUILD)/fuzz
JOBS       ?= 2
FUZZ_TIME  ?= 300
CMAKE_TYPE ?= RelWithDebInfo

.PHONY: all bootstrap windows native wrapper check unit fuzz-smoke fuzz wine-tests docs-check demo bench clean help

all: windows native wrapper

help:
	@echo "make          build Windows binaries ($(WIN_BUILD)), native core tests and $(BUILD)/plume"
	@echo "make check    build and run every test (unit, fuzz smoke, docs, Wine integration)"
	@echo "make demo     show plume confining real programs in two VMs"
	@echo "make bench    measure plume against native, side by side"
	@echo "make fuzz     long fuzz runs (FUZZ_TIME=$(FUZZ_TIME) s per target)"
	@echo "make clean    remove $(BUILD)"

bootstrap:
	@sh scripts/bootstrap.sh

windows: bootstrap
	@cmake -S . -B $(WIN_BUILD) -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-w64-x86_64.cmake -DCMAKE_BUILD_TYPE=$(CMAKE_TYPE) --no-warn-unused-cli >/dev/null
	@cmake --build $(WIN_BUILD) -j $(JOBS)

native: bootstrap
	@cmake -S . -B $(NAT_BUILD) -DCMAKE_BUILD_TYPE=Debug >/dev/null
	@cmake --build $(NAT_BUILD) -j $(JOBS)

wrapper: windows
	@sed "s|@PLUME_BIN@|$(abspath $(WIN_BUILD))|" scripts/plume.in >$(BUILD)/plume.tmp
	@chmod +x $(BUILD)/plume.tmp
	@mv $(BUILD)/plume.tmp $(BUILD)/plume

unit: native
	@echo "== unit tests (native, ASan + UBSan)"
	@$(NAT_BUILD)/unit_tests

fuzz-build: bootstrap
	@CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug -DPLUME_FUZZ=ON >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_pe fuzz_cli fuzz_ini fuzz_objname

fuzz-smoke: fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_BUILD) 10

fuzz: fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_TIME)

docs-check: native
	@echo "== docs: README's generated tables match their sources"
	@sh scripts/docs-check.sh $(NAT_BUILD)/gen_coverage README.md

wine-tests: all
	@echo "== Wine integration tests"
	@sh tests/wine/run.sh

check: all
	@sh scripts/check.sh

demo: all
	@sh scripts/demo.sh

bench: all
	@sh bench/run.sh

clean:
	rm -rf $(BUILD)
