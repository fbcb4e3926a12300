/* atlas-import-kml.h — KML placemarks (Google Earth, My Maps) as an event-atlas document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* TRUE when @data (valid UTF-8, no BOM) starts like XML with a <kml element in its
 * first 4 KB. */
gboolean  atlas_import_kml_sniff (const char  *data,
                                  gsize        length);

/* Returns the document, or NULL with @error: ATLAS_DATASET_ERROR_SYNTAX for XML that
 * does not parse ("DISPLAY_NAME:LINE:COLUMN: …"), ATLAS_DATASET_ERROR_INVALID listing
 * every problem as "DISPLAY_NAME:LINE: …" (the line of the Placemark). */
JsonNode *atlas_import_kml       (const char  *data,
                                  gsize        length,
                                  const char  *display_name,
                                  GError     **error);

G_END_DECLS
