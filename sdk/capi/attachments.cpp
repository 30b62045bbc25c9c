// Attachments: upload (in pieces, resumable), cancel, download into the device's cache.
#include "capi/arguments.hpp"
#include "capi/firewall.hpp"
#include "capi/handles.hpp"

using parley::capi::deref;
using parley::capi::guard;
using parley::capi::string_arg;

PARLEY_API parley_status parley_attachment_upload(parley_client* client, const char* file_path,
                                                  size_t file_path_len, const char* content_type,
                                                  size_t content_type_len, const char* name,
                                                  size_t name_len, uint64_t tag,
                                                  char* out_upload_id) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto path = string_arg(file_path, file_path_len, "file_path");
    const auto type = string_arg(content_type, content_type_len, "content_type");
    const auto file_name = string_arg(name, name_len, "name");
    parley::capi::copy_client_id(c.client.upload_attachment(path, type, file_name, tag), out_upload_id);
  });
}

PARLEY_API parley_status parley_attachment_cancel(parley_client* client, const char* upload_id,
                                                  size_t upload_id_len) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto id = string_arg(upload_id, upload_id_len, "upload_id");
    const auto code = c.client.cancel_upload(id);
    if (code != parley::ErrorCode::ok) throw parley::Exception(code, "no such upload is waiting or running");
  });
}

PARLEY_API parley_status parley_attachment_download(parley_client* client, const char* attachment_id,
                                                    size_t attachment_id_len, uint64_t tag) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    c.client.download_attachment(string_arg(attachment_id, attachment_id_len, "attachment_id"), tag);
  });
}
