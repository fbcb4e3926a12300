/* atlas-marker-layer.h — one map layer that draws every place marker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layer counts the visible events of each location, groups the locations
 * whose markers overlap at the current (integer) zoom and draws the groups in
 * one snapshot: a disc sized by count, coloured by the dominant category, with
 * the count inside; markers of selected events are ringed and drawn on top.
 * It is the map's data hub: the area and link layers ask it for counts, colours
 * and marker positions, and redraw on its ::changed signal.
 */

#pragma once

#include <shumate/shumate.h>

#include "atlas-model.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_MARKER_LAYER (atlas_marker_layer_get_type ())
G_DECLARE_FINAL_TYPE (AtlasMarkerLayer, atlas_marker_layer, ATLAS, MARKER_LAYER, ShumateLayer)

AtlasMarkerLayer *atlas_marker_layer_new                (ShumateViewport  *viewport);

void              atlas_marker_layer_set_context        (AtlasMarkerLayer *self,
                                                         AtlasContext     *context);
AtlasContext     *atlas_marker_layer_get_context        (AtlasMarkerLayer *self);

/* Markers at the current zoom (a marker is one location or a group of them). */
guint             atlas_marker_layer_get_n_markers      (AtlasMarkerLayer *self);
/* the marker drawn at widget point (@x, @y) (topmost), or -1 */
int               atlas_marker_layer_pick               (AtlasMarkerLayer *self,
                                                         double            x,
                                                         double            y);
/* the marker that draws @location, or -1 when it has no visible events */
int               atlas_marker_layer_lookup_location    (AtlasMarkerLayer *self,
                                                         AtlasLocation    *location);
/* centre and radius in widget coordinates; FALSE without a reference map source */
gboolean          atlas_marker_layer_get_marker_position (AtlasMarkerLayer *self,
                                                          guint             marker,
                                                          double           *x,
                                                          double           *y,
                                                          double           *radius);
/* summed number of visible events (an event naming two grouped places counts twice) */
guint             atlas_marker_layer_get_marker_count   (AtlasMarkerLayer *self,
                                                         guint             marker);
/* dataset indexes of the marker's locations, ascending; borrowed */
const guint      *atlas_marker_layer_get_marker_locations (AtlasMarkerLayer *self,
                                                           guint             marker,
                                                           guint            *n_locations);
void              atlas_marker_layer_get_marker_extent  (AtlasMarkerLayer *self,
                                                         guint             marker,
                                                         double           *min_lat,
                                                         double           *min_lon,
                                                         double           *max_lat,
                                                         double           *max_lon);
/* TRUE when a selected event names one of the marker's locations */
gboolean          atlas_marker_layer_marker_is_highlighted (AtlasMarkerLayer *self,
                                                            guint             marker);
/* the visible events naming any of the marker's locations, in time order */
GPtrArray        *atlas_marker_layer_dup_marker_events  (AtlasMarkerLayer *self,
                                                         guint             marker);

/* Per location */
guint             atlas_marker_layer_get_location_count (AtlasMarkerLayer *self,
                                                         AtlasLocation    *location);
/* colour of the location's most frequent visible category; FALSE when it has no
 * visible events (@out then gets the colour for no category) */
gboolean          atlas_marker_layer_get_location_color (AtlasMarkerLayer *self,
                                                         AtlasLocation    *location,
                                                         GdkRGBA          *out);
gboolean          atlas_marker_layer_location_is_highlighted (AtlasMarkerLayer *self,
                                                              AtlasLocation    *location);

G_END_DECLS
