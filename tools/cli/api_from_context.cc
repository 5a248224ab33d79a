#include "api_from_context.h"

#include <google/protobuf/util/json_util.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>

#include "livekit/failover_events.h"

namespace lkcpp {
namespace {

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

// --verbose: one line per attempt (host, region, outcome, duration; hedged attempts marked
// "hedge"), one when a hedge is sent, and one per skipped failover.
class VerboseListener : public livekit::FailoverListener {
 public:
  void OnAttemptStarted(const livekit::AttemptStartedEvent& e) override {
    if (e.reason != livekit::AttemptReason::kHedge) return;
    std::lock_guard<std::mutex> lock(mu_);
    std::cerr << "lkcpp: " << e.method << " attempt " << (e.index + 1) << " " << e.host
              << (e.region.empty() ? "" : " (" + e.region + ")") << ": hedge sent, earlier attempts still in flight\n";
  }
  void OnAttemptFinished(const livekit::AttemptFinishedEvent& e) override {
    const auto& a = e.attempt;
    std::lock_guard<std::mutex> lock(mu_);
    std::cerr << "lkcpp: " << e.method << " attempt " << (e.index + 1) << (a.hedge ? " (hedge) " : " ") << a.host
              << (a.region.empty() ? "" : " (" + a.region + ")") << ": " << livekit::ToString(a.outcome)
              << (a.detail.empty() ? "" : " " + a.detail) << " in " << a.duration.count() << " ms\n";
  }
  void OnFailoverSkipped(const livekit::FailoverSkippedEvent& e) override {
    std::lock_guard<std::mutex> lock(mu_);
    std::cerr << "lkcpp: " << e.method << ": no failover (" << livekit::ToString(e.reason) << ")\n";
  }

 private:
  std::mutex mu_;
};

}  // namespace

livekit::Result<livekit::ClientOptions> ClientOptionsFromContext(const CliContext& ctx) {
  livekit::ClientOptions o;
  o.url = ctx.url;
  o.agents_url = ctx.agents_url;
  o.api_key = ctx.api_key;
  o.api_secret = ctx.api_secret;
  o.token = ctx.token;
  o.timeout = ctx.timeout;
  for (const auto& h : ctx.headers) {
    auto colon = h.find(':');
    std::string name = colon == std::string::npos ? "" : Trim(h.substr(0, colon));
    if (name.empty() || name.find(' ') != std::string::npos) {
      return livekit::Error(livekit::ErrorCode::kInvalidArgument,
                            "invalid --header \"" + h + "\": expected \"Name: value\"");
    }
    o.headers.emplace_back(name, Trim(h.substr(colon + 1)));
  }
  // The CA file: --ca-file, else CURL_CA_BUNDLE (both filled by CLI11), else SSL_CERT_FILE, as
  // curl and OpenSSL users expect.
  std::string ca_file = ctx.ca_file;
  if (const char* v = std::getenv("SSL_CERT_FILE"); ca_file.empty() && v != nullptr) ca_file = v;
  if (!ca_file.empty()) {
    if (!std::ifstream(ca_file)) {
      return livekit::Error(livekit::ErrorCode::kInvalidArgument,
                            "cannot read the CA file " + ca_file + " (--ca-file, CURL_CA_BUNDLE or SSL_CERT_FILE)");
    }
    o.tls.ca_bundle_path = ca_file;
  }
  if (ctx.no_failover) o.failover.enabled = false;
  if (ctx.failover_force) o.failover.force = true;
  if (ctx.hedge_after.count() > 0) o.failover.hedge_after = ctx.hedge_after;
  if (ctx.verbose) o.failover.listener = std::make_shared<VerboseListener>();
  return o;
}

std::optional<livekit::LiveKitAPI> ApiFromContext(CliContext& ctx) {
  auto options = ClientOptionsFromContext(ctx);
  if (!options.ok()) {
    ctx.exit_code = UsageError(options.error().message());
    return std::nullopt;
  }
  auto api = livekit::LiveKitAPI::Create(std::move(*options));
  if (!api.ok()) {
    // Bad URL or missing credentials: the SDK's message says which flag or variable to set.
    ctx.exit_code = UsageError(api.error().message() + " (flags --url, --api-key, --api-secret, --token)");
    return std::nullopt;
  }
  return std::move(*api);
}

void PrintJson(const CliContext& ctx, const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = !ctx.json;
  std::string out;
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  std::cout << out << "\n";
}

}  // namespace lkcpp
