/* atlas-geo.c — Web Mercator projection, tile maths and line simplification
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-geo"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "atlas-geo.h"

typedef struct
{
  gsize i;
  gsize j;
} Span;

typedef struct
{
  double x0;
  double x1;
  gsize  index;
} Edge;

static double
segment_distance2 (double px,
                   double py,
                   double ax,
                   double ay,
                   double bx,
                   double by)
{
  double dx = bx - ax;
  double dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t;

  if (len2 <= 0.0)
    return (px - ax) * (px - ax) + (py - ay) * (py - ay);

  t = ((px - ax) * dx + (py - ay) * dy) / len2;
  t = CLAMP (t, 0.0, 1.0);
  dx = ax + t * dx - px;
  dy = ay + t * dy - py;
  return dx * dx + dy * dy;
}

static int
compare_gsize (gconstpointer a,
               gconstpointer b)
{
  gsize ia = *(const gsize *) a;
  gsize ib = *(const gsize *) b;

  return ia < ib ? -1 : ia > ib;
}

static int
compare_edge (gconstpointer a,
              gconstpointer b)
{
  const Edge *ea = a;
  const Edge *eb = b;

  return ea->x0 < eb->x0 ? -1 : ea->x0 > eb->x0;
}

/* Douglas–Peucker on points[first..last] (indices into the pair array),
 * appending kept interior indices to @keep.  Iterative, so long coastlines
 * cannot exhaust the stack. */
static gsize
simplify_span (const gint32 *points,
               gsize         first,
               gsize         last,
               double        tolerance2,
               gsize        *keep,
               gsize         n_keep)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Span));
  Span span = { first, last };

  g_array_append_val (stack, span);
  while (stack->len > 0)
    {
      Span s = g_array_index (stack, Span, stack->len - 1);
      double ax, ay, bx, by;
      double best = -1.0;
      gsize best_index = s.i;

      g_array_set_size (stack, stack->len - 1);
      if (s.j <= s.i + 1)
        continue;

      ax = points[2 * s.i];
      ay = points[2 * s.i + 1];
      bx = points[2 * s.j];
      by = points[2 * s.j + 1];
      for (gsize k = s.i + 1; k < s.j; k++)
        {
          double d = segment_distance2 (points[2 * k], points[2 * k + 1], ax, ay, bx, by);

          if (d > best)
            {
              best = d;
              best_index = k;
            }
        }

      if (best > tolerance2)
        {
          Span left = { s.i, best_index };
          Span right = { best_index, s.j };

          keep[n_keep++] = best_index;
          g_array_append_val (stack, left);
          g_array_append_val (stack, right);
        }
    }

  return n_keep;
}

static gboolean
segments_cross (double ax, double ay, double bx, double by,
                double cx, double cy, double dx, double dy)
{
  double d1 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  double d2 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
  double d3 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
  double d4 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);

  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) &&
         ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

void
atlas_geo_project (double  latitude,
                   double  longitude,
                   double *x,
                   double *y)
{
  double lat = CLAMP (latitude, -ATLAS_GEO_MAX_LATITUDE, ATLAS_GEO_MAX_LATITUDE);
  double s = sin (lat * G_PI / 180.0);

  *x = (longitude + 180.0) / 360.0 * ATLAS_GEO_WORLD_SIZE;
  *y = (0.5 - log ((1.0 + s) / (1.0 - s)) / (4.0 * G_PI)) * ATLAS_GEO_WORLD_SIZE;
}

void
atlas_geo_unproject (double  x,
                     double  y,
                     double *latitude,
                     double *longitude)
{
  double n = G_PI - 2.0 * G_PI * y / ATLAS_GEO_WORLD_SIZE;

  *longitude = x / ATLAS_GEO_WORLD_SIZE * 360.0 - 180.0;
  *latitude = 180.0 / G_PI * atan (sinh (n));
}

double
atlas_geo_units_per_pixel (guint zoom)
{
  g_return_val_if_fail (zoom <= ATLAS_GEO_MAX_ZOOM, 1.0);

  return (double) (1u << (ATLAS_GEO_MAX_ZOOM - zoom));
}

guint
atlas_geo_tiles_at_zoom (guint zoom)
{
  g_return_val_if_fail (zoom <= ATLAS_GEO_MAX_ZOOM, 1);

  return 1u << zoom;
}

