#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H
// libcurl's setopt/getinfo are variadic, which Swift cannot call: the typed wrappers below are the only way in.
// Each wrapper fixes the C type of the variadic argument, so a Swift caller cannot pass the wrong width (libcurl
// reads a `long`, a `curl_off_t` or a pointer off the va_list according to the option's number).

// gcc's compile-time option/type checks are macros over the same calls; the wrappers are already typed.
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

// Swift does not import every macro expression; these are the ones CurlHTTP needs, as plain constants.
static const long CCURL_GLOBAL_ALL = CURL_GLOBAL_ALL;
static const long CCURL_ERROR_SIZE = CURL_ERROR_SIZE;
static const long CCURL_PIPE_NOTHING = CURLPIPE_NOTHING;
static const long CCURL_PIPE_MULTIPLEX = CURLPIPE_MULTIPLEX;

// MARK: - curl_easy_setopt

static inline CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

/// CURLOPT_WRITEFUNCTION: receives the (decoded) response body.
static inline CURLcode ccurl_easy_setopt_write_callback(CURL *handle, curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

/// CURLOPT_HEADERFUNCTION: receives each header line, status lines included, one call per line.
static inline CURLcode ccurl_easy_setopt_header_callback(CURL *handle, curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
}

/// CURLOPT_READFUNCTION: supplies an upload body piece by piece.
static inline CURLcode ccurl_easy_setopt_read_callback(CURL *handle, curl_read_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

/// CURLOPT_XFERINFOFUNCTION: progress; returning non-zero aborts the transfer.
static inline CURLcode ccurl_easy_setopt_xferinfo_callback(CURL *handle, curl_xferinfo_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

// MARK: - curl_easy_getinfo

static inline CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *out) {
    return curl_easy_getinfo(handle, info, out);
}

static inline CURLcode ccurl_easy_getinfo_string(CURL *handle, CURLINFO info, char **out) {
    return curl_easy_getinfo(handle, info, out);
}

static inline CURLcode ccurl_easy_getinfo_double(CURL *handle, CURLINFO info, double *out) {
    return curl_easy_getinfo(handle, info, out);
}

static inline CURLcode ccurl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *out) {
    return curl_easy_getinfo(handle, info, out);
}

static inline CURLcode ccurl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **out) {
    return curl_easy_getinfo(handle, info, out);
}

// MARK: - curl_multi_setopt

static inline CURLMcode ccurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

static inline CURLMcode ccurl_multi_setopt_pointer(CURLM *multi, CURLMoption option, void *value) {
    return curl_multi_setopt(multi, option, value);
}

// MARK: - CURLMsg

/// The result of a finished transfer; `data` is a C union, which Swift imports awkwardly.
static inline CURLcode ccurl_msg_result(const CURLMsg *message) {
    return message->data.result;
}

#endif
