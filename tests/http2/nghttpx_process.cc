#include "nghttpx_process.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <thread>

#include "support/files.h"
#include "support/run_program.h"

namespace livekit::test {
namespace {

using Clock = std::chrono::steady_clock;

// How often the waits below look again; they are bounded, never a fixed sleep.
constexpr std::chrono::milliseconds kPollInterval(10);

bool Accepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

// "127.0.0.1:40200 h2 200 <request id> POST /twirp/livekit.RoomService/ListRooms HTTP/2"
bool ParseLine(const std::string& line, AccessLine* out) {
  std::istringstream in(line);
  std::string address, status;
  if (!(in >> address >> out->alpn >> status >> out->request_id)) return false;
  const auto colon = address.rfind(':');
  if (colon == std::string::npos) return false;
  out->remote_port = std::atoi(address.c_str() + colon + 1);
  out->status = std::atoi(status.c_str());
  std::getline(in >> std::ws, out->request);
  return true;
}

}  // namespace

NghttpxProcess::NghttpxProcess(int port, int backend_port, const std::string& cert, const std::string& key,
                               const std::vector<std::string>& extra_args)
    : port_(port) {
  std::string pattern = (std::filesystem::temp_directory_path() / "lk-nghttpx-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  std::vector<std::string> args = {
      LK_NGHTTPX_COMMAND,
      "--conf=/dev/null",  // never read the system's /etc/nghttpx/nghttpx.conf
      "--frontend=127.0.0.1," + std::to_string(port),
      "--backend=127.0.0.1," + std::to_string(backend_port),
      "--workers=1",
      "--no-ocsp",
      "--accesslog-file=" + dir_ + "/access.log",
      "--accesslog-format=$remote_addr:$remote_port $alpn $status $http_x_livekit_request_id $request",
      "--errorlog-file=" + dir_ + "/error.log",
  };
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  args.push_back(key);
  args.push_back(cert);
  // Its own process group, so the destructor can also reach its worker process.
  RunOptions options;
  options.stderr_to = Stderr::kDiscard;
  options.new_process_group = true;
  pid_ = StartProgram(args, options, nullptr);
  const bool started = pid_ > 0;
  if (!started) {
    pid_ = 0;
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
    throw std::runtime_error(std::string("cannot start ") + LK_NGHTTPX_COMMAND);
  }
  try {
    WaitReady();
  } catch (...) {
    StopNow();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
    throw;
  }
}

NghttpxProcess::~NghttpxProcess() {
  StopNow();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string NghttpxProcess::ErrorLog() const { return ReadFile(dir_ + "/error.log"); }

bool NghttpxProcess::Exited() {
  if (pid_ <= 0) return true;
  if (waitpid(pid_, nullptr, WNOHANG) == pid_) pid_ = 0;
  return pid_ <= 0;
}

// Ready = the main process listens and its worker (which accepts) has started.
void NghttpxProcess::WaitReady() {
  const std::string listening = "Listening on 127.0.0.1:" + std::to_string(port_);
  const auto until = Clock::now() + std::chrono::seconds(30);
  while (Clock::now() < until) {
    const std::string log = ErrorLog();
    if (log.find("bind() syscall failed") != std::string::npos) {
      throw PortTaken("nghttpx: port " + std::to_string(port_) + " is taken");
    }
    if (Exited()) throw std::runtime_error("nghttpx exited before listening:\n" + log);
    if (log.find(listening) != std::string::npos && log.find("Created worker thread") != std::string::npos &&
        Accepts(port_)) {
      return;
    }
    std::this_thread::sleep_for(kPollInterval);
  }
  throw std::runtime_error("nghttpx did not get ready:\n" + ErrorLog());
}

std::vector<AccessLine> NghttpxProcess::AccessLog() const {
  std::vector<AccessLine> lines;
  std::istringstream in(ReadFile(dir_ + "/access.log"));
  std::string line;
  while (std::getline(in, line)) {
    AccessLine parsed;
    if (ParseLine(line, &parsed)) lines.push_back(std::move(parsed));
  }
  return lines;
}

bool NghttpxProcess::WaitForLines(std::size_t count, std::chrono::seconds bound) const {
  const auto until = Clock::now() + bound;
  while (AccessLog().size() < count) {
    if (Clock::now() > until) return false;
    std::this_thread::sleep_for(kPollInterval);
  }
  return true;
}

bool NghttpxProcess::WaitForLine(const std::string& request_id, const std::string& request,
                                 std::chrono::seconds bound) const {
  const auto until = Clock::now() + bound;
  for (;;) {
    for (const auto& line : AccessLog()) {
      if (line.request_id == request_id && line.request.find(request) != std::string::npos) return true;
    }
    if (Clock::now() > until) return false;
    std::this_thread::sleep_for(kPollInterval);
  }
}

void NghttpxProcess::StopGracefully() {
  if (pid_ > 0) kill(pid_, SIGQUIT);
}

bool NghttpxProcess::WaitForExit(std::chrono::seconds bound) {
  const auto until = Clock::now() + bound;
  while (!Exited()) {
    if (Clock::now() > until) return false;
    std::this_thread::sleep_for(kPollInterval);
  }
  return true;
}

void NghttpxProcess::StopNow() {
  if (pid_ <= 0) return;
  const pid_t group = pid_;
  kill(pid_, SIGTERM);
  const auto until = Clock::now() + std::chrono::seconds(10);
  while (!Exited() && Clock::now() < until) std::this_thread::sleep_for(kPollInterval);
  if (pid_ > 0) {
    kill(-group, SIGKILL);  // the main process and its worker
    waitpid(pid_, nullptr, 0);
    pid_ = 0;
  }
}

}  // namespace livekit::test