void
atlas_geo_tile_for_position (double  latitude,
                             double  longitude,
                             guint   zoom,
                             guint  *tile_x,
                             guint  *tile_y)
{
  double x, y;
  double tile_units;
  double n = atlas_geo_tiles_at_zoom (zoom);

  atlas_geo_project (latitude, longitude, &x, &y);
  tile_units = ATLAS_GEO_WORLD_SIZE / n;
  *tile_x = (guint) CLAMP (floor (x / tile_units), 0.0, n - 1);
  *tile_y = (guint) CLAMP (floor (y / tile_units), 0.0, n - 1);
}

void
atlas_geo_tile_bounds (guint   zoom,
                       guint   tile_x,
                       guint   tile_y,
                       double *x0,
                       double *y0,
                       double *x1,
                       double *y1)
{
  double tile_units = ATLAS_GEO_TILE_SIZE * atlas_geo_units_per_pixel (zoom);

  *x0 = tile_x * tile_units;
  *y0 = tile_y * tile_units;
  *x1 = *x0 + tile_units;
  *y1 = *y0 + tile_units;
}

void
atlas_geo_position_to_tile_pixel (double  latitude,
                                  double  longitude,
                                  guint   zoom,
                                  guint   tile_x,
                                  guint   tile_y,
                                  double *px,
                                  double *py)
{
  double x, y, x0, y0, x1, y1;
  double upp = atlas_geo_units_per_pixel (zoom);

  atlas_geo_project (latitude, longitude, &x, &y);
  atlas_geo_tile_bounds (zoom, tile_x, tile_y, &x0, &y0, &x1, &y1);
  *px = (x - x0) / upp;
  *py = (y - y0) / upp;
}

gsize
atlas_geo_simplify_line (const gint32 *points,
                         gsize         n_points,
                         double        tolerance,
                         gsize        *keep)
{
  gsize n_keep = 0;

  g_return_val_if_fail (points != NULL || n_points == 0, 0);
  g_return_val_if_fail (keep != NULL || n_points == 0, 0);

  if (n_points == 0)
    return 0;
  if (n_points == 1)
    {
      keep[0] = 0;
      return 1;
    }

  keep[n_keep++] = 0;
  keep[n_keep++] = n_points - 1;
  n_keep = simplify_span (points, 0, n_points - 1, tolerance * tolerance, keep, n_keep);
  qsort (keep, n_keep, sizeof (gsize), compare_gsize);

  return n_keep;
}

gsize
atlas_geo_simplify_ring (const gint32 *points,
                         gsize         n_points,
                         double        tolerance,
                         gsize        *keep)
{
  gsize n = n_points;
  gsize a = 0, b = 0;
  double best = -1.0;
  gsize n_keep = 0;

  g_return_val_if_fail (points != NULL || n_points == 0, 0);
  g_return_val_if_fail (keep != NULL || n_points == 0, 0);

  /* Drop the closing duplicate. */
  if (n > 1 && points[0] == points[2 * (n - 1)] && points[1] == points[2 * (n - 1) + 1])
    n--;
  if (n <= 3)
    {
      for (gsize i = 0; i < n; i++)
        keep[i] = i;
      return n;
    }

  /* Two points far apart: the farthest from point 0, then the farthest from that. */
  for (gsize i = 0; i < n; i++)
    {
      double dx = points[2 * i] - (double) points[0];
      double dy = points[2 * i + 1] - (double) points[1];

      if (dx * dx + dy * dy > best)
        {
          best = dx * dx + dy * dy;
          a = i;
        }
    }
  best = -1.0;
  for (gsize i = 0; i < n; i++)
    {
      double dx = points[2 * i] - (double) points[2 * a];
      double dy = points[2 * i + 1] - (double) points[2 * a + 1];

      if (dx * dx + dy * dy > best)
        {
          best = dx * dx + dy * dy;
          b = i;
        }
    }
  if (a > b)
    {
      gsize t = a;
      a = b;
      b = t;
    }

  if (a == b)
    {
      keep[0] = a;
      return 1;
    }

  /* Half one: a..b directly; half two: b..n-1, 0..a, handled by rotating. */
  keep[n_keep++] = a;
  keep[n_keep++] = b;
  n_keep = simplify_span (points, a, b, tolerance * tolerance, keep, n_keep);
  {
    g_autofree gint32 *rot = g_new (gint32, 2 * (n - b + a + 1));
    g_autofree gsize *rkeep = g_new (gsize, n - b + a + 1);
    gsize m = 0, n_rkeep;

    for (gsize i = b; i < n; i++, m++)
      {
        rot[2 * m] = points[2 * i];
        rot[2 * m + 1] = points[2 * i + 1];
      }
    for (gsize i = 0; i <= a; i++, m++)
      {
        rot[2 * m] = points[2 * i];
        rot[2 * m + 1] = points[2 * i + 1];
      }
    n_rkeep = simplify_span (rot, 0, m - 1, tolerance * tolerance, rkeep, 0);
    for (gsize i = 0; i < n_rkeep; i++)
      {
        gsize k = rkeep[i] + b;

        keep[n_keep++] = k < n ? k : k - n;
      }
  }
  qsort (keep, n_keep, sizeof (gsize), compare_gsize);

  if (n_keep < 3)
    {
      /* Keep the point farthest from the a–b chord so the ring keeps an area. */
      double far = -1.0;
      gsize c = a;

      for (gsize i = 0; i < n; i++)
        {
          double d = segment_distance2 (points[2 * i], points[2 * i + 1],
                                        points[2 * a], points[2 * a + 1],
                                        points[2 * b], points[2 * b + 1]);
          if (d > far)
            {
              far = d;
              c = i;
            }
        }
      if (c != a && c != b)
        {
          keep[n_keep++] = c;
          qsort (keep, n_keep, sizeof (gsize), compare_gsize);
        }
    }

  return n_keep;
}

