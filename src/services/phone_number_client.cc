#include "livekit/phone_number_client.h"

#include "services/typed_call.h"

namespace livekit {

LIVEKIT_DEFINE_CLIENT(PhoneNumberClient)

}  // namespace livekit
