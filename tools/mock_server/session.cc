#include "session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <type_traits>

#include "agent_stream_writer.h"

namespace livekit::mock {

namespace net = boost::asio;
namespace http = boost::beast::http;
using boost::beast::error_code;

namespace {
using TcpSocket = net::ip::tcp::socket;
using TlsStream = net::ssl::stream<TcpSocket>;
template <class Stream>
constexpr bool kIsTls = !std::is_same_v<Stream, TcpSocket>;
}  // namespace

template <class Stream>
BasicSession<Stream>::BasicSession(Stream stream, const ServerContext& context, std::size_t region_index,
                                   std::chrono::milliseconds handshake_timeout)
    : socket_(std::move(stream)), handshake_timeout_(handshake_timeout), context_(context), region_index_(region_index) {}

template <class Stream>
void BasicSession<Stream>::Start() {
  net::dispatch(socket_.get_executor(), [self = shared_from_this()] {
    if constexpr (kIsTls<Stream>) {
      self->Handshake();
    } else {
      self->Read();
    }
  });
}

template <class Stream>
void BasicSession<Stream>::Handshake() {
  if constexpr (kIsTls<Stream>) {
    // A client that connects and never (or too slowly) handshakes must not hold the slot.
    timer_ = std::make_unique<net::steady_timer>(socket_.get_executor(), handshake_timeout_);
    timer_->async_wait([self = shared_from_this()](error_code ec) {
      if (!ec) self->Close();
    });
    socket_.async_handshake(net::ssl::stream_base::server, [self = shared_from_this()](error_code ec) {
      self->timer_.reset();  // cancels the timeout
      if (ec) return self->Close();
      self->Read();
    });
  }
}

template <class Stream>
void BasicSession<Stream>::Read() {
  parser_.emplace();
  parser_->header_limit(kHeaderLimit);
  parser_->body_limit(kBodyLimit);
  http::async_read_header(socket_, buffer_, *parser_,
                          [self = shared_from_this()](error_code ec, std::size_t) { self->OnHeader(ec); });
}

template <class Stream>
void BasicSession<Stream>::OnHeader(error_code ec) {
  if (ec || parser_->is_done()) return OnRead(ec);
  auto read_body = [self = shared_from_this()] {
    http::async_read(self->socket_, self->buffer_, *self->parser_,
                     [self](error_code body_ec, std::size_t) { self->OnRead(body_ec); });
  };
  // libcurl sends "Expect: 100-continue" before bodies over 1 KiB and waits up to 1 s for it.
  const auto expect = parser_->get()[http::field::expect];
  if (!boost::beast::iequals(expect, "100-continue")) return read_body();
  static constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
  net::async_write(socket_, net::buffer(kContinue, sizeof kContinue - 1),
                   [self = shared_from_this(), read_body](error_code write_ec, std::size_t) {
                     if (write_ec) return self->Close();
                     read_body();
                   });
}

template <class Stream>
void BasicSession<Stream>::OnRead(error_code ec) {
  if (ec == http::error::header_limit) return Refuse(431, "request header fields too large");
  if (ec == http::error::body_limit) return Refuse(413, "request body too large");
  static const auto& http_errors = http::make_error_code(http::error::end_of_stream).category();
  if (ec && ec.category() == http_errors && ec != http::error::end_of_stream && ec != http::error::partial_message) {
    return Refuse(400, "malformed HTTP request");
  }
  if (ec) return Close();
  outcome_ = HandleRequest(context_, region_index_, parser_->get());
  parser_.reset();  // frees the request before a long delay or hang
  if (outcome_.action == Outcome::Action::kHang) return Hang();
  if (outcome_.delay.count() <= 0) return Act();
  timer_ = std::make_unique<net::steady_timer>(socket_.get_executor(), outcome_.delay);
  timer_->async_wait([self = shared_from_this()](error_code wait_ec) {
    self->timer_.reset();
    if (!wait_ec) self->Act();
  });
}

template <class Stream>
void BasicSession<Stream>::Act() {
  if (outcome_.action == Outcome::Action::kDrop) return Close();
  if (outcome_.action == Outcome::Action::kStream) {
    auto self = shared_from_this();
    return StartStreamWriter(socket_, std::move(outcome_.stream), self, [self] { self->Close(); });
  }
  Answer();
}

template <class Stream>
void BasicSession<Stream>::Answer() {
  const bool keep_alive = outcome_.response.keep_alive();
  http::async_write(socket_, outcome_.response, [self = shared_from_this(), keep_alive](error_code ec, std::size_t) {
    self->OnWrite(ec, keep_alive);
  });
}

template <class Stream>
void BasicSession<Stream>::OnWrite(error_code ec, bool keep_alive) {
  outcome_.response = HttpResponse();  // release the body while idle
  if (ec || !keep_alive) return Close();
  if (buffer_.size() == 0 && buffer_.capacity() > 64 * 1024) buffer_.shrink_to_fit();  // after a large body
  Read();
}

template <class Stream>
void BasicSession<Stream>::Hang() {
  // Read and discard until the client gives up and closes: the session lives that long.
  if (!drain_) drain_ = std::make_unique<char[]>(512);
  socket_.async_read_some(net::buffer(drain_.get(), 512), [self = shared_from_this()](error_code ec, std::size_t) {
    if (ec) {
      if (self->context_.stats) self->context_.stats->CountClientClosed(self->region_index_);
      return self->Close();
    }
    self->Hang();
  });
}

template <class Stream>
void BasicSession<Stream>::Refuse(unsigned status, const char* text) {
  outcome_ = Outcome();
  outcome_.response = MakeResponse(status, "text/plain; charset=utf-8", text, region_index_, 11, false);
  Answer();
}

template <class Stream>
void BasicSession<Stream>::Close() {
  // TLS: no close_notify exchange (a mock needs no graceful TLS shutdown); the TCP close ends it.
  error_code ignored;
  socket_.lowest_layer().shutdown(TcpSocket::shutdown_both, ignored);
  socket_.lowest_layer().close(ignored);
}

template class BasicSession<TcpSocket>;
template class BasicSession<TlsStream>;

}  // namespace livekit::mock
