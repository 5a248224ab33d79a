#include "livekit/phone_number_client.h"

#include "services/typed_call.h"

namespace livekit {

PhoneNumberClient::PhoneNumberClient(ClientOptions options)
    : connection_(std::make_shared<internal::ApiConnection>(std::move(options))) {}

PhoneNumberClient::PhoneNumberClient(std::shared_ptr<internal::ApiConnection> connection) : connection_(std::move(connection)) {}

const Status& PhoneNumberClient::status() const { return connection_->status(); }

LIVEKIT_DEFINE_API_METHOD(PhoneNumberClient, "PhoneNumberService", SearchPhoneNumbers, SearchPhoneNumbersRequest, SearchPhoneNumbersResponse)
LIVEKIT_DEFINE_API_METHOD(PhoneNumberClient, "PhoneNumberService", PurchasePhoneNumber, PurchasePhoneNumberRequest, PurchasePhoneNumberResponse)
LIVEKIT_DEFINE_API_METHOD(PhoneNumberClient, "PhoneNumberService", ListPhoneNumbers, ListPhoneNumbersRequest, ListPhoneNumbersResponse)
LIVEKIT_DEFINE_API_METHOD(PhoneNumberClient, "PhoneNumberService", GetPhoneNumber, GetPhoneNumberRequest, GetPhoneNumberResponse)
LIVEKIT_DEFINE_API_METHOD(PhoneNumberClient, "PhoneNumberService", UpdatePhoneNumber, UpdatePhoneNumberRequest, UpdatePhoneNumberResponse)
LIVEKIT_DEFINE_API_METHOD(PhoneNumberClient, "PhoneNumberService", ReleasePhoneNumbers, ReleasePhoneNumbersRequest, ReleasePhoneNumbersResponse)

}  // namespace livekit
