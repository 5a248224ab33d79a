// SIP dialing: call a phone number into a room and wait for the answer. The call's timeout
// stretches to the ringing window (ringing_timeout + 2 s); a failed dial reports the SIP
// status code and reason as typed accessors.
#include <iostream>

#include "livekit/sip_client.h"

int main(int argc, char** argv) {
  const std::string trunk = argc > 1 ? argv[1] : "ST_example";
  const std::string number = argc > 2 ? argv[2] : "+15550100";
  livekit::SipClient sip(livekit::ClientOptions{});
  if (!sip.status().ok()) {
    std::cerr << sip.status().error().message() << "\n";
    return 2;
  }

  livekit::CreateSIPParticipantRequest settings;
  settings.set_participant_identity("phone-caller");
  settings.set_wait_until_answered(true);
  settings.mutable_ringing_timeout()->set_seconds(20);
  auto call = sip.CreateSIPParticipant(trunk, number, "example-room", settings);
  if (!call.ok()) {
    const livekit::Error& e = call.error();
    if (auto code = e.sip_status_code()) {
      std::cerr << "dial failed: SIP " << *code << " " << e.sip_status() << "\n";
    } else {
      std::cerr << "dial failed: " << e.ToString() << "\n";
    }
    return 1;
  }
  std::cout << "answered: participant " << call->participant_identity() << " in " << call->room_name() << "\n";
  return 0;
}
