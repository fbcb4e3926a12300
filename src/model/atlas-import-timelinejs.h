/* atlas-import-timelinejs.h — a TimelineJS timeline as an event-atlas document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The TimelineJS JSON format: "events" with start_date / end_date parts, text
 * headline and HTML text, group; an optional "title" slide.  See README
 * ("Other formats").
 */

#pragma once

#include <json-glib/json-glib.h>

#include "atlas-json.h"

G_BEGIN_DECLS

/* Returns the document, or NULL with @error (ATLAS_DATASET_ERROR_INVALID)
 * listing every problem as "DISPLAY_NAME: events[3].start_date.month: …". */
JsonNode *atlas_import_timelinejs (JsonNode    *root,
                                   const char  *display_name,
                                   GError     **error);

/* TimelineJS text is HTML: the plain text, with <br> and paragraph ends as line
 * breaks, other tags dropped and character references decoded. */
char     *atlas_import_html_to_text (const char *html);

/* The "text" object of a TimelineJS or StoryMapJS slide: its headline and text as
 * plain text (NULL when absent or empty); problems as "PATH.text.headline: …". */
void      atlas_import_slide_text   (JsonObject     *slide,
                                     const char     *path,
                                     char          **headline,
                                     char          **body,
                                     AtlasProblems  *problems);

G_END_DECLS
