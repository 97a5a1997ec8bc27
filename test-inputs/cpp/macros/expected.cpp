// Names spelled inside a macro body cannot be rewritten safely: flagged. Macro arguments are
// spelled in the file and are rewritten.
#include <boost/thread.hpp>

#define LOCKED(m) boost::lock_guard<boost::mutex> guard_(m)
#define WITH(type, name) type name

static WITH(boost::mutex, m);

int bump(int& n) {
    LOCKED(m);
    return ++n;
}
