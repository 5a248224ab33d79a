# Top-level entry points. Everything goes through scripts/setup.sh (system packages and
# pinned npm packages) and CMake in build/.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
CMAKE_ARGS ?=
# One compiler cache for every build folder (plain, sanitizers): paths are taken relative to here.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
SANITIZER_ARGS := -DLIVEKIT_BUILD_BENCH=OFF -DLIVEKIT_BUILD_EXAMPLES=OFF

.PHONY: setup configure build test test-poll test-no-epoll test-asan test-tsan demo bench docs clean

setup:
	@scripts/setup.sh

configure: setup
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 300

# The tests that drive the HTTP engine, again on the portable event loop (curl_multi_poll), the
# one every platform without epoll uses: same build, backend chosen at run time.
POLL_LABELS ?= api|failover|hostile|tls|http2
test-poll: build
	@cd $(BUILD_DIR) && LIVEKIT_EVENT_LOOP=poll ctest --output-on-failure -j $(JOBS) --timeout 300 --no-tests=error -L "$(POLL_LABELS)"

# A build as a platform without epoll makes it (objects other than the backend chooser come
# from the compiler cache), checked to reference no Linux-only call, and its engine and API
# tests run.
test-no-epoll: setup
	@cmake -S . -B $(BUILD_DIR)-no-epoll -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLIVEKIT_WITH_EPOLL=OFF -DLIVEKIT_BUILD_BENCH=OFF -DLIVEKIT_BUILD_EXAMPLES=OFF >/dev/null
	@cmake --build $(BUILD_DIR)-no-epoll -j $(JOBS) --target livekit_server_sdk_static lk-mock-server api_server_tests
	@if nm -u $(BUILD_DIR)-no-epoll/src/liblivekit_server_sdk.a | grep -E ' (epoll_|eventfd)'; then \
	  echo "test-no-epoll: the library still calls epoll"; exit 1; fi
	@cd $(BUILD_DIR)-no-epoll && ctest --output-on-failure -j $(JOBS) --timeout 300 --no-tests=error -R '^(CurlEngine|ApiMethods|ApiErrors|ApiConcurrency)\.'

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer (LeakSanitizer included).
test-asan: setup
	@cmake -S . -B $(BUILD_DIR)-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLIVEKIT_SANITIZE=address,undefined $(SANITIZER_ARGS) >/dev/null
	@cmake --build $(BUILD_DIR)-asan -j $(JOBS)
	@cd $(BUILD_DIR)-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) --timeout 600 --no-tests=error -LE docs

# The concurrent parts (the engine, clients shared across threads, 10,000 calls in flight, the
# soak) and the failover tests under ThreadSanitizer: only the targets they need are built.
TSAN_LABELS ?= api|failover|soak|http2
TSAN_TARGETS ?= lk-mock-server api_unit_tests api_server_tests api_host_limit_tests failover_unit_tests failover_integration_tests soak_tests http2_tests
test-tsan: setup
	@cmake -S . -B $(BUILD_DIR)-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLIVEKIT_SANITIZE=thread $(SANITIZER_ARGS) >/dev/null
	@cmake --build $(BUILD_DIR)-tsan -j $(JOBS) --target $(TSAN_TARGETS)
	@cd $(BUILD_DIR)-tsan && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
	  ctest --output-on-failure -j $(JOBS) --timeout 600 --no-tests=error -L "$(TSAN_LABELS)"

demo: build
	@scripts/demo.sh $(BUILD_DIR)

bench: build
	@scripts/bench.sh $(BUILD_DIR)

docs: configure
	@cmake --build $(BUILD_DIR) --target docs

clean:
	rm -rf $(BUILD_DIR)
