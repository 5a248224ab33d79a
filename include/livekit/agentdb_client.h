#pragma once
/// @file
/// AgentDBClient: LiveKit Cloud AgentDB: create, get, list, delete and dump agent databases.

#include <memory>

#include "livekit_agentdb.pb.h"

#include "livekit/api_method.h"
#include "livekit/call_handle.h"
#include "livekit/call_options.h"
#include "livekit/client_options.h"
#include "livekit/result.h"

namespace livekit {

/// LiveKit Cloud AgentDB: create, get, list, delete and dump agent databases.
///
/// Calls `livekit.AgentDBService`. Every method exists in the three forms of
/// livekit/api_method.h. Each call signs a 10-minute token whose only grant is `agent.databaseAdmin`
/// (or sends the configured token verbatim).
///
/// Host: the project URL as given. Queries to a database do not go through this client.
///
/// Thread safety: a copyable handle over a shared connection; copies and concurrent calls from
/// any threads are safe. When the last copy (and the last LiveKitAPI sharing its connection) is
/// destroyed, calls still in flight complete with ErrorCode::kCancelled.
class AgentDBClient {
 public:
  /// Builds the client from options; empty members fall back to LIVEKIT_URL, LIVEKIT_API_KEY,
  /// LIVEKIT_API_SECRET and LIVEKIT_TOKEN. Unusable options do not throw: status() tells, and
  /// every call fails with that error (ErrorCode::kInvalidArgument).
  explicit AgentDBClient(ClientOptions options = {});
  /// Shares an existing connection (LiveKitAPI builds its clients this way).
  explicit AgentDBClient(std::shared_ptr<internal::ApiConnection> connection);
  /// OK, or why the options given to the constructor are unusable.
  const Status& status() const;

  /// `AgentDBService/CreateDatabase`: AgentDB_CreateRequest -> AgentDB_CreateResponse.
  LIVEKIT_API_METHOD(CreateDatabase, AgentDB_CreateRequest, AgentDB_CreateResponse)
  /// `AgentDBService/GetDatabase`: AgentDB_GetRequest -> AgentDB_AgentDatabase.
  LIVEKIT_API_METHOD(GetDatabase, AgentDB_GetRequest, AgentDB_AgentDatabase)
  /// `AgentDBService/ListDatabases`: AgentDB_ListRequest -> AgentDB_ListResponse.
  LIVEKIT_API_METHOD(ListDatabases, AgentDB_ListRequest, AgentDB_ListResponse)
  /// `AgentDBService/DeleteDatabase`: AgentDB_DeleteRequest -> AgentDB_DeleteResponse.
  LIVEKIT_API_METHOD(DeleteDatabase, AgentDB_DeleteRequest, AgentDB_DeleteResponse)
  /// `AgentDBService/DumpDatabase`: AgentDB_DumpRequest -> AgentDB_DumpResponse.
  LIVEKIT_API_METHOD(DumpDatabase, AgentDB_DumpRequest, AgentDB_DumpResponse)

 private:
  std::shared_ptr<internal::ApiConnection> connection_;
};

}  // namespace livekit
