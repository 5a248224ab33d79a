#include "services/method_table.h"

#include <array>

#include "services/method_list.h"

namespace livekit::internal {
namespace {

// Members: room_create, room_list, room_record, room_admin, ingress_admin, sip_admin, sip_call,
// room_scoped, dest_scoped, agent_admin, simulation_admin, database_admin.
constexpr RequiredGrant kRoomCreate{true, false, false, false, false, false, false, false, false, false, false, false};
constexpr RequiredGrant kRoomList{false, true, false, false, false, false, false, false, false, false, false, false};
constexpr RequiredGrant kRoomRecord{false, false, true, false, false, false, false, false, false, false, false, false};
constexpr RequiredGrant kRoomAdmin{false, false, false, true, false, false, false, true, false, false, false, false};
constexpr RequiredGrant kRoomAdminDest{false, false, false, true, false, false, false, true, true, false, false, false};
constexpr RequiredGrant kIngressAdmin{false, false, false, false, true, false, false, false, false, false, false, false};
constexpr RequiredGrant kSipAdmin{false, false, false, false, false, true, false, false, false, false, false, false};
constexpr RequiredGrant kSipCall{false, false, false, false, false, false, true, false, false, false, false, false};
constexpr RequiredGrant kSipCallRoomAdmin{false, false, false, true, false, false, true, true, false, false, false, false};
constexpr RequiredGrant kAgentAdmin{false, false, false, false, false, false, false, false, false, true, false, false};
constexpr RequiredGrant kSimulationAdmin{false, false, false, false, false, false, false, false, false, false, true, false};
constexpr RequiredGrant kDatabaseAdmin{false, false, false, false, false, false, false, false, false, false, false, true};

constexpr MethodKind R = MethodKind::kRead;
constexpr MethodKind W = MethodKind::kIdempotentWrite;
constexpr MethodKind S = MethodKind::kSideEffect;

// CloudAgent is served by the agents host; every other service (AgentSimulation and
// AgentDBService included) by the project URL.
constexpr ServiceHost HostOf(std::string_view service) {
  return service == "CloudAgent" ? ServiceHost::kAgents : ServiceHost::kProject;
}

// The protobuf name of a C++ message name: nested messages are spelled with `_` in C++ and
// `.` in protobuf (SimulationRun_Create_Request is livekit.SimulationRun.Create.Request). No
// message of the list has `_` in its own name (method_table_test finds every name in the pool).
template <std::size_t N>
struct ProtoName {
  char text[N];
  constexpr std::string_view view() const { return std::string_view(text, N - 1); }
};
template <std::size_t N>
constexpr ProtoName<N> ProtoNameOf(const char (&cpp_name)[N]) {
  ProtoName<N> out{};
  for (std::size_t i = 0; i < N; ++i) out.text[i] = cpp_name[i] == '_' ? '.' : cpp_name[i];
  return out;
}

// Each method's two names, kept in static storage the table's string_views point into.
#define LK_NAMES(client, service, name, request, response, grant, kind, rule)       \
  struct Names_##client##_##name {                                                  \
    static constexpr auto kRequest = ProtoNameOf("livekit." #request);              \
    static constexpr auto kResponse = ProtoNameOf("livekit." #response);            \
  };
LIVEKIT_FOR_EACH_API_METHOD(LK_NAMES)
#undef LK_NAMES

#define LK_ROW(client, service, name, request, response, grant, kind, rule)                                  \
  MethodInfo{service, #name, Names_##client##_##name::kRequest.view(), Names_##client##_##name::kResponse.view(), \
             grant, kind, TimeoutRule::rule, HostOf(service)},
constexpr std::array kMethods = {LIVEKIT_FOR_EACH_API_METHOD(LK_ROW)};
#undef LK_ROW

static_assert(kMethods.size() == 88, "58 core methods (api-surface.md) and 30 of the agent services");

}  // namespace

const MethodInfo* AllMethods(std::size_t* count) {
  *count = kMethods.size();
  return kMethods.data();
}

const MethodInfo* FindMethod(std::string_view service, std::string_view method) {
  for (const auto& m : kMethods) {
    if (m.service == service && m.method == method) return &m;
  }
  return nullptr;
}

}  // namespace livekit::internal
