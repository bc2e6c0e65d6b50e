// Boost.JSON compiled into cppcassa-bench (header-only mode: one translation unit holds it),
// for the profiles of run's peers (run_profile.cpp).
#include <boost/json/src.hpp>
