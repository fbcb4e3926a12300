/* atlas-cli.h — what the command line does without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Loads each file with the app's own load path and reports on @out / @err:
 * "FILE: OK (N events, N actors, N locations)" on @out, or one line per problem
 * on @err.  Returns the process exit status: 0 when every file is valid, 1 otherwise. */
int  atlas_cli_validate (const char * const *paths,
                         FILE               *out,
                         FILE               *err);

G_END_DECLS
