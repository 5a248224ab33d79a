#pragma once
// Per-call tokens, reused: a call signs a 10-minute token for its exact grant (method flags +
// room + destination room) and later calls with the same grant reuse it while at least half
// of its lifetime remains. Signing (HMAC key schedule, JSON, base64) is most of the CPU a
// call spends in the SDK; the grant stays exactly as narrow as before.
//
// Thread-safe.

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "livekit/result.h"
#include "services/method_table.h"
#include "services/request_facts.h"

namespace livekit::internal {

class TokenCache {
 public:
  using Clock = std::chrono::steady_clock;
  /// Distinct grants kept; the cache starts over when full (e.g. one entry per room).
  static constexpr std::size_t kMaxEntries = 1024;

  TokenCache(std::string api_key, std::string api_secret);

  /// The Authorization header value ("Bearer " and the token) for this method's grant and
  /// request, signed now or reused: kept whole, so a call copies it once.
  Result<std::string> Authorization(const MethodInfo& method, const RequestFacts& facts,
                                    Clock::time_point now = Clock::now());

 private:
  struct Entry {
    std::string authorization;
    Clock::time_point reuse_until;
  };
  std::string api_key_;
  std::string api_secret_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace livekit::internal
