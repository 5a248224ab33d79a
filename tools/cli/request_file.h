#pragma once
// Create commands accept, like LiveKit's own CLI, an optional file holding the request as
// proto3 JSON; flags given on the command line then override its fields.

#include <google/protobuf/message.h>

#include <string>

#include "cli_context.h"

namespace lkcpp {

/// Parses the proto3 JSON in `path` into `request` (unknown fields rejected). An empty path
/// does nothing. On a missing file or bad JSON prints one line, sets ctx.exit_code to
/// kExitUsage and returns false.
bool LoadRequestFile(const std::string& path, google::protobuf::Message* request, CliContext& ctx);

/// A flag given on the command line overrides the request file's field: sets `*field` to
/// `value` unless `value` is empty.
void AssignIfSet(std::string* field, const std::string& value);

}  // namespace lkcpp
