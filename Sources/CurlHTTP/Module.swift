// The CurlHTTP module. Its types arrive with the issues that build it.
