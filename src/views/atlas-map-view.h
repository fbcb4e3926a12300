/* atlas-map-view.h — the map: basemap, areas, place markers, selection links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <shumate/shumate.h>

#include "atlas-model.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_MAP_VIEW (atlas_map_view_get_type ())
G_DECLARE_FINAL_TYPE (AtlasMapView, atlas_map_view, ATLAS, MAP_VIEW, GtkWidget)

GtkWidget    *atlas_map_view_new            (void);

void          atlas_map_view_set_context    (AtlasMapView     *self,
                                             AtlasContext     *context);
AtlasContext *atlas_map_view_get_context    (AtlasMapView     *self);

/* The basemap, drawn by a ShumateMapLayer below the markers; NULL shows a plain
 * background.  The view keeps a reference. */
void          atlas_map_view_set_map_source (AtlasMapView     *self,
                                             ShumateMapSource *source);
ShumateMap   *atlas_map_view_get_map        (AtlasMapView     *self);

/* Framing.  frame_visible shows the places of the visible events, weighted by
 * their event counts: all of them when they fit at a regional zoom, otherwise
 * (places spanning the globe: Geneva, Moscow, New York and Aleppo) the smallest
 * box that holds at least 60% of the events' places.  The initial framing of a
 * new dataset is the same, zoomed out to at most zoom 6 so that the region
 * around the events stays in view. */
void          atlas_map_view_frame_visible  (AtlasMapView     *self);
void          atlas_map_view_frame_bounds   (AtlasMapView     *self,
                                             double            min_lat,
                                             double            min_lon,
                                             double            max_lat,
                                             double            max_lon);
/* centres on @location, zooming in to a level that suits its kind (or to its area) */
void          atlas_map_view_center_on      (AtlasMapView     *self,
                                             AtlasLocation    *location);

/* For tests and tools.  Positions are in the view's coordinates: the centre of
 * the marker that draws @location (a group's centre when it is grouped).
 * click_at takes the same path as a click.  A location is highlighted when a
 * selected event names it or it is drawn in a marker that is ringed.
 * The popover of a busy marker is driven by the actions "map.select-listed"
 * (select all the listed events) and "map.select-listed-event" (u: one of them). */
gboolean      atlas_map_view_get_location_position    (AtlasMapView  *self,
                                                       AtlasLocation *location,
                                                       double        *x,
                                                       double        *y);
void          atlas_map_view_click_at                 (AtlasMapView  *self,
                                                       double         x,
                                                       double         y);
gboolean      atlas_map_view_location_is_highlighted  (AtlasMapView  *self,
                                                       AtlasLocation *location);
guint         atlas_map_view_get_n_markers            (AtlasMapView  *self);
/* The basemap tiles in view: zoom level and the range of columns (not wrapped: take
 * them modulo the zoom's column count) and rows the viewport touches.  FALSE while
 * there is no basemap, no size yet or a framing waits for one. */
gboolean      atlas_map_view_get_visible_tiles        (AtlasMapView  *self,
                                                       guint         *zoom,
                                                       int           *x0,
                                                       int           *y0,
                                                       int           *x1,
                                                       int           *y1);
/* the popover that lists a marker's events, for tests; borrowed */
GtkPopover   *atlas_map_view_get_event_popover        (AtlasMapView  *self);
char         *atlas_map_view_dup_tooltip_at           (AtlasMapView  *self,
                                                       double         x,
                                                       double         y);

G_END_DECLS
