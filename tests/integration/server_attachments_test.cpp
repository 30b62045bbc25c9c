// Attachments on parley-server: resumable uploads over HTTP (pieces at the offset received so
// far, a cut mid-upload resumed from the status), limits and types announced in welcome and
// enforced (the bytes must be what the type says), linking to a message or a ticket comment,
// and who may read or touch which file — tried over the raw protocol, not through the SDK;
// uploads never attached are deleted after a week.
#include <gtest/gtest.h>

#include <filesystem>

#include "raw_http.hpp"
#include "sqlite/sqlite.hpp"
#include "server_test_helpers.hpp"

namespace parley::test {
namespace {

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(3000, 'p');

class ServerAttachments : public ::testing::Test {
 protected:
  ServerProcess server{with_args({"--max-attachment-bytes", "100000"})};

  std::string auth(const std::string& sub, const std::string& kind = "user") const {
    return "Authorization: Bearer " + server.mint_token(sub, sub + " name", kind);
  }
  RawHttpResponse create(const std::string& sub, const Json& args) const {
    return raw_http(server.port(), "POST", "/v1/attachments", {auth(sub)}, args.dump());
  }
  RawHttpResponse put(const std::string& sub, const std::string& id, std::int64_t offset,
                      const std::string& bytes) const {
    return raw_http(server.port(), "PUT", "/v1/attachments/" + id + "?offset=" + std::to_string(offset),
                    {auth(sub)}, bytes);
  }
  RawHttpResponse get(const std::string& sub, const std::string& path, const std::string& kind = "user") const {
    return raw_http(server.port(), "GET", "/v1/attachments/" + path, {auth(sub, kind)});
  }
  // A complete PNG uploaded by `sub`, in two pieces.
  std::string uploaded(const std::string& sub, const std::string& name = "photo.png") const {
    const auto made = create(sub, {{"name", name}, {"content_type", "image/png"}, {"size", kPng.size()}});
    EXPECT_EQ(made.status, 201) << made.body;
    const std::string id = Json::parse(made.body)["attachment"]["id"];
    EXPECT_EQ(put(sub, id, 0, kPng.substr(0, 1000)).status, 200);
    EXPECT_EQ(put(sub, id, 1000, kPng.substr(1000)).status, 200);
    return id;
  }
};

TEST_F(ServerAttachments, WelcomeAnnouncesTheLimits) {
  RawWsClient client;
  ASSERT_TRUE(client.connect(server.url()));
  const Json welcome = client.hello(server.mint_token("u-1", "Ann"));
  EXPECT_EQ(welcome["result"]["limits"]["max_attachment_bytes"], 100000);
  EXPECT_EQ(welcome["result"]["limits"]["attachment_types"][0], "image/png");
}

TEST_F(ServerAttachments, AnUploadResumesWhereItStoppedAndIsReadBackWhole) {
  const auto made = create("u-1", {{"name", "receipt 📄.png"}, {"content_type", "image/png"}, {"size", kPng.size()}});
  ASSERT_EQ(made.status, 201) << made.body;
  const Json attachment = Json::parse(made.body)["attachment"];
  const std::string id = attachment["id"];
  EXPECT_EQ(made.header("location"), "/v1/attachments/" + id);
  EXPECT_EQ(attachment["received"], 0);
  EXPECT_EQ(attachment["complete"], false);

  ASSERT_EQ(put("u-1", id, 0, kPng.substr(0, 1200)).status, 200);
  // The link dropped; the app asks where the upload stands and goes on from there.
  const Json status = Json::parse(get("u-1", id + "/status").body)["attachment"];
  EXPECT_EQ(status["received"], 1200);
  const auto stale = put("u-1", id, 0, kPng.substr(0, 1200));  // a piece sent again
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(Json::parse(stale.body)["attachment"]["received"], 1200);
  EXPECT_EQ(get("u-1", id).status, 409);  // not complete: nothing to read yet
  EXPECT_EQ(put("u-1", id, 1200, kPng.substr(1200) + "extra").status, 400);  // past the size
  const auto last = put("u-1", id, 1200, kPng.substr(1200));
  ASSERT_EQ(last.status, 200);
  EXPECT_EQ(Json::parse(last.body)["attachment"]["complete"], true);
  EXPECT_EQ(put("u-1", id, 1200, kPng.substr(1200)).status, 200);  // a resent last piece

  const auto file = get("u-1", id);
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, kPng);
  EXPECT_EQ(file.header("content-type"), "image/png");
  EXPECT_EQ(file.header("content-disposition"), "inline; filename*=UTF-8''receipt%20%F0%9F%93%84.png");
  EXPECT_EQ(file.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(raw_http(server.port(), "GET", "/v1/attachments/" + id, {auth("u-1"), "If-None-Match: " + file.header("etag")}).status,
            304);
}

TEST_F(ServerAttachments, LimitsAndTypesAreEnforced) {
  EXPECT_EQ(create("u-1", {{"name", "big.png"}, {"content_type", "image/png"}, {"size", 100001}}).status, 413);
  EXPECT_EQ(create("u-1", {{"name", "run.exe"}, {"content_type", "application/x-msdownload"}, {"size", 10}}).status, 400);
  EXPECT_EQ(create("u-1", {{"name", "../../etc/passwd"}, {"content_type", "text/plain"}, {"size", 10}}).status, 400);
  EXPECT_EQ(create("u-1", {{"name", "a.png"}, {"content_type", "image/png"}, {"size", 0}}).status, 400);
  EXPECT_EQ(create("u-1", {{"content_type", "image/png"}, {"size", 5}}).status, 400);
  EXPECT_EQ(raw_http(server.port(), "POST", "/v1/attachments", {auth("u-1")}, "not json").status, 400);
  EXPECT_EQ(raw_http(server.port(), "POST", "/v1/attachments", {}, "{}").status, 401);

  // A "PNG" that is not one is refused once complete, and is gone.
  const auto made = create("u-1", {{"name", "fake.png"}, {"content_type", "image/png"}, {"size", 4}});
  const std::string id = Json::parse(made.body)["attachment"]["id"];
  EXPECT_EQ(put("u-1", id, 0, "MZ!!").status, 400);
  EXPECT_EQ(get("u-1", id + "/status").status, 404);
  EXPECT_EQ(put("u-1", "at-999", 0, "x").status, 404);
  EXPECT_EQ(put("u-1", "nonsense", 0, "x").status, 404);
}

TEST_F(ServerAttachments, OnlyTheUploaderAndThoseWhoSeeTheMessageMayReadIt) {
  const std::string id = uploaded("u-1");
  // Before it is attached, only the uploader sees it — not another user, not an agent.
  EXPECT_EQ(get("u-2", id).status, 404);
  EXPECT_EQ(get("u-2", id + "/status").status, 404);
  EXPECT_EQ(get("a-1", id, "agent").status, 404);
  EXPECT_EQ(put("u-2", id, 0, "x").status, 404);

  auto ann = connect_as(server, "u-1");
  auto bo = connect_as(server, "u-2");
  auto agent = connect_as(server, "a-1", "agent");
  // Another user cannot attach it to their own message.
  EXPECT_EQ(error_code(bo->request("chat.send", {{"client_id", "b1"}, {"text", "mine now"}, {"attachments", {id}}})),
            "not_found");
  const Json sent = ann->request("chat.send", {{"client_id", "a1"}, {"text", "The damage"}, {"attachments", {id}}});
  ASSERT_TRUE(is_res(sent)) << sent.dump();
  const Json& message = sent["result"]["message"];
  ASSERT_EQ(message["attachments"].size(), 1u);
  EXPECT_EQ(message["attachments"][0]["id"], id);
  EXPECT_EQ(message["attachments"][0]["name"], "photo.png");
  const auto agent_events = events_so_far(*agent);
  ASSERT_FALSE(agent_events.empty());
  EXPECT_EQ(agent_events[0]["data"]["message"]["attachments"], message["attachments"]);
  // The same message sent again (a resend) is answered as before; attaching it again is not.
  EXPECT_EQ(ann->request("chat.send", {{"client_id", "a1"}, {"text", "The damage"}, {"attachments", {id}}})["result"],
            sent["result"]);
  EXPECT_EQ(error_code(ann->request("chat.send", {{"client_id", "a2"}, {"text", "again"}, {"attachments", {id}}})),
            "conflict");
  const Json history = agent->request("chat.history", {{"conversation_id", message["conversation_id"]}});
  EXPECT_EQ(history["result"]["messages"][0]["attachments"], message["attachments"]);

  EXPECT_EQ(get("u-1", id).status, 200);
  EXPECT_EQ(get("a-1", id, "agent").body, kPng);  // agents see what is in conversations
  EXPECT_EQ(get("u-2", id).status, 404);           // another user never does
}

TEST_F(ServerAttachments, TicketCommentsCarryAttachmentsForTheTicketsUserAndAgents) {
  auto ann = connect_as(server, "u-1");
  auto agent = connect_as(server, "a-1", "agent");
  const std::string ticket =
      ann->request("ticket.create", {{"client_id", "t"}, {"subject", "Broken"}})["result"]["ticket"]["id"];
  const std::string from_agent = uploaded("a-1");  // agents upload too (a reply with a file)
  const Json comment = agent->request("ticket.comment", {{"client_id", "c1"}, {"ticket_id", ticket},
                                                         {"text", "Here is the label"}, {"attachments", {from_agent}}});
  ASSERT_TRUE(is_res(comment)) << comment.dump();
  EXPECT_EQ(comment["result"]["comment"]["attachments"][0]["id"], from_agent);
  EXPECT_EQ(get("u-1", from_agent).status, 200);  // the ticket's user reads it
  EXPECT_EQ(get("u-2", from_agent).status, 404);
  const Json loaded = ann->request("ticket.get", {{"ticket_id", ticket}});
  EXPECT_EQ(loaded["result"]["comments"][0]["attachments"][0]["id"], from_agent);

  for (const Json& bad : {Json("at-1"), Json{1}, Json{"x"}, Json(std::vector<std::string>(11, from_agent))}) {
    const auto code = error_code(ann->request("ticket.comment", {{"client_id", "c2"}, {"ticket_id", ticket},
                                                                 {"text", "x"}, {"attachments", bad}}));
    EXPECT_TRUE(code == "bad_request" || code == "too_large") << bad.dump() << " " << code;
  }
  // An upload that is not complete cannot be attached.
  const auto made = create("u-1", {{"name", "half.png"}, {"content_type", "image/png"}, {"size", kPng.size()}});
  const std::string half = Json::parse(made.body)["attachment"]["id"];
  EXPECT_EQ(error_code(ann->request("ticket.comment", {{"client_id", "c3"}, {"ticket_id", ticket},
                                                       {"text", "x"}, {"attachments", {half}}})),
            "conflict");
}

TEST_F(ServerAttachments, ATicketCarriesTheScreenshotSentWithIt) {
  const std::string shot = uploaded("u-1", "screen.png");
  auto ann = connect_as(server, "u-1");
  auto agent = connect_as(server, "a-1", "agent");
  const Json created = ann->request("ticket.create", {{"client_id", "t1"}, {"subject", "Crash on start"},
                                                      {"attachments", {shot}}});
  ASSERT_TRUE(is_res(created)) << created.dump();
  const Json& ticket = created["result"]["ticket"];
  ASSERT_EQ(ticket["attachments"].size(), 1u);
  EXPECT_EQ(ticket["attachments"][0]["name"], "screen.png");
  const auto events = events_so_far(*agent);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["data"]["ticket"]["attachments"], ticket["attachments"]);
  EXPECT_EQ(agent->request("ticket.list")["result"]["tickets"][0]["attachments"], ticket["attachments"]);
  EXPECT_EQ(get("a-1", shot, "agent").body, kPng);
  EXPECT_EQ(get("u-2", shot).status, 404);
  // The resend is answered with the same ticket; attaching the file again is not possible.
  EXPECT_EQ(ann->request("ticket.create", {{"client_id", "t1"}, {"subject", "Crash on start"},
                                           {"attachments", {shot}}})["result"],
            created["result"]);
  EXPECT_EQ(error_code(ann->request("ticket.create", {{"client_id", "t2"}, {"subject", "Again"},
                                                      {"attachments", {shot}}})),
            "conflict");
}

TEST_F(ServerAttachments, AnAcknowledgedPieceSurvivesSigkill) {
  const auto made = create("u-1", {{"name", "a.png"}, {"content_type", "image/png"}, {"size", kPng.size()}});
  const std::string id = Json::parse(made.body)["attachment"]["id"];
  ASSERT_EQ(put("u-1", id, 0, kPng.substr(0, 2000)).status, 200);
  server.kill();
  server.start();
  EXPECT_EQ(Json::parse(get("u-1", id + "/status").body)["attachment"]["received"], 2000);
  ASSERT_EQ(put("u-1", id, 2000, kPng.substr(2000)).status, 200);
  EXPECT_EQ(get("u-1", id).body, kPng);
}

TEST_F(ServerAttachments, TextIsCheckedThroughoutAndFilesComeBackWholeInPieces) {
  // A log of 99 KB: an emoji across the 64 KiB mark where the check reads its next piece,
  // Korean after it; the same with one stray byte deep inside.
  std::string log(65'534, 'a');
  log += "\xF0\x9F\x93\xA6";  // U+1F4E6, bytes 65534..65537
  while (log.size() < 99'000) log += "\xED\x99\x98\xEB\xB6\x88 ";  // "환불 "
  std::string broken = log;
  broken[80'000] = '\xFF';
  auto upload = [&](const std::string& bytes) {
    const auto made = create("u-1", {{"name", "app.log"}, {"content_type", "text/plain"}, {"size", bytes.size()}});
    EXPECT_EQ(made.status, 201) << made.body;
    const std::string id = Json::parse(made.body)["attachment"]["id"];
    return std::make_pair(id, put("u-1", id, 0, bytes));
  };
  const auto [good, accepted] = upload(log);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  const auto [bad, refused] = upload(broken);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(get("u-1", bad + "/status").status, 404);  // deleted

  const auto file = get("u-1", good);  // larger than one 64 KiB write
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.header("content-length"), std::to_string(log.size()));
  EXPECT_EQ(file.body, log);
  const auto head = raw_http(server.port(), "HEAD", "/v1/attachments/" + good, {auth("u-1")});
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
}

TEST_F(ServerAttachments, UploadsNeverAttachedAreDeletedAfterAWeekAndAttachedOnesStay) {
  const std::string attached = uploaded("u-1");
  auto ann = connect_as(server, "u-1");
  ASSERT_TRUE(is_res(ann->request("chat.send", {{"client_id", "a1"}, {"text", "x"}, {"attachments", {attached}}})));
  ann.reset();
  const std::string loose = uploaded("u-1");
  const auto made = create("u-1", {{"name", "half.png"}, {"content_type", "image/png"}, {"size", kPng.size()}});
  const std::string half = Json::parse(made.body)["attachment"]["id"];
  ASSERT_EQ(put("u-1", half, 0, kPng.substr(0, 1000)).status, 200);

  server.stop();
  {  // eight days pass
    sqlite::Database db(server.db_path());
    db.exec("UPDATE attachments SET created_at = created_at - 8 * 24 * 3600 * 1000");
  }
  server.start();
  const std::string recent = uploaded("u-1");  // a new upload sweeps the old ones

  EXPECT_EQ(get("u-1", loose).status, 404);
  EXPECT_EQ(get("u-1", half + "/status").status, 404);
  EXPECT_FALSE(std::filesystem::exists(server.db_path() + ".attachments/" + loose.substr(3)));
  EXPECT_FALSE(std::filesystem::exists(server.db_path() + ".attachments/" + half.substr(3)));
  EXPECT_EQ(get("u-1", attached).body, kPng);  // attached: kept as long as its message
  EXPECT_EQ(get("u-1", recent).body, kPng);
}

}  // namespace
}  // namespace parley::test
