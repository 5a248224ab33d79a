#include "error_report.h"

#include <iostream>

namespace lkcpp {

int ExitCodeFor(const livekit::Error& error) {
  switch (error.code()) {
    case livekit::ErrorCode::kOk: return kExitOk;
    case livekit::ErrorCode::kInvalidArgument: return kExitUsage;
    case livekit::ErrorCode::kUnauthenticated:
    case livekit::ErrorCode::kServerRejection:
    case livekit::ErrorCode::kRegionPinned:
    case livekit::ErrorCode::kBadResponse: return kExitRejected;
    case livekit::ErrorCode::kServerFailure:
    case livekit::ErrorCode::kTransport:
    case livekit::ErrorCode::kTimeout: return kExitUnreachable;
    case livekit::ErrorCode::kCancelled:
    case livekit::ErrorCode::kConnectionLimit:
    case livekit::ErrorCode::kInternal: return kExitFailure;
  }
  return kExitFailure;
}

int ReportError(const CliContext& ctx, const std::string& what, const livekit::Error& error) {
  using livekit::ErrorCode;
  if (error.code() == ErrorCode::kTransport || error.code() == ErrorCode::kTimeout) {
    std::cerr << "lkcpp: " << what << ": cannot reach the server at " << (ctx.server.empty() ? ctx.url : ctx.server)
              << ": " << error.message() << "\n";
  } else {
    std::cerr << "lkcpp: " << what << ": " << error.ToString() << "\n";
  }
  if (ctx.verbose) {
    if (!error.request_id().empty()) std::cerr << "  request id " << error.request_id() << "\n";
    for (const auto& a : error.attempts()) {
      // The detail often names the status already ("HTTP 503"): print it once.
      const std::string status = a.http_status ? "HTTP " + std::to_string(a.http_status) : "";
      const bool status_in_detail = !status.empty() && a.detail.find(status) != std::string::npos;
      std::cerr << "  attempt " << (a.hedge ? "(hedge) " : "") << a.host << (a.region.empty() ? "" : " (" + a.region + ")") << ": "
                << livekit::ToString(a.outcome) << (status.empty() || status_in_detail ? "" : " " + status)
                << (a.detail.empty() ? "" : " " + a.detail) << " in " << a.duration.count() << " ms\n";
    }
  }
  return ExitCodeFor(error);
}

int Failure(int exit_code, const std::string& message) {
  std::cerr << "lkcpp: " << message << "\n";
  return exit_code;
}

int UsageError(const std::string& message) { return Failure(kExitUsage, message); }

}  // namespace lkcpp
