#pragma once
/// @file
/// IngressClient: Ingress (RTMP/WHIP/URL inputs): create, update, list and delete.

#include <memory>
#include <string>
#include <vector>

#include "livekit_ingress.pb.h"

#include "livekit/api_method.h"
#include "livekit/call_handle.h"
#include "livekit/call_options.h"
#include "livekit/client_options.h"
#include "livekit/result.h"

namespace livekit {

/// Ingress (RTMP/WHIP/URL inputs): create, update, list and delete.
///
/// Calls `livekit.Ingress`. Every method exists in the three forms of
/// livekit/api_method.h. Each call signs a 10-minute token with the least grant the method
/// needs (or sends the configured token verbatim).
///
/// Thread safety: a copyable handle over a shared connection; copies and concurrent calls from
/// any threads are safe. When the last copy (and the last LiveKitAPI sharing its connection) is
/// destroyed, calls still in flight complete with ErrorCode::kCancelled.
class IngressClient {
 public:
  /// Builds the client from options; empty members fall back to LIVEKIT_URL, LIVEKIT_API_KEY,
  /// LIVEKIT_API_SECRET and LIVEKIT_TOKEN. Unusable options do not throw: status() tells, and
  /// every call fails with that error (ErrorCode::kInvalidArgument).
  explicit IngressClient(ClientOptions options = {});
  /// Shares an existing connection (LiveKitAPI builds its clients this way).
  explicit IngressClient(std::shared_ptr<internal::ApiConnection> connection);
  /// OK, or why the options given to the constructor are unusable.
  const Status& status() const;

  /// `Ingress/CreateIngress`: CreateIngressRequest -> IngressInfo.
  LIVEKIT_API_METHOD(CreateIngress, CreateIngressRequest, IngressInfo)
  /// `Ingress/UpdateIngress`: UpdateIngressRequest -> IngressInfo.
  LIVEKIT_API_METHOD(UpdateIngress, UpdateIngressRequest, IngressInfo)
  /// `Ingress/ListIngress`: ListIngressRequest -> ListIngressResponse.
  LIVEKIT_API_METHOD(ListIngress, ListIngressRequest, ListIngressResponse)
  /// `Ingress/DeleteIngress`: DeleteIngressRequest -> IngressInfo.
  LIVEKIT_API_METHOD(DeleteIngress, DeleteIngressRequest, IngressInfo)

  // Convenience forms (blocking), as in the official SDKs.

  /// Deletes ingress `ingress_id`.
  Result<IngressInfo> DeleteIngress(const std::string& ingress_id, const CallOptions& options = {}) const;

 private:
  std::shared_ptr<internal::ApiConnection> connection_;
};

}  // namespace livekit
