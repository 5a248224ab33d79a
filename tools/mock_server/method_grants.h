#pragma once
// The API methods the mock serves and the grant each needs, written from LiveKit's test
// server's permission table (by group). Kept apart from the SDK's own method table on
// purpose: a wrong grant on either side then fails a test instead of passing on both.

#include <string_view>
#include <vector>

namespace livekit::mock {

/// What a token must hold for a method. `room`: the video grant's `room` must equal the
/// request's room (field `room` or `room_name`); `destination_room`: the grant's
/// `destinationRoom` must equal the request's `destination_room`. The `agent_*` members are
/// the token's `agent` claim (`admin`, `simulationAdmin`, `databaseAdmin`).
struct Grant {
  bool room_create = false;
  bool room_list = false;
  bool room_record = false;
  bool room_admin = false;
  bool ingress_admin = false;
  bool sip_admin = false;
  bool sip_call = false;
  bool agent_admin = false;
  bool agent_simulation_admin = false;
  bool agent_database_admin = false;
  bool room = false;
  bool destination_room = false;
};

/// Which host a method's calls go to: the project's, or LiveKit Cloud's agents host
/// (CloudAgent; AgentSimulation and AgentDBService take the URL they are given, so the
/// project's here). --services can restrict a mock to one of them.
enum class Host { kProject, kAgents };

/// Which hosts one mock process plays (--services): both (the default), or one of them.
enum class Services { kAll, kProject, kAgents };

/// Whether a mock playing `services` serves the methods of `host`.
inline bool Serves(Services services, Host host) {
  return services == Services::kAll || (services == Services::kAgents) == (host == Host::kAgents);
}

/// Whether a call takes a ringing phone's time when the test asks for no delay.
enum class Ringing { kNever, kAlways, kIfWaitUntilAnswered };

struct ApiMethod {
  std::string_view service;   // Twirp service, e.g. "RoomService"
  std::string_view method;    // e.g. "CreateRoom"
  std::string_view request;   // full protobuf name of the request message
  std::string_view response;  // full protobuf name of the response message
  Grant grant;
  Ringing ringing = Ringing::kNever;
  Host host = Host::kProject;
};

/// Every method the mock knows.
const std::vector<ApiMethod>& ApiMethods();

/// Looks a method up by its Twirp service and method name; null when the mock does not know it.
const ApiMethod* FindApiMethod(std::string_view service, std::string_view method);

}  // namespace livekit::mock
