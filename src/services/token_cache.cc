#include "services/token_cache.h"

#include "services/call_token.h"

namespace livekit::internal {
namespace {

// The grant as a key: the flags, then the room scope (only when the method is scoped).
std::string KeyOf(const MethodInfo& m, const RequestFacts& f) {
  const RequiredGrant& g = m.grant;
  std::string key;
  for (bool b : {g.room_create, g.room_list, g.room_record, g.room_admin, g.ingress_admin, g.sip_admin, g.sip_call,
                 g.agent_admin, g.simulation_admin, g.database_admin}) {
    key.push_back(b ? '1' : '0');
  }
  if (g.room_scoped) key.append("|").append(f.room);
  if (g.dest_scoped) key.append("|").append(f.destination_room);
  return key;
}

}  // namespace

TokenCache::TokenCache(std::string api_key, std::string api_secret)
    : api_key_(std::move(api_key)), api_secret_(std::move(api_secret)) {}

Result<std::string> TokenCache::Authorization(const MethodInfo& method, const RequestFacts& facts,
                                              Clock::time_point now) {
  std::string key = KeyOf(method, facts);
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(key);
    if (it != entries_.end() && now < it->second.reuse_until) return it->second.authorization;
  }
  auto token = SignCallToken(method, facts, api_key_, api_secret_);
  if (!token.ok()) return std::move(token).error();
  std::string authorization = "Bearer " + *token;
  std::lock_guard<std::mutex> lock(mu_);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[std::move(key)] = Entry{authorization, now + kCallTokenTtl / 2};
  return authorization;
}

}  // namespace livekit::internal