double
atlas_geo_ring_area2 (const gint32 *points,
                      gsize         n_points)
{
  double sum = 0.0;

  g_return_val_if_fail (points != NULL || n_points == 0, 0.0);

  for (gsize i = 0; i < n_points; i++)
    {
      gsize j = (i + 1) % n_points;

      sum += (double) points[2 * i] * points[2 * j + 1] -
             (double) points[2 * j] * points[2 * i + 1];
    }

  return sum;
}

gboolean
atlas_geo_ring_self_intersects (const gint32 *points,
                                gsize         n_points)
{
  g_autofree Edge *edges = NULL;

  g_return_val_if_fail (points != NULL || n_points == 0, FALSE);

  if (n_points < 4)
    return FALSE;

  /* Sweep along x: edges sorted by their left end, each compared only with the
   * edges that start before it ends. */
  edges = g_new (Edge, n_points);
  for (gsize i = 0; i < n_points; i++)
    {
      gsize j = (i + 1) % n_points;

      edges[i].x0 = MIN (points[2 * i], points[2 * j]);
      edges[i].x1 = MAX (points[2 * i], points[2 * j]);
      edges[i].index = i;
    }
  qsort (edges, n_points, sizeof (Edge), compare_edge);

  for (gsize e = 0; e < n_points; e++)
    {
      gsize i = edges[e].index;
      gsize i2 = (i + 1) % n_points;

      for (gsize f = e + 1; f < n_points && edges[f].x0 <= edges[e].x1; f++)
        {
          gsize k = edges[f].index;
          gsize k2 = (k + 1) % n_points;

          if (k == i2 || i == k2)
            continue;
          if (segments_cross (points[2 * i], points[2 * i + 1],
                              points[2 * i2], points[2 * i2 + 1],
                              points[2 * k], points[2 * k + 1],
                              points[2 * k2], points[2 * k2 + 1]))
            return TRUE;
        }
    }

  return FALSE;
}

gboolean
atlas_geo_ring_contains (const gint32 *points,
                         gsize         n_points,
                         double        x,
                         double        y)
{
  gboolean inside = FALSE;

  g_return_val_if_fail (points != NULL || n_points == 0, FALSE);

  for (gsize i = 0, j = n_points - 1; i < n_points; j = i++)
    {
      double xi = points[2 * i], yi = points[2 * i + 1];
      double xj = points[2 * j], yj = points[2 * j + 1];

      if (((yi > y) != (yj > y)) && (x < (xj - xi) * (y - yi) / (yj - yi) + xi))
        inside = !inside;
    }

  return inside;
}
