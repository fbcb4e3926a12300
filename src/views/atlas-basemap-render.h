/* atlas-basemap-render.h — draws one offline basemap tile with Cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure drawing, no widget: AtlasBasemapSource calls it from worker threads, tests and the
 * benchmark call it directly.  Thread-safe for a shared, immutable AtlasBasemapData.
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "atlas-basemap-data.h"

G_BEGIN_DECLS

#define ATLAS_BASEMAP_RESOURCE_PATH "/io/github/eventatlas/EventAtlas/basemap/basemap.bin"

/* The bundled basemap, loaded from the GResource once (thread-safe); NULL (with a
 * warning) when the resource is missing or corrupt. */
const AtlasBasemapData *atlas_basemap_render_get_default_data (void);

/* Draws tile (@x, @y) at @zoom into the 256 × 256 user-space square at the origin of @cr:
 * sea, land, city detail from zoom 11, borders, and the labels placed for @zoom (placed
 * once per zoom for the whole world, so neighbouring tiles agree and no label is cut). */
void atlas_basemap_render_tile (const AtlasBasemapData *data,
                                cairo_t                *cr,
                                guint                   zoom,
                                guint                   x,
                                guint                   y,
                                gboolean                dark);

/* The text of the label of the place or country called @name_en (its English name) at
 * @zoom, whether or not it finds room on the map: one name, or two lines.  In an Arabic
 * user interface the Arabic name comes first.  NULL when the basemap has no such name. */
char *atlas_basemap_render_dup_label (const AtlasBasemapData *data,
                                      const char             *name_en,
                                      guint                   zoom);

G_END_DECLS
