/* atlas-cli.h — what the command line does without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Loads each file with the app's own load path and reports on @out / @err:
 * "FILE: OK (N events, N actors, N locations)" on @out, or one line per problem
 * on @err.  With @coverage, a valid file is followed by one line per source with
 * text: the share of its sentences that events cite (or that the dataset leaves
 * uncited on purpose).  Returns the process exit status: 0 when every file is
 * valid, 1 otherwise. */
int  atlas_cli_validate (const char * const *paths,
                         gboolean            coverage,
                         FILE               *out,
                         FILE               *err);

G_END_DECLS
