// Non-thread Boost (filesystem, date_time, shared_ptr) must be left alone by the migration.
#include "taskkit/config.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/filesystem.hpp>
#include <boost/shared_ptr.hpp>
#include <boost/thread/mutex.hpp>
#include <sstream>

#include "taskkit/tasks.hpp"

namespace taskkit {

static boost::mutex cacheMutex;

std::string fileSummary(const std::string& path) {
    boost::mutex::scoped_lock lock(cacheMutex);
    std::ostringstream out;
#ifdef HAVE_BOOST_FILESYSTEM
    boost::filesystem::path p(path);
    out << p.filename().string() << " " << p.extension().string();
#endif
    boost::shared_ptr<boost::gregorian::date> d(new boost::gregorian::date(2020, 2, 28));
    *d += boost::gregorian::days(1);
    out << " " << boost::gregorian::to_iso_extended_string(*d);
    return out.str();
}

}  // namespace taskkit
