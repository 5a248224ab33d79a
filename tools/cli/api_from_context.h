#pragma once
// Builds the SDK's API clients from lkcpp's global flags, and runs one call the same way for
// every API command: build the clients, call, report a failure, print the answer.

#include <google/protobuf/message.h>

#include <optional>
#include <string>

#include "cli_context.h"
#include "error_report.h"
#include "livekit/livekit_api.h"

namespace lkcpp {

/// ClientOptions from --url, --api-key, --api-secret, --token, --timeout, --header,
/// --no-failover and --failover-force. A malformed --header -> kInvalidArgument.
livekit::Result<livekit::ClientOptions> ClientOptionsFromContext(const CliContext& ctx);

/// The API clients, or nullopt after printing a one-line error (bad URL, missing credentials)
/// and setting ctx.exit_code.
std::optional<livekit::LiveKitAPI> ApiFromContext(CliContext& ctx);

/// Prints a response as proto3 JSON (one line with --json, indented otherwise).
void PrintJson(const CliContext& ctx, const google::protobuf::Message& message);

/// One API command: builds the clients from the global flags, runs `call(api)` (which returns
/// the SDK's Result of a message), reports a failure as the command's (ReportError), and
/// prints the answer: as JSON with --json, else through `print_text(answer)`. Returns the exit
/// code.
template <typename Call, typename PrintText>
int RunApiCall(CliContext& ctx, Call call, PrintText print_text) {
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  auto result = call(*api);
  if (!result.ok()) return ReportError(ctx, ctx.command, result.error());
  if (ctx.json) {
    PrintJson(ctx, *result);
  } else {
    print_text(*result);
  }
  return kExitOk;
}

}  // namespace lkcpp
