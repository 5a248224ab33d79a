#pragma once
/// @file
/// FakeLiveKit: an in-process LiveKit server for unit tests of code that calls this SDK
/// (CMake target LiveKit::server_sdk_testing). It plugs into the clients as their
/// HttpTransport (ClientOptions::transport), so the whole SDK runs as in production (token
/// signing, protobuf and JSON encodings, region discovery, failover, retries, timeouts) and
/// only the sockets are missing: no process, no port.
///
///   livekit::testing::FakeLiveKit fake;
///   fake.On<livekit::ListRoomsRequest, livekit::ListRoomsResponse>(
///       "RoomService", "ListRooms", [](const livekit::ListRoomsRequest&) {
///         livekit::ListRoomsResponse out;
///         out.add_rooms()->set_name("lobby");
///         return out;
///       });
///   livekit::LiveKitAPI api(fake.client_options());
///   auto rooms = api.room().ListRooms();   // answered by the handler
///
/// Works with any test framework (it uses none). Thread-safe: handlers run on the SDK's
/// threads, and every member may be called from any thread while calls are in flight.

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <google/protobuf/message.h>

#include "livekit/client_options.h"
#include "livekit/error.h"
#include "livekit/grants.h"
#include "livekit/http_transport.h"
#include "livekit/region_state.h"
#include "livekit/result.h"

namespace livekit::testing {

/// A Twirp error for a handler to return: `code` is a Twirp code ("not_found",
/// "invalid_argument", "unavailable", ...), answered with Twirp's HTTP status for it (500 for
/// an unknown code) unless `http_status` is given. The caller sees it as a Twirp error from
/// a server: Error::twirp_code(), Error::http_status(), Error::metadata().
Error TwirpError(std::string code, std::string message, std::map<std::string, std::string> meta = {},
                 int http_status = 0);

/// One request the fake received (an API call or a region discovery).
struct FakeRequest {
  std::size_t region = 0;     ///< index of the region (host) that received it
  std::string region_name;    ///< that region's name
  std::string host;           ///< host[:port] of the URL
  std::string url;            ///< the full URL
  std::string http_method;    ///< "POST" (API call) or "GET" (discovery)
  bool discovery = false;     ///< GET /settings/regions
  std::string service;        ///< Twirp service, e.g. "RoomService" (empty for discovery)
  std::string method;         ///< e.g. "ListRooms" (empty for discovery)
  HeaderList headers;         ///< headers as sent
  Encoding encoding = Encoding::kProtobuf;  ///< the body's encoding (from Content-Type)
  /// The decoded request message; null when no handler gives the method's type, or the body
  /// did not decode. See message_as().
  std::shared_ptr<const google::protobuf::Message> message;
  /// The bearer token's claims, verified with the fake's key and secret; unset when there is
  /// no token or it did not verify (then token_error says why). A token that does not
  /// verify is refused with 401, as a server does.
  std::optional<Claims> claims;
  std::string token_error;    ///< why `claims` is unset (empty otherwise)
  /// The failure this request was answered with (FakeFailure::Describe()); empty when none.
  std::string injected_failure;

  /// The first header of that name (case-insensitive); empty when absent.
  std::string_view header(std::string_view name) const;
  /// The decoded request as its type; null when absent or of another type.
  template <class M>
  const M* message_as() const {
    return dynamic_cast<const M*>(message.get());
  }
};

/// A failure a region plays instead of answering (FakeLiveKit::FailRegion).
struct FakeFailure {
  /// What the client sees.
  enum class Kind {
    kHttpStatus,  ///< an HTTP answer with this status and body (not a Twirp error body)
    kTwirpError,  ///< a Twirp error answer (JSON body with code and msg)
    kDrop,        ///< the connection closes before an answer: ErrorCode::kTransport
    kRefuse,      ///< the connection is refused: kTransport, the request provably never sent
    kHang,        ///< no answer at all: the attempt ends at its timeout (ErrorCode::kTimeout)
  };
  Kind kind = Kind::kHttpStatus;  ///< which failure
  int http_status = 503;          ///< kHttpStatus, kTwirpError (0: Twirp's status for `code`)
  std::string twirp_code;         ///< kTwirpError
  std::string message;            ///< kTwirpError's msg, or kHttpStatus's body

