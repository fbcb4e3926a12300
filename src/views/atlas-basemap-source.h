/* atlas-basemap-source.h — the offline basemap as a libshumate map source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define ATLAS_BASEMAP_SOURCE_ID        "event-atlas-offline"
#define ATLAS_BASEMAP_SOURCE_ONLINE_ID "event-atlas-openstreetmap"

#define ATLAS_TYPE_BASEMAP_SOURCE (atlas_basemap_source_get_type ())

G_DECLARE_FINAL_TYPE (AtlasBasemapSource, atlas_basemap_source, ATLAS, BASEMAP_SOURCE, ShumateMapSource)

/* The bundled offline basemap: tiles drawn with Cairo in worker threads, never the network. */
AtlasBasemapSource *atlas_basemap_source_new          (void);

/* OpenStreetMap tiles (libshumate's "osm-mapnik", cached on disk by libshumate), with the
 * offline tile drawn instead wherever a tile cannot be fetched.  The network is used only
 * when this source is on a map: make it the user's choice (GSettings key `basemap`). */
AtlasBasemapSource *atlas_basemap_source_new_online   (void);

gboolean            atlas_basemap_source_get_dark     (AtlasBasemapSource *self);
void                atlas_basemap_source_set_dark     (AtlasBasemapSource *self,
                                                       gboolean            dark);

guint               atlas_basemap_source_get_scale_factor (AtlasBasemapSource *self);
void                atlas_basemap_source_set_scale_factor (AtlasBasemapSource *self,
                                                           guint               scale_factor);

/* The online source this one shows, or NULL for the offline basemap. */
ShumateMapSource   *atlas_basemap_source_get_upstream (AtlasBasemapSource *self);

/* Tiles asked for and not yet delivered: 0 once the map on screen is complete. */
guint               atlas_basemap_source_get_n_pending (AtlasBasemapSource *self);
/* Tiles delivered since the source was made */
guint               atlas_basemap_source_get_n_filled (AtlasBasemapSource *self);
/* Whether the tile at @zoom, @x, @y (as libshumate numbers them) was delivered with its
 * pixels, among the last few thousand tiles delivered */
gboolean            atlas_basemap_source_is_drawn     (AtlasBasemapSource *self,
                                                       guint               zoom,
                                                       guint               x,
                                                       guint               y);

/* Starts drawing the offline tiles of @zoom from column @x0 to @x1 and row @y0 to @y1
 * (as libshumate numbers them; columns wrap) before libshumate asks for them: it asks
 * only after a frame of the new view, and the first screen's tiles can be drawn while
 * that frame is.  At most 64 tiles; nothing for an online source. */
void                atlas_basemap_source_prefetch     (AtlasBasemapSource *self,
                                                       guint               zoom,
                                                       int                 x0,
                                                       int                 y0,
                                                       int                 x1,
                                                       int                 y1);

G_END_DECLS
