// Build configuration, as an autoconf-era project would generate it.
#pragma once

#define HAVE_BOOST_THREAD 1
#define HAVE_BOOST_FILESYSTEM 1
#define TASKKIT_DEFAULT_WORKERS 3
