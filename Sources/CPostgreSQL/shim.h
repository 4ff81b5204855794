#ifndef CPOSTGRESQL_SHIM_H
#define CPOSTGRESQL_SHIM_H
#include <libpq-fe.h>

// libpq's API has no variadic functions; the shim only gives Swift the diagnostic field codes, which are
// character macros in postgres_ext.h that Swift imports as nothing.
static inline int cpostgresql_diag_sqlstate(void) { return PG_DIAG_SQLSTATE; }
static inline int cpostgresql_diag_message_primary(void) { return PG_DIAG_MESSAGE_PRIMARY; }
static inline int cpostgresql_diag_constraint_name(void) { return PG_DIAG_CONSTRAINT_NAME; }
static inline int cpostgresql_diag_severity(void) { return PG_DIAG_SEVERITY_NONLOCALIZED; }

#endif
