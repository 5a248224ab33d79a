#include "stats.h"

#include <nlohmann/json.hpp>

namespace livekit::mock {

Stats::Stats(std::size_t regions) : regions_(regions) {}

void Stats::CountApiCall(std::size_t index, std::string_view route) {
  std::lock_guard<std::mutex> lock(mu_);
  if (index >= regions_.size()) return;
  Region& r = regions_[index];
  ++r.api_calls;
  auto it = r.methods.find(route);
  if (it == r.methods.end()) it = r.methods.emplace(std::string(route), 0).first;
  ++it->second;
}

void Stats::CountApiEnd(std::size_t index, CallEnd end) {
  std::lock_guard<std::mutex> lock(mu_);
  if (index < regions_.size()) ++regions_[index].ends[static_cast<int>(end)];
}

void Stats::CountDiscovery(std::size_t index) {
  std::lock_guard<std::mutex> lock(mu_);
  if (index < regions_.size()) ++regions_[index].discoveries;
}

void Stats::CountClientClosed(std::size_t index) {
  std::lock_guard<std::mutex> lock(mu_);
  if (index < regions_.size()) ++regions_[index].client_closed;
}

std::string Stats::ToJson() const {
  std::lock_guard<std::mutex> lock(mu_);
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i = 0; i < regions_.size(); ++i) {
    const Region& r = regions_[i];
    const auto end = [&](CallEnd e) { return r.ends[static_cast<int>(e)]; };
    nlohmann::json methods = nlohmann::json::object();
    for (const auto& [route, n] : r.methods) methods[route] = n;
    list.push_back({{"index", i},
                    {"region", "region-" + std::to_string(i)},
                    {"apiCalls", r.api_calls},
                    {"methods", std::move(methods)},
                    {"discoveries", r.discoveries},
                    {"successes", end(CallEnd::kSuccess)},
                    {"failures", end(CallEnd::kRejected) + end(CallEnd::kPinned) + end(CallEnd::kInjected) +
                                     end(CallEnd::kDropped) + end(CallEnd::kHung)},
                    {"rejected", end(CallEnd::kRejected)},
                    {"pinned", end(CallEnd::kPinned)},
                    {"injected", end(CallEnd::kInjected)},
                    {"dropped", end(CallEnd::kDropped)},
                    {"hung", end(CallEnd::kHung)},
                    {"clientClosed", r.client_closed}});
  }
  return nlohmann::json{{"regions", std::move(list)}}.dump(-1, ' ', false,
                                                            nlohmann::json::error_handler_t::replace);
}

void Stats::Reset() {
  std::lock_guard<std::mutex> lock(mu_);
  for (Region& r : regions_) r = Region();
}

}  // namespace livekit::mock
