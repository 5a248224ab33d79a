// Egress: record a room to a file, list active egresses, stop the recording.
#include <iostream>

#include "livekit/egress_client.h"

int main() {
  livekit::EgressClient egress(livekit::ClientOptions{});  // options from the environment
  if (!egress.status().ok()) {
    std::cerr << egress.status().error().message() << "\n";
    return 2;
  }

  livekit::RoomCompositeEgressRequest req;
  req.set_room_name("example-room");
  req.set_layout("grid");
  auto* file = req.add_file_outputs();
  file->set_filepath("recordings/{room_name}-{time}.mp4");
  auto started = egress.StartRoomCompositeEgress(req);
  if (!started.ok()) {
    std::cerr << "start: " << started.error().ToString() << "\n";
    return 1;
  }
  std::cout << "egress " << started->egress_id() << " started\n";

  if (auto active = egress.ListEgress("example-room", /*active=*/true); active.ok()) {
    for (const auto& e : *active) std::cout << "  active " << e.egress_id() << "\n";
  }

  auto stopped = egress.StopEgress(started->egress_id());
  if (!stopped.ok()) {
    std::cerr << "stop: " << stopped.error().ToString() << "\n";
    return 1;
  }
  std::cout << "egress " << stopped->egress_id() << " " << livekit::EgressStatus_Name(stopped->status()) << "\n";
  return 0;
}
