#include "faq/faq_folder.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "faq/article_file.hpp"
#include "faq/locale.hpp"

namespace parley::server {
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

FaqFolder load_faq_folder(const std::string& dir) {
  const fs::path root(dir);
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    throw std::runtime_error("FAQ folder '" + dir + "' is not a directory");
  }

  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".md") files.push_back(it->path());
  }
  if (ec) throw std::runtime_error("cannot list FAQ folder '" + dir + "': " + ec.message());
  std::sort(files.begin(), files.end());

  FaqFolder folder;
  std::set<std::string> ids;
  for (const auto& path : files) {
    const fs::path relative = path.lexically_relative(root);
    const std::vector<fs::path> parts(relative.begin(), relative.end());
    const auto problem = [&](const std::string& what) {
      folder.problems.push_back(path.string() + ": " + what);
    };
    if (parts.size() != 3) {
      problem("is not at <locale>/<category>/<slug>.md");
      continue;
    }
    const ArticlePlace place{normalize_locale(parts[0].string()), parts[1].string(), path.stem().string()};
    std::variant<ArticleContent, std::string> parsed;
    try {
      parsed = parse_article_file(read_file(path), place);
    } catch (const std::exception& e) {
      problem(e.what());
      continue;
    }
    if (auto* why = std::get_if<std::string>(&parsed)) {
      problem(*why);
      continue;
    }
    auto& article = std::get<ArticleContent>(parsed);
    if (!ids.insert(article.id).second) {
      problem("repeats the id \"" + article.id + "\" of an earlier file");
      continue;
    }
    folder.articles.push_back(std::move(article));
  }
  return folder;
}

}  // namespace parley::server
