// Value objects written as text (handlers/views) must be the bytes their Json's dump() gives:
// clients read either, and the stored events hold the text.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "handlers/views.hpp"

namespace parley::server {
namespace {

TEST(Views, AMessageWrittenAsTextIsTheBytesOfItsJsonDump) {
  MessageRow plain;
  plain.id = 1;
  plain.client_id = "c-1";
  plain.conversation_id = 7;
  plain.author = Author{"user", "u-1", "Ann"};
  plain.text = "hello";
  plain.created_at = 1700000000123;

  MessageRow odd = plain;
  odd.id = 9007199254740993;  // past a double's exact integers
  odd.author = Author{"agent", "a-\"q\"", "지원팀 \\ \t"};
  odd.text = "line\nbreak, \x01 control, 한국어, \xF0\x9F\x98\x80";
  odd.edited_at = 1700000000999;

  MessageRow deleted = plain;
  deleted.text = "";
  deleted.deleted = true;

  MessageRow with_files = plain;
  AttachmentRow file;
  file.id = 3;
  file.owner_id = "u-1";
  file.name = "photo \"1\".jpg";
  file.content_type = "image/jpeg";
  file.size = 10;
  file.received = 10;
  file.created_at = 5;
  file.message_id = 1;
  with_files.attachments = {file, file};
  with_files.attachments[1].id = 4;

  for (const auto& m : {plain, odd, deleted, with_files}) {
    auto expected = protocol::Json::object();
    expected.emplace("message", message_json(m));
    EXPECT_EQ(message_result_text(m), expected.dump());
  }
}

}  // namespace
}  // namespace parley::server
