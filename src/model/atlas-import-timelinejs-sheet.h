/* atlas-import-timelinejs-sheet.h — a TimelineJS spreadsheet (CSV) as an event-atlas document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The columns of TimelineJS's Google Sheets template (Year, Month, Day, Time, End Year,
 * End Month, End Day, End Time, Display Date, Headline, Text, Media, Media Credit, Media
 * Caption, Media Thumbnail, Type, Group, Background), found by name in any order.  A row
 * of Type "title" gives the title and description, rows of Type "era" are skipped, rows
 * of empty cells are ignored; every other row is an event read like a TimelineJS JSON
 * slide.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* TRUE when the first line of @data (valid UTF-8, optionally with a BOM) is a CSV
 * header with "Year" and "Headline" columns. */
gboolean  atlas_import_timelinejs_sheet_sniff (const char  *data,
                                               gsize        length);

/* Returns the document, or NULL with @error (ATLAS_DATASET_ERROR_INVALID) listing
 * every problem as "DISPLAY_NAME:LINE: column Month: …". */
JsonNode *atlas_import_timelinejs_sheet       (const char  *data,
                                               gsize        length,
                                               const char  *display_name,
                                               GError     **error);

G_END_DECLS
