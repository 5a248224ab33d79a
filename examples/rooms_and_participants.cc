// Rooms and participants: create a room, list rooms and participants, update metadata,
// remove a participant, delete the room. Every call is blocking; errors are values.
#include <iostream>

#include "livekit/livekit_api.h"

int main() {
  auto api = livekit::LiveKitAPI::Create({});  // LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET
  if (!api.ok()) {
    std::cerr << api.error().message() << "\n";
    return 2;
  }
  livekit::RoomServiceClient& rooms = api->room();

  livekit::CreateRoomRequest settings;
  settings.set_empty_timeout(300);
  settings.set_max_participants(20);
  auto room = rooms.CreateRoom("example-room", settings);
  if (!room.ok()) {
    std::cerr << "create: " << room.error().ToString() << "\n";
    return 1;
  }
  std::cout << "room " << room->name() << " (" << room->sid() << ")\n";

  if (auto all = rooms.ListRooms(); all.ok()) {
    for (const auto& r : *all) std::cout << "  listed " << r.name() << "\n";
  }

  auto participants = rooms.ListParticipants("example-room");
  if (participants.ok()) {
    for (const auto& p : *participants) std::cout << "  participant " << p.identity() << "\n";
  }

  if (auto updated = rooms.UpdateRoomMetadata("example-room", R"({"topic":"demo"})"); !updated.ok()) {
    std::cerr << "metadata: " << updated.error().ToString() << "\n";
  }

  // A refused call keeps the server's answer: HTTP status, Twirp code and message.
  auto removed = rooms.RemoveParticipant("example-room", "nobody");
  if (!removed.ok()) {
    std::cout << "remove: " << removed.error().twirp_code() << " (" << removed.error().http_status() << ")\n";
  }

  // The asynchronous form returns at once; the future is ready when the call ends.
  auto deleted = rooms.DeleteRoomAsync([] {
    livekit::DeleteRoomRequest req;
    req.set_room("example-room");
    return req;
  }());
  auto done = deleted.get();
  std::cout << (done.ok() ? "deleted example-room\n" : "delete: " + done.error().ToString() + "\n");
  return 0;
}
