/* atlas-export-events.h — the visible events as CSV (ACLED-like) or GeoJSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV: one row per event, RFC 4180 (CRLF, fields quoted when they hold a comma,
 * quote or line break), UTF-8 without a BOM, columns:
 *   event_id, event_date, date_precision, date_basis, event_type, title, actor1,
 *   actor2, assoc_actors, location, latitude, longitude, geo_precision_m, notes,
 *   source, excerpt, fatalities
 * GeoJSON: a FeatureCollection with one Point feature per event and place.
 */

#pragma once

#include <gio/gio.h>

#include "atlas-types.h"

G_BEGIN_DECLS

typedef enum {
  ATLAS_EVENTS_FORMAT_CSV,
  ATLAS_EVENTS_FORMAT_GEOJSON,
} AtlasEventsFormat;

/* @events: indexes into @dataset's events (atlas_context_get_visible()) */
char     *atlas_export_events_to_csv     (AtlasDataset       *dataset,
                                          const guint        *events,
                                          guint               n_events);
char     *atlas_export_events_to_geojson (AtlasDataset       *dataset,
                                          const guint        *events,
                                          guint               n_events);
/* Writes the events visible in @context to @file. */
gboolean  atlas_export_events_save       (AtlasContext       *context,
                                          AtlasEventsFormat   format,
                                          GFile              *file,
                                          GCancellable       *cancellable,
                                          GError            **error);

G_END_DECLS
