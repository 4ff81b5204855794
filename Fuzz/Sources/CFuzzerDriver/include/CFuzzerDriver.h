#ifndef SNOWGATE_CFUZZERDRIVER_H
#define SNOWGATE_CFUZZERDRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver, for a program whose `main` is its own (libclang_rt.fuzzer defines it; `-sanitize=fuzzer` links
/// it). Each fuzz target's entry point calls it: see Fuzz/Package.swift for why the entry point is not libFuzzer's.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
