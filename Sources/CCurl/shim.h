#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H
// libcurl's setopt/getinfo are variadic, which Swift cannot call: the typed wrappers below are the only way in.
#include <curl/curl.h>
#endif
