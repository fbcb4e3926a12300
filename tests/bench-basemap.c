/* bench-basemap.c — median offline basemap tile render times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Renders every tile of a window around Aleppo at zoom 2, 6, 9 and 13 (labels placed on
 * a first, unmeasured pass) and prints the median and worst time per tile.  Targets:
 * median under 15 ms at zoom 2, under 2 ms at zoom 6 and above.
 */

#include "config.h"

#include <stdlib.h>

#include "atlas-basemap-render.h"
#include "atlas-geo.h"

static int
compare_double (const void *a,
                const void *b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : da > db;
}

int
main (int   argc,
      char *argv[])
{
  static const guint zooms[] = { 2, 6, 9, 13 };
  const AtlasBasemapData *data = atlas_basemap_render_get_default_data ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  gboolean ok = TRUE;

  if (data == NULL)
    return 1;

  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    {
      guint z = zooms[i];
      guint cx, cy, n = atlas_geo_tiles_at_zoom (z);
      int radius = z <= 2 ? 2 : 3;
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      double median, target = z >= 6 ? 2.0 : 15.0;

      atlas_geo_tile_for_position (36.2021, 37.1343, z, &cx, &cy);
      for (int pass = 0; pass < 3; pass++)
        for (int dy = -radius; dy <= radius; dy++)
          for (int dx = -radius; dx <= radius; dx++)
            {
              guint x = (cx + n + dx) % n;
              gint64 y = (gint64) cy + dy, t0;
              cairo_t *cr;
              double ms;

              if (y < 0 || y >= n)
                continue;
              cr = cairo_create (surface);
              t0 = g_get_monotonic_time ();
              atlas_basemap_render_tile (data, cr, z, x, (guint) y, FALSE);
              cairo_surface_flush (surface);
              ms = (g_get_monotonic_time () - t0) / 1000.0;
              cairo_destroy (cr);
              if (pass > 0)   /* the first pass also places the zoom's labels */
                g_array_append_val (times, ms);
            }

      g_array_sort (times, (GCompareFunc) compare_double);
      median = g_array_index (times, double, times->len / 2);
      g_print ("zoom %2u: median %6.2f ms, max %6.2f ms over %u tiles (target < %g ms) %s\n",
               z, median, g_array_index (times, double, times->len - 1), times->len, target,
               median < target ? "ok" : "SLOW");
      ok &= median < target;
    }

  cairo_surface_destroy (surface);
  return ok ? 0 : 1;
}