  /// An HTTP answer with `status` (5xx: the SDK fails over; 4xx: the call fails).
  static FakeFailure HttpStatus(int status, std::string body = "");
  /// A Twirp error answer ("unavailable" fails over; "not_found" ends the call).
  static FakeFailure Twirp(std::string code, std::string message, int http_status = 0);
  /// The connection closes before an answer.
  static FakeFailure Drop();
  /// The connection is refused (never reached the server).
  static FakeFailure Refuse();
  /// No answer until the attempt's timeout (or the call's cancellation).
  static FakeFailure Hang();
  /// A short description, e.g. "HTTP 503", "twirp unavailable", "drop", "hang".
  std::string Describe() const;
};

/// A region of the fake: a name and the URL its host answers at.
struct FakeRegion {
  std::string name;  ///< as listed by /settings/regions, e.g. "region-0"
  std::string url;   ///< e.g. "https://region-0.fake.livekit.cloud"
};

/// Settings of a FakeLiveKit.
struct FakeLiveKitOptions {
  /// The key and secret tokens must be signed with (client_options() uses them).
  std::string api_key = "fake-api-key";
  /// See api_key.
  std::string api_secret = "fake-api-secret";
  /// The regions. The first one is the origin (client_options().url); every region answers
  /// /settings/regions with all of them. Empty: three regions, region-0..region-2 at
  /// https://region-N.fake.livekit.cloud (LiveKit Cloud host names, so failover runs as it
  /// does against LiveKit Cloud, without FailoverOptions::force).
  std::vector<FakeRegion> regions;
};

/// The fake server. Not copyable. It may be destroyed before the clients made from it: their
/// calls then fail with a transport error (its handlers are released with it).
class FakeLiveKit {
 public:
  /// Handles one method: the decoded request and the record of the exchange in, the
  /// response (or an Error, e.g. TwirpError()) out.
  using Handler = std::function<Status(const google::protobuf::Message& request, const FakeRequest& call,
                                       google::protobuf::Message* response)>;

  /// Three regions, the default key and secret.
  FakeLiveKit();
  /// With the given settings.
  explicit FakeLiveKit(FakeLiveKitOptions options);
  /// Exchanges left hanging end now with a transport error, and so do later calls.
  ~FakeLiveKit();
  FakeLiveKit(const FakeLiveKit&) = delete;
  FakeLiveKit& operator=(const FakeLiveKit&) = delete;

  /// Options for a client of this fake: url (region 0), key, secret, the transport, and a
  /// RegionState of this fake's own (so no test inherits another's failover memory). Change
  /// anything else (timeout, encoding, failover) before making the client.
  ClientOptions client_options() const;
  /// The transport alone, for ClientOptions::transport.
  std::shared_ptr<HttpTransport> transport() const;
  /// The failover memory client_options() uses (RegionState::counters(), Describe()).
  std::shared_ptr<RegionState> region_state() const;
  /// The URL of a region (0: the origin).
  std::string url(std::size_t region = 0) const;
  /// How many regions there are.
  std::size_t region_count() const;

  /// Answers `service`/`method` (e.g. "RoomService", "ListRooms") with `handler`, in the
  /// request's encoding. `handler` takes `const Req&` (and optionally `const FakeRequest&`)
  /// and returns a Resp, an Error or a Result<Resp>. Req and Resp must be the method's
  /// message types: a mismatch or an unknown method aborts with a message (a bug in the
  /// test). Replaces an earlier handler of the method. A method without a handler is
  /// answered with the Twirp error bad_route (HTTP 404).
  template <class Req, class Resp, class F>
  void On(std::string_view service, std::string_view method, F handler) {
    static_assert(std::is_base_of_v<google::protobuf::Message, Req>, "Req: a request message type");
    static_assert(std::is_base_of_v<google::protobuf::Message, Resp>, "Resp: a response message type");
    OnMethod(
        service, method, Req::default_instance(), Resp::default_instance(),
        [h = std::move(handler)](const google::protobuf::Message& request, const FakeRequest& call,
                                 google::protobuf::Message* response) -> Status {
          const Req& req = static_cast<const Req&>(request);
          Result<Resp> out = [&]() -> Result<Resp> {
            if constexpr (std::is_invocable_v<const F&, const Req&, const FakeRequest&>) {
              return h(req, call);
            } else {
              return h(req);
            }
          }();
          if (!out.ok()) return out.error();
          static_cast<Resp*>(response)->Swap(&*out);
          return OkStatus();
        });
  }

  /// The untyped form of On(): the prototypes give the method's request and response types.
  void OnMethod(std::string_view service, std::string_view method, const google::protobuf::Message& request_type,
                const google::protobuf::Message& response_type, Handler handler);

  /// From now on region `region` answers API calls with `failure` instead of its handlers:
  /// the next `times` calls (negative: until HealRegion). Discovery is not affected (see
  /// FailDiscovery). Replaces the region's earlier failure.
  void FailRegion(std::size_t region, FakeFailure failure, int times = -1);
  /// The region answers normally again.
  void HealRegion(std::size_t region);
  /// Every region answers /settings/regions with `failure`, `times` times (negative: until
  /// HealDiscovery); the SDK then fails over to the regions it already knows, if any.
  void FailDiscovery(FakeFailure failure, int times = -1);
  /// Discovery answers normally again.
  void HealDiscovery();

  /// The API calls received, in arrival order (discovery excluded).
  std::vector<FakeRequest> requests() const;
  /// The calls of one method, in arrival order.
  std::vector<FakeRequest> requests(std::string_view service, std::string_view method) const;
  /// The region discoveries received (GET /settings/regions), in arrival order.
  std::vector<FakeRequest> discoveries() const;
  /// Forgets the requests and discoveries received so far.
  void ClearRequests();
  /// Exchanges held open right now by a kHang failure.
  std::size_t hanging() const;

  class Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace livekit::testing
