# A thin layer over meson: the README's two commands and a few helpers.
# Each target installs missing Debian packages first (scripts/install-deps.sh).

.PHONY: demo test build bench docs clean

demo:
	@sh scripts/demo.sh

test:
	@sh scripts/run-tests.sh

build:
	@sh scripts/install-deps.sh && sh scripts/build.sh build

bench: build
	@meson test -C build --benchmark --verbose

docs: build
	@ninja -C build docs

clean:
	rm -rf build build-asan build-fuzz build-results
