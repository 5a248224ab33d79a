#pragma once
// One accepted connection: reads requests (keep-alive), asks HandleRequest what to do, then
// waits on a timer (delays), answers, drops or hangs. Every operation runs on the
// connection's strand; an idle connection costs a socket, a small buffer and a parser.
// The stream is a template parameter so plain HTTP keeps the bare socket (no TLS layer, no
// virtual calls); HTTPS wraps it in an ssl::stream and handshakes first, under a timeout.

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>

#include <memory>
#include <optional>

#include "request_handler.h"

namespace livekit::mock {

/// Largest request header block accepted (then 431) and largest body (then 413).
inline constexpr std::uint32_t kHeaderLimit = 64 * 1024;
inline constexpr std::uint64_t kBodyLimit = 16 * 1024 * 1024;

template <class Stream>
class BasicSession : public std::enable_shared_from_this<BasicSession<Stream>> {
 public:
  /// Takes the accepted connection (a TLS stream not yet handshaken; its ssl::context must
  /// outlive the session). `handshake_timeout` applies to TLS streams only.
  BasicSession(Stream stream, const ServerContext& context, std::size_t region_index,
               std::chrono::milliseconds handshake_timeout = std::chrono::milliseconds(0));
  void Start();

 private:
  using std::enable_shared_from_this<BasicSession<Stream>>::shared_from_this;
  void Handshake();
  void Read();
  void OnHeader(boost::beast::error_code ec);
  void OnRead(boost::beast::error_code ec);
  void Act();
  void Answer();
  void OnWrite(boost::beast::error_code ec, bool keep_alive);
  void Hang();
  void Refuse(unsigned status, const char* text);  // answers a request that could not be read, then closes
  void Close();

  Stream socket_;
  std::chrono::milliseconds handshake_timeout_{0};
  const ServerContext& context_;
  const std::size_t region_index_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  Outcome outcome_;
  std::unique_ptr<boost::asio::steady_timer> timer_;  // only while a delay runs
  std::unique_ptr<char[]> drain_;                     // only while hanging
};

using Session = BasicSession<boost::asio::ip::tcp::socket>;
using TlsSession = BasicSession<boost::asio::ssl::stream<boost::asio::ip::tcp::socket>>;
extern template class BasicSession<boost::asio::ip::tcp::socket>;
extern template class BasicSession<boost::asio::ssl::stream<boost::asio::ip::tcp::socket>>;

}  // namespace livekit::mock
