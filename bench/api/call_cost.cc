// The cost of one ListRooms call in counts that hardly depend on how busy the machine is:
// heap allocations (every malloc of the process: the SDK, libcurl, OpenSSL, libstdc++), and,
// run under callgrind by scripts/profile_api.sh, instructions. Timed CPU on a shared machine
// swings by more than the SDK's own share; these counts move by 1 to 2% (how often an answer
// is already there when libcurl looks changes its path a little).
//   call_cost URL sdk|blocking|libcurl CALLS
// `sdk` chains CALLS callback-form calls (each started from the previous one's completion),
// `blocking` makes CALLS blocking calls, `libcurl` makes the same exchange with libcurl alone
// (the request bench_api's libcurl baseline sends, one reused easy handle, the documented multi
// loop). Each first makes 200 of the same calls to warm up. Prints one JSON object:
//   {"mode": "sdk", "calls": N, "allocations_per_call": a, "context_switches_per_call": s}
// Instructions per call are the difference of two runs with different CALLS (the script's job:
// start-up and warm-up cancel out).
#include <curl/curl.h>
#include <sys/resource.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

#include "livekit/access_token.h"
#include "livekit/room_service_client.h"
#include "livekit/version.h"
#include "../common/baseline_request.h"

// Every allocation of the process goes through these (glibc: an executable's definitions
// interpose the C library's for every shared library too); they count, then forward.
#if defined(__GLIBC__)
extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
void* __libc_memalign(size_t, size_t);
void __libc_free(void*);
}
namespace {
std::atomic<long> g_allocations{0};
}
extern "C" {
void* malloc(size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(n);
}
void* calloc(size_t n, size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_calloc(n, size);
}
void* realloc(void* p, size_t n) {
  if (p == nullptr) g_allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(p, n);
}
void* memalign(size_t alignment, size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_memalign(alignment, n);
}
int posix_memalign(void** out, size_t alignment, size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  *out = __libc_memalign(alignment, n);
  return *out != nullptr ? 0 : ENOMEM;
}
void* aligned_alloc(size_t alignment, size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_memalign(alignment, n);
}
void free(void* p) { __libc_free(p); }
}
long Allocations() { return g_allocations.load(); }
#else
long Allocations() { return -1; }
#endif

// Voluntary and involuntary context switches of the process so far: a call that sleeps in
// the kernel (waits for its answer) pays for two.
long ContextSwitches() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_nvcsw + u.ru_nivcsw;
}

namespace {

constexpr int kWarmUp = 200;

// One call in flight at a time, each started from the previous one's completion.
class Chain {
 public:
  Chain(const livekit::RoomServiceClient& client, int total) : client_(client), left_(total) {}
  bool Run() {
    Next();
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return done_; });
    return failures_ == 0;
  }

 private:
  void Next() {
    if (left_ == 0) {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
      cv_.notify_all();
      return;
    }
    --left_;
    client_.ListRoomsAsync(livekit::ListRoomsRequest{}, [this](livekit::Result<livekit::ListRoomsResponse> r) {
      if (!r.ok()) ++failures_;
      Next();
    });
  }

  const livekit::RoomServiceClient& client_;
  int left_;
  int failures_ = 0;  // touched by one call at a time only
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
};

using bench::ListRoomsToken;

// The same exchange with libcurl alone, `calls` times; false when one fails.
bool LibcurlCalls(const std::string& url, int calls) {
  const std::string target = url + "/twirp/livekit.RoomService/ListRooms";
  const std::string auth = "Authorization: Bearer " + ListRoomsToken();
  const std::string agent = std::string("User-Agent: ") + livekit::kSdkName + "/" + livekit::kSdkVersion;
  CURLM* multi = curl_multi_init();
  CURL* easy = curl_easy_init();
  curl_slist* headers = curl_slist_append(nullptr, auth.c_str());
  headers = curl_slist_append(headers, "Content-Type: application/protobuf");
  headers = curl_slist_append(headers, agent.c_str());
  headers = curl_slist_append(headers, "X-Livekit-Request-Id: 6f1c2a9e-3b4d-4e8f-9a0b-1c2d3e4f5a6b");
  headers = curl_slist_append(headers, "Expect:");
  bench::SetBaselineRequest(easy, target, headers, 10000L);
  bool ok = true;
  for (int i = 0; i < calls && ok; ++i) {
    curl_multi_add_handle(multi, easy);
    int running = 1;
    while (running > 0) {
      curl_multi_perform(multi, &running);
      if (running > 0) curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
    }
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
      long status = 0;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &status);
      ok = ok && msg->data.result == CURLE_OK && status == 200;
    }
    curl_multi_remove_handle(multi, easy);
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(easy);
  curl_multi_cleanup(multi);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: call_cost URL sdk|blocking|libcurl CALLS\n");
    return 2;
  }
  const std::string url = argv[1];
  const std::string mode = argv[2];
  const int calls = std::atoi(argv[3]);
  if (calls <= 0 || (mode != "sdk" && mode != "blocking" && mode != "libcurl")) {
    std::fprintf(stderr, "call_cost: CALLS must be positive and the mode sdk, blocking or libcurl\n");
    return 2;
  }
  long before = 0;
  long switches_before = 0;
  bool ok = true;
  if (mode == "libcurl") {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    ok = LibcurlCalls(url, kWarmUp);
    before = Allocations();
    switches_before = ContextSwitches();
    ok = ok && LibcurlCalls(url, calls);
  } else {
    livekit::ClientOptions options;
    options.url = url;
    options.api_key = "devkey";
    options.api_secret = "secret";
    livekit::RoomServiceClient rooms(options);
    for (int i = 0; i < kWarmUp && ok; ++i) ok = rooms.ListRooms(livekit::ListRoomsRequest{}).ok();
    before = Allocations();
    switches_before = ContextSwitches();
    if (mode == "sdk") {
      Chain chain(rooms, calls);
      ok = ok && chain.Run();
    } else {
      for (int i = 0; i < calls && ok; ++i) ok = rooms.ListRooms(livekit::ListRoomsRequest{}).ok();
    }
  }
  const long after = Allocations();
  const long switches = ContextSwitches() - switches_before;
  if (!ok) {
    std::fprintf(stderr, "call_cost: a call failed\n");
    return 1;
  }
  std::printf("{\"mode\": \"%s\", \"calls\": %d, \"allocations_per_call\": %.2f, \"context_switches_per_call\": %.2f}\n",
              mode.c_str(), calls, before < 0 ? -1.0 : static_cast<double>(after - before) / calls,
              static_cast<double>(switches) / calls);
  return 0;
}
