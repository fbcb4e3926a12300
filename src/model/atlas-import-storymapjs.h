/* atlas-import-storymapjs.h — a StoryMapJS story as an event-atlas document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* TRUE when @root has a "storymap" object with "slides" (StoryMapJS's published JSON). */
gboolean  atlas_import_storymapjs_sniff (JsonObject  *root);

/* Returns the document, or NULL with @error (ATLAS_DATASET_ERROR_INVALID) listing
 * every problem as "DISPLAY_NAME: storymap.slides[3].location.lat: …". */
JsonNode *atlas_import_storymapjs       (JsonNode    *root,
                                         const char  *display_name,
                                         GError     **error);

G_END_DECLS
