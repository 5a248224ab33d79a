#pragma once
// Builds the SDK's API clients from lkcpp's global flags, and prints call results and errors
// the same way for every API command.

#include <google/protobuf/message.h>

#include <optional>
#include <string>

#include "cli_context.h"
#include "livekit/livekit_api.h"

namespace lkcpp {

/// ClientOptions from --url, --api-key, --api-secret, --token, --timeout, --header,
/// --no-failover and --failover-force. A malformed --header -> kInvalidArgument.
livekit::Result<livekit::ClientOptions> ClientOptionsFromContext(const CliContext& ctx);

/// The API clients, or nullopt after printing a one-line error (bad URL, missing credentials)
/// and setting ctx.exit_code.
std::optional<livekit::LiveKitAPI> ApiFromContext(CliContext& ctx);

/// Prints a failed call as one line ("lkcpp: <what>: ..."; an unreachable server is named as
/// such) and returns the exit code.
int ReportCallError(const CliContext& ctx, const std::string& what, const livekit::Error& error);

/// Prints a response as proto3 JSON (one line with --json, indented otherwise).
void PrintJson(const CliContext& ctx, const google::protobuf::Message& message);

}  // namespace lkcpp
