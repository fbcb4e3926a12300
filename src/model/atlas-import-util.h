/* atlas-import-util.h — small helpers shared by the importers and the loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "atlas-json.h"

G_BEGIN_DECLS

/* A scalar JSON value as text: strings as they are, integers in decimal, other
 * numbers in the shortest form that reads back the same, booleans as
 * "true"/"false".  NULL for null, arrays and objects. */
char       *atlas_import_scalar_to_text (JsonNode    *node);

/* "Free Syrian Army" → "free-syrian-army": lower-case ASCII letters and digits,
 * runs of anything else as one "-"; non-ASCII letters are kept (lower-cased).
 * Never empty: @fallback when nothing is left. */
char       *atlas_import_slugify        (const char  *text,
                                         const char  *fallback);

/* @base, or @base-2, @base-3… : the first not yet in @taken, which is then added
 * (@taken owns its keys; its values are this function's own, so add to it only
 * through it).  Returns a string owned by @taken. */
const char *atlas_import_unique_id      (GHashTable  *taken,
                                         const char  *base);

/* A fresh event-atlas version 1 document: format, version, title and the
 * empty arrays sources, actors, locations, events.  Returns the root object
 * (owned by *@root). */
JsonObject *atlas_import_new_document   (JsonNode   **root,
                                         const char  *title);

/* When @problems holds any, sets @error (ATLAS_DATASET_ERROR_INVALID) to their
 * lines, each prefixed with @display_name, and returns FALSE. */
gboolean    atlas_import_check_problems (AtlasProblems *problems,
                                         const char    *display_name,
                                         GError       **error);

/* A date as people write it, as ISO 8601 with the precision the words give:
 * ISO 8601 itself ("2016", "2016-12", "2016-12-05", a date-time with its offset),
 * "5 December 2016", "05 Dec 2016", "December 5, 2016", "Dec. 5 2016",
 * "December 2016" (month names in English, whole or cut to at least 3 letters).
 * NULL when it is none of these or no such day exists. */
char       *atlas_import_parse_written_date (const char *text);

/* Like atlas_import_check_problems() for problems whose paths are line numbers
 * ("12: column latitude"): each line reads "DISPLAY_NAME:12: column latitude: …".
 * Sets @error with @code. */
gboolean    atlas_import_check_line_problems (AtlasProblems *problems,
                                              const char    *display_name,
                                              int            code,
                                              GError       **error);

/* The id of the location known by @key (any text that tells places apart) in
 * @by_key (owns its keys; ids are owned by @taken).  The first time, a location
 * {id, name, lat, lon} is appended to @locations with an id made from @name (else
 * @fallback) and returned in *@created, for the caller to add to; NULL otherwise. */
const char *atlas_import_location (JsonArray   *locations,
                                   GHashTable  *by_key,
                                   GHashTable  *taken,
                                   const char  *key,
                                   const char  *name,
                                   const char  *fallback,
                                   double       lat,
                                   double       lon,
                                   JsonObject **created);

/* Appends to @out what follows "events[3]" in a message line (".end_date: …"), in
 * the words of the original file. */
typedef void (*AtlasImportRewriteFunc) (GString    *out,
                                        const char *rest);

/* The end of an import that converted the original file for another importer:
 * @imported (transfer full) when neither @problems (the original's, with line
 * numbers as paths) nor @import_error (the other importer's, whose
 * "DISPLAY_NAME: @array[N]…" lines are told at line @lines[N], guint, with the rest
 * put in the original's words by @rewrite) has anything to say; else NULL and
 * @error (ATLAS_DATASET_ERROR_INVALID, or the other importer's code alone) with
 * every problem of both, in line order. */
JsonNode   *atlas_import_finish_converted (JsonNode               *imported,
                                           const GError           *import_error,
                                           AtlasProblems          *problems,
                                           const char             *display_name,
                                           const char             *array,
                                           GArray                 *lines,
                                           AtlasImportRewriteFunc  rewrite,
                                           GError                **error);

/* Adds "LINE: column NAME: message" (or "LINE: message" when @column is NULL) to
 * @problems, for atlas_import_check_line_problems(). */
void        atlas_import_add_line_problem (AtlasProblems *problems,
                                           guint          line,
                                           const char    *column,
                                           const char    *format,
                                           ...) G_GNUC_PRINTF (4, 5);


G_END_DECLS
