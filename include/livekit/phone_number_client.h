#pragma once
/// @file
/// PhoneNumberClient: Phone numbers of LiveKit Cloud: search, purchase, list, update and release.

#include <memory>
#include <string>
#include <vector>

#include "livekit_phone_number.pb.h"

#include "livekit/api_method.h"
#include "livekit/call_handle.h"
#include "livekit/call_options.h"
#include "livekit/client_options.h"
#include "livekit/result.h"

namespace livekit {

/// Phone numbers of LiveKit Cloud: search, purchase, list, update and release.
///
/// Calls `livekit.PhoneNumberService`. Every method exists in the three forms of
/// livekit/api_method.h. Each call signs a 10-minute token with the least grant the method
/// needs (or sends the configured token verbatim).
///
/// Thread safety: a copyable handle over a shared connection; copies and concurrent calls from
/// any threads are safe. When the last copy (and the last LiveKitAPI sharing its connection) is
/// destroyed, calls still in flight complete with ErrorCode::kCancelled.
class PhoneNumberClient {
 public:
  /// Builds the client from options; empty members fall back to LIVEKIT_URL, LIVEKIT_API_KEY,
  /// LIVEKIT_API_SECRET and LIVEKIT_TOKEN. Unusable options do not throw: status() tells, and
  /// every call fails with that error (ErrorCode::kInvalidArgument).
  explicit PhoneNumberClient(ClientOptions options = {});
  /// Shares an existing connection (LiveKitAPI builds its clients this way).
  explicit PhoneNumberClient(std::shared_ptr<internal::ApiConnection> connection);
  /// OK, or why the options given to the constructor are unusable.
  const Status& status() const;

  /// `PhoneNumberService/SearchPhoneNumbers`: SearchPhoneNumbersRequest -> SearchPhoneNumbersResponse.
  LIVEKIT_API_METHOD(SearchPhoneNumbers, SearchPhoneNumbersRequest, SearchPhoneNumbersResponse)
  /// `PhoneNumberService/PurchasePhoneNumber`: PurchasePhoneNumberRequest -> PurchasePhoneNumberResponse.
  LIVEKIT_API_METHOD(PurchasePhoneNumber, PurchasePhoneNumberRequest, PurchasePhoneNumberResponse)
  /// `PhoneNumberService/ListPhoneNumbers`: ListPhoneNumbersRequest -> ListPhoneNumbersResponse.
  LIVEKIT_API_METHOD(ListPhoneNumbers, ListPhoneNumbersRequest, ListPhoneNumbersResponse)
  /// `PhoneNumberService/GetPhoneNumber`: GetPhoneNumberRequest -> GetPhoneNumberResponse.
  LIVEKIT_API_METHOD(GetPhoneNumber, GetPhoneNumberRequest, GetPhoneNumberResponse)
  /// `PhoneNumberService/UpdatePhoneNumber`: UpdatePhoneNumberRequest -> UpdatePhoneNumberResponse.
  LIVEKIT_API_METHOD(UpdatePhoneNumber, UpdatePhoneNumberRequest, UpdatePhoneNumberResponse)
  /// `PhoneNumberService/ReleasePhoneNumbers`: ReleasePhoneNumbersRequest -> ReleasePhoneNumbersResponse.
  LIVEKIT_API_METHOD(ReleasePhoneNumbers, ReleasePhoneNumbersRequest, ReleasePhoneNumbersResponse)

 private:
  std::shared_ptr<internal::ApiConnection> connection_;
};

}  // namespace livekit
