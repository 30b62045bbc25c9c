#include "search/tokenizer.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace parley::search {
namespace {

enum class CharClass { separator, word, cjk };

bool is_cjk(utf8proc_int32_t cp) {
  return (cp >= 0xAC00 && cp <= 0xD7A3) ||  // Hangul syllables
         (cp >= 0x1100 && cp <= 0x11FF) ||  // Hangul jamo
         (cp >= 0x3130 && cp <= 0x318F) ||  // Hangul compatibility jamo
         (cp >= 0x3040 && cp <= 0x30FF) ||  // Hiragana, Katakana
         (cp >= 0x3400 && cp <= 0x4DBF) ||  // CJK extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||  // CJK unified ideographs
         (cp >= 0xF900 && cp <= 0xFAFF) ||  // CJK compatibility ideographs
         (cp >= 0xFF66 && cp <= 0xFF9F);    // half-width katakana
}

CharClass classify(utf8proc_int32_t cp) {
  if (is_cjk(cp)) return CharClass::cjk;
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
    case UTF8PROC_CATEGORY_MN:  // marks belong to the letter they follow
    case UTF8PROC_CATEGORY_MC:
      return CharClass::word;
    default:
      return CharClass::separator;
  }
}

bool is_ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_ascii(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Precomposed Hangul syllables (U+AC00–U+D7A3) only: already NFKC, with no case and no marks.
bool is_hangul_syllables(std::string_view text) {
  if (text.size() % 3 != 0) return false;
  for (std::size_t i = 0; i < text.size(); i += 3) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    const auto b1 = static_cast<unsigned char>(text[i + 1]);
    const auto b2 = static_cast<unsigned char>(text[i + 2]);
    if ((b0 & 0xF0) != 0xE0 || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return false;
    const unsigned cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
    if (cp < 0xAC00 || cp > 0xD7A3) return false;
  }
  return true;
}

// `text` normalised, as a view: into `text` itself when normalising leaves it unchanged, else
// into `scratch`. Fast paths give what utf8proc would: ASCII needs only lower-casing, and
// precomposed Hangul needs nothing. Most FAQ text is one or the other, and normalizing it
// through utf8proc was most of the cost of indexing, searching and making snippets.
std::string_view normalize(std::string_view text, std::string& scratch) {
  if (is_ascii(text)) {
    std::size_t upper = 0;
    while (upper < text.size() && !(text[upper] >= 'A' && text[upper] <= 'Z')) ++upper;
    if (upper == text.size()) return text;
    scratch.assign(text);
    for (std::size_t i = upper; i < scratch.size(); ++i) {
      char& c = scratch[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return scratch;
  }
  if (is_hangul_syllables(text)) return text;
  utf8proc_uint8_t* out = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                      UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                                      UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                              static_cast<utf8proc_ssize_t>(text.size()), &out, options);
  if (n < 0) return text;  // cannot happen for valid UTF-8 segments
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> guard(out, &std::free);
  scratch.assign(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  return scratch;
}

// A deliberately light English stemmer: plural and possessive endings only. Stronger
// stemming trades precision for recall in ways that FAQ titles punish. The stem is a prefix
// of `word`, or (for "-ies") built in `scratch`.
std::string_view stem(std::string_view word, std::string& scratch) {
  if (word.size() < 4) return word;
  if (word.ends_with("ies") && word.size() > 4) {
    std::string built(word.substr(0, word.size() - 3));  // `word` may live in `scratch`
    built += 'y';
    scratch = std::move(built);
    return scratch;
  }
  if (word.ends_with("sses")) return word.substr(0, word.size() - 2);
  if (word.ends_with("ss") || word.ends_with("us") || word.ends_with("is")) return word;
  if (word.ends_with("s")) return word.substr(0, word.size() - 1);
  return word;
}

struct CodePoint {
  utf8proc_int32_t cp;
  std::size_t begin;
  std::size_t end;
};

void emit_cjk_run(std::string_view text, const std::vector<CodePoint>& run, std::string& scratch,
                  const std::function<void(const TokenView&)>& sink) {
  const std::size_t begin = run.front().begin;
  const std::size_t end = run.back().end;
  sink(TokenView{normalize(text.substr(begin, end - begin), scratch), begin, end, false});
  if (run.size() <= 2) return;  // a run of one or two characters is its own gram
  for (std::size_t i = 0; i + 1 < run.size(); ++i) {
    const std::size_t b = run[i].begin;
    const std::size_t e = run[i + 1].end;
    sink(TokenView{normalize(text.substr(b, e - b), scratch), b, e, true});
  }
}

}  // namespace

bool is_word_term(std::string_view term) {
  utf8proc_int32_t cp = 0;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(term.data()),
                                  static_cast<utf8proc_ssize_t>(term.size()), &cp);
  return n > 0 && !is_cjk(cp);
}

void for_each_token(std::string_view text, const std::function<void(const TokenView&)>& sink) {
  std::vector<CodePoint> run;
  std::string scratch;       // a term normalisation changed
  std::string stem_scratch;  // a stem that is not a prefix of its word
  CharClass run_class = CharClass::separator;

  auto flush = [&] {
    if (run.empty()) return;
    if (run_class == CharClass::cjk) {
      emit_cjk_run(text, run, scratch, sink);
    } else {
      const std::size_t b = run.front().begin;
      const std::size_t e = run.back().end;
      const std::string_view term = stem(normalize(text.substr(b, e - b), scratch), stem_scratch);
      if (!term.empty()) sink(TokenView{term, b, e, false});
    }
    run.clear();
  };

  const auto* data = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  std::size_t pos = 0;
  while (pos < text.size()) {
    utf8proc_int32_t cp = 0;
    std::size_t len = 1;
    CharClass cls = CharClass::separator;
    if (const auto byte = static_cast<unsigned char>(text[pos]); byte < 0x80) {
      cp = byte;  // ASCII: letters and digits are word characters, the rest separate
      cls = is_ascii_alnum(byte) ? CharClass::word : CharClass::separator;
    } else {
      const auto n = utf8proc_iterate(data + pos, static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
      if (n > 0) {
        len = static_cast<std::size_t>(n);
        cls = classify(cp);
      }
    }
    if (cls != run_class || cls == CharClass::separator) flush();
    run_class = cls;
    if (cls != CharClass::separator) run.push_back({cp, pos, pos + len});
    pos += len;
  }
  flush();
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  for_each_token(text, [&](const TokenView& t) {
    out.push_back(Token{std::string(t.term), t.begin, t.end, t.cjk_gram});
  });
  return out;
}

}  // namespace parley::search
