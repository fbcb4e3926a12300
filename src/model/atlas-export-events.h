/* atlas-export-events.h — the visible events as CSV (ACLED-like) or GeoJSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV: one row per event, RFC 4180 (CRLF, fields quoted when they hold a comma,
 * quote or line break), UTF-8 without a BOM, columns:
 *   event_id_cnty, event_date (YYYY-MM-DD of the start), time_precision (ACLED's
 *   1 day, 2 week, 3 month or coarser), date_precision, date_basis (the format's
 *   words), event_type (category), title, actor1 (first agent), actor2 (first
 *   target), assoc_actor_1 (the other participants, "; "), location (first place
 *   it occurred at), latitude, longitude, geo_precision_m, notes (summary),
 *   source, excerpt, fatalities (sum)
 * so that ACLED tools, and Event Atlas's own ACLED importer, read it back.
 * GeoJSON: a FeatureCollection with one Point feature per event and place; the
 * feature id is the event id for its first place, "EVENT@LOCATION" for others.
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
