/* i18n_test.h - for unit tests that check messages in Chinese: the
 * zh_CN.UTF-8 locale and the catalogue the build compiles into
 * <build>/locale. */
#ifndef JZ_TESTS_I18N_TEST_H
#define JZ_TESTS_I18N_TEST_H

#include <stdbool.h>
#include <stddef.h>

/* Sets LC_ALL to zh_CN.UTF-8 and binds the jiuzhu domain to <build>/locale,
 * found from this executable (<build>/tests/unit/<name>). False when the
 * locale or the catalogue is missing: why (n bytes) says which, for a
 * SKIP; the caller puts back the locale it wants. */
bool i18n_test_zh(char *why, size_t n);

#endif
