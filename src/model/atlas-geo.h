/* atlas-geo.h — Web Mercator projection, tile maths and line simplification
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions, no GTK: the basemap converter, the renderer and the unit tests
 * all call them.
 *
 * World units: the Web Mercator square is ATLAS_GEO_WORLD_SIZE (2^24) units wide,
 * x growing east from 180°W and y growing south from 85.0511°N.  One unit is one
 * pixel at zoom 16 with 256 px tiles, so at zoom z a pixel is 2^(16-z) units.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATLAS_GEO_WORLD_BITS   24
#define ATLAS_GEO_WORLD_SIZE   (1 << ATLAS_GEO_WORLD_BITS)
#define ATLAS_GEO_TILE_SIZE    256
#define ATLAS_GEO_MAX_ZOOM     16
#define ATLAS_GEO_MAX_LATITUDE 85.05112877980659

/* Projects a WGS 84 position into world units.  Latitudes beyond
 * ±ATLAS_GEO_MAX_LATITUDE are clamped; longitudes are not wrapped, so 190°E
 * projects east of the world's right edge. */
void     atlas_geo_project            (double  latitude,
                                       double  longitude,
                                       double *x,
                                       double *y);

/* The inverse of atlas_geo_project(). */
void     atlas_geo_unproject          (double  x,
                                       double  y,
                                       double *latitude,
                                       double *longitude);

/* World units per pixel at @zoom (2^(16 - zoom)). */
double   atlas_geo_units_per_pixel    (guint   zoom);

/* The number of tiles along one side of the world at @zoom. */
guint    atlas_geo_tiles_at_zoom      (guint   zoom);

/* The tile holding a position at @zoom. */
void     atlas_geo_tile_for_position  (double  latitude,
                                       double  longitude,
                                       guint   zoom,
                                       guint  *tile_x,
                                       guint  *tile_y);

/* The tile's extent in world units: [x0, x1) × [y0, y1). */
void     atlas_geo_tile_bounds        (guint   zoom,
                                       guint   tile_x,
                                       guint   tile_y,
                                       double *x0,
                                       double *y0,
                                       double *x1,
                                       double *y1);

/* A position's pixel coordinates inside tile (@tile_x, @tile_y) at @zoom. */
void     atlas_geo_position_to_tile_pixel (double  latitude,
                                           double  longitude,
                                           guint   zoom,
                                           guint   tile_x,
                                           guint   tile_y,
                                           double *px,
                                           double *py);

/* Douglas–Peucker on a polyline of @n_points (x, y) pairs in @points
 * (2 × @n_points values).  Writes the kept points' indices in ascending order to
 * @keep (room for @n_points) and returns how many; the first and last points
 * are always kept.  @tolerance is the largest allowed distance from the
 * original line, in the points' units. */
gsize    atlas_geo_simplify_line      (const gint32 *points,
                                       gsize         n_points,
                                       double        tolerance,
                                       gsize        *keep);

/* Simplifies a closed ring (first point == last point, or implicitly closed).
 * Splits it at the two points farthest apart so that neither end is pinned to an
 * arbitrary start, runs Douglas–Peucker on both halves, and never returns fewer
 * than three distinct points while the ring has that many: if the tolerance
 * would collapse it, the three points spanning the largest triangle are kept.
 * Indices go to @keep (room for @n_points); the ring is returned unclosed
 * (the closing duplicate is not listed). */
gsize    atlas_geo_simplify_ring      (const gint32 *points,
                                       gsize         n_points,
                                       double        tolerance,
                                       gsize        *keep);

/* Twice the signed area of a ring (shoelace), positive when the ring turns
 * clockwise on screen (y down). */
double   atlas_geo_ring_area2         (const gint32 *points,
                                       gsize         n_points);

/* Whether the ring (implicitly closed) has two non-adjacent edges that cross.
 * O(n²): meant for tests and for small rings. */
gboolean atlas_geo_ring_self_intersects (const gint32 *points,
                                         gsize         n_points);

/* Even–odd point in ring test. */
gboolean atlas_geo_ring_contains      (const gint32 *points,
                                       gsize         n_points,
                                       double        x,
                                       double        y);

G_END_DECLS
