// Xapian (GPL) is a benchmark peer only: this file is built into the benchmark, never into
// libparley.
#include <xapian.h>

#include "engine.hpp"

namespace parley::bench {
namespace {

// Xapian as documented for mixed English/CJK text: TermGenerator and QueryParser with the
// CJK n-gram option, English stemming, title terms weighted up like our own title boost, and
// OR as the default operator (BM25 weighting is Xapian's default).
class XapianEngine final : public Engine {
 public:
  std::string name() const override { return "xapian"; }

  void build(const std::vector<Article>& articles) override {
    db_ = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::TermGenerator gen;
    gen.set_stemmer(Xapian::Stem("english"));
    gen.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    for (const auto& a : articles) {
      Xapian::Document doc;
      gen.set_document(doc);
      gen.index_text(a.title, 3);  // title terms count three times (wdf)
      gen.increase_termpos();
      gen.index_text(a.body);
      doc.set_data(a.id);
      db_.add_document(doc);
    }
    db_.commit();
    parser_.set_database(db_);
    parser_.set_stemmer(Xapian::Stem("english"));
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_default_op(Xapian::Query::OP_OR);
    enquire_ = std::make_unique<Xapian::Enquire>(db_);
  }

  std::vector<std::string> search(const std::string& query, std::size_t k) override {
    return run(query, k, 0);
  }
  std::vector<std::string> search_as_you_type(const std::string& query, std::size_t k) override {
    return run(query, k, Xapian::QueryParser::FLAG_PARTIAL);
  }

 private:
  std::vector<std::string> run(const std::string& text, std::size_t k, unsigned extra) {
    std::vector<std::string> ids;
    Xapian::Query q;
    try {
      q = parser_.parse_query(text, Xapian::QueryParser::FLAG_DEFAULT |
                                        Xapian::QueryParser::FLAG_CJK_NGRAM | extra);
    } catch (const Xapian::QueryParserError&) {
      return ids;
    }
    enquire_->set_query(q);
    const auto mset = enquire_->get_mset(0, static_cast<Xapian::doccount>(k));
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(it.get_document().get_data());
    return ids;
  }

  Xapian::WritableDatabase db_;
  Xapian::QueryParser parser_;
  std::unique_ptr<Xapian::Enquire> enquire_;
};

}  // namespace

std::unique_ptr<Engine> make_xapian_engine() { return std::make_unique<XapianEngine>(); }

}  // namespace parley::bench
