#include "services/method_table.h"

#include <array>

#include "services/method_list.h"

namespace livekit::internal {
namespace {

constexpr RequiredGrant kRoomCreate{true, false, false, false, false, false, false, false, false};
constexpr RequiredGrant kRoomList{false, true, false, false, false, false, false, false, false};
constexpr RequiredGrant kRoomRecord{false, false, true, false, false, false, false, false, false};
constexpr RequiredGrant kRoomAdmin{false, false, false, true, false, false, false, true, false};
constexpr RequiredGrant kRoomAdminDest{false, false, false, true, false, false, false, true, true};
constexpr RequiredGrant kIngressAdmin{false, false, false, false, true, false, false, false, false};
constexpr RequiredGrant kSipAdmin{false, false, false, false, false, true, false, false, false};
constexpr RequiredGrant kSipCall{false, false, false, false, false, false, true, false, false};
constexpr RequiredGrant kSipCallRoomAdmin{false, false, false, true, false, false, true, true, false};

constexpr MethodKind R = MethodKind::kRead;
constexpr MethodKind W = MethodKind::kIdempotentWrite;
constexpr MethodKind S = MethodKind::kSideEffect;

#define LK_ROW(client, service, name, request, response, grant, kind, rule) \
  MethodInfo{service, #name, "livekit." #request, "livekit." #response, grant, kind, TimeoutRule::rule},
constexpr std::array kMethods = {LIVEKIT_FOR_EACH_API_METHOD(LK_ROW)};
#undef LK_ROW

static_assert(kMethods.size() == 58, "api-surface.md lists 58 methods");

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
