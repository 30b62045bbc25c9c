#include "transport/http_call.hpp"

#include <memory>
#include <mutex>
#include <string_view>

#include <curl/curl.h>

namespace parley::transport {
namespace {

struct Transfer {
  HttpResult* result;
  std::size_t max_body_bytes;
  const std::atomic<bool>* cancel;
  const std::function<void(std::int64_t)>* progress;
  bool too_large = false;
  curl_off_t reported = 0;
};

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (transfer->result->body.size() + n > transfer->max_body_bytes) {
    transfer->too_large = true;
    return 0;  // a short count makes libcurl stop with CURLE_WRITE_ERROR
  }
  transfer->result->body.append(data, n);
  return n;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  const std::string_view line(data, n);
  constexpr std::string_view kEtag = "etag:";
  if (line.size() > kEtag.size()) {
    bool is_etag = true;
    for (std::size_t i = 0; i < kEtag.size() && is_etag; ++i) {
      const char c = line[i];
      is_etag = (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) == kEtag[i];
    }
    if (is_etag) transfer->result->etag = std::string(trim(line.substr(kEtag.size())));
  }
  return n;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t uploaded) {
  auto* transfer = static_cast<Transfer*>(user);
  if (transfer->progress != nullptr && uploaded > transfer->reported) {
    transfer->reported = uploaded;
    (*transfer->progress)(static_cast<std::int64_t>(uploaded));
  }
  return transfer->cancel != nullptr && transfer->cancel->load() ? 1 : 0;  // non-zero aborts
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

HttpResult http_call(const HttpCall& request, const std::atomic<bool>* cancel,
                     const std::function<void(std::int64_t)>* progress) {
  init_curl_once();
  HttpResult result;
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) {
    result.failure = "libcurl could not start a transfer";
    return result;
  }
  std::unique_ptr<curl_slist, ListDeleter> headers;
  for (const auto& h : request.headers) {
    curl_slist* appended = curl_slist_append(headers.get(), h.c_str());
    if (appended == nullptr) {
      result.failure = "out of memory for the request headers";
      return result;
    }
    static_cast<void>(headers.release());
    headers.reset(appended);
  }
  Transfer transfer{&result, request.max_body_bytes, cancel, progress};
  const long timeout_ms = static_cast<long>(request.timeout.count());
  const long stall_seconds = timeout_ms < 1000 ? 1 : timeout_ms / 1000;

  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  if (request.method == "POST" || request.method == "PUT") {
    // The body with its length: parley-server (libwebsockets) reads no chunked bodies.
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    if (request.method == "PUT") curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT");
  }
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // threads and signals do not mix
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // every coding libcurl can undo
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, stall_seconds);
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_body_bytes));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &transfer);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &on_progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &transfer);

  const CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK) {
    result.status = 0;
    result.body.clear();
    result.cancelled = code == CURLE_ABORTED_BY_CALLBACK;
    if (transfer.too_large || code == CURLE_FILESIZE_EXCEEDED) {
      result.failure = "the response is larger than " + std::to_string(request.max_body_bytes) + " bytes";
    } else {
      result.failure = curl_easy_strerror(code);
    }
    return result;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &result.status);
  return result;
}

}  // namespace parley::transport
