#include "http/compression.hpp"

#include <stdexcept>

#include <zlib.h>

namespace parley::server {
namespace {

constexpr int kGzipWindowBits = 15 + 16;  // zlib's way of asking for a gzip header
constexpr int kMemLevel = 8;
constexpr std::size_t kMaxInputBytes = std::size_t{1} << 30;  // zlib counts in 32 bits

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// "q=0", "q=0.0", "q=0.000" refuse the coding.
bool refused(std::string_view params) {
  const auto q = params.find("q=");
  if (q == std::string_view::npos) return false;
  const auto value = trim(params.substr(q + 2));
  return !value.empty() && value.find_first_not_of("0.") == std::string_view::npos;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
  bool star = false;
  bool gzip_named = false;
  while (!accept_encoding.empty()) {
    const auto comma = accept_encoding.find(',');
    const auto item = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    const auto semicolon = item.find(';');
    const auto coding = trim(item.substr(0, semicolon));
    const auto params = semicolon == std::string_view::npos ? std::string_view() : item.substr(semicolon + 1);
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) {
      if (refused(params)) return false;
      gzip_named = true;
    } else if (coding == "*") {
      star = !refused(params);
    }
  }
  return gzip_named || star;
}

std::string gzip(std::string_view data) {
  if (data.size() > kMaxInputBytes) throw std::length_error("gzip: input too large for one call");
  z_stream stream{};
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindowBits, kMemLevel,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib: deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  const auto written = stream.total_out;
  deflateEnd(&stream);
  if (result != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
  out.resize(written);
  return out;
}

void compress_if_accepted(const HttpRequest& request, HttpResponse& response) {
  if (response.shared_body) return;  // its endpoint chose the encoding
  if (response.body.empty()) return;
  response.headers.emplace_back("vary", "Accept-Encoding");
  if (response.body.size() < kMinCompressedBytes || response.body.size() > kMaxInputBytes ||
      !accepts_gzip(request.accept_encoding)) {
    return;
  }
  response.body = gzip(response.body);
  response.headers.emplace_back("content-encoding", "gzip");
}

}  // namespace parley::server
