/* atlas-import-geojson.h — a GeoJSON FeatureCollection as an event-atlas document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 7946 features with Point, MultiPoint, Polygon or MultiPolygon geometry
 * (or none) become events and their locations; see README ("Other formats").
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* @root is a FeatureCollection or a single Feature.  Returns the document, or
 * NULL with @error (ATLAS_DATASET_ERROR_INVALID) listing every problem as
 * "DISPLAY_NAME: features[3].geometry.coordinates: what is wrong". */
JsonNode *atlas_import_geojson (JsonNode    *root,
                                const char  *display_name,
                                GError     **error);

G_END_DECLS
