/* atlas-basemap-convert.c — builds the offline basemap file from GMT's DCW at build time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: atlas-basemap-convert DCW.nc DCW-COUNTRIES.txt COUNTRY-NAMES.tsv CITIES.tsv
 *                              ALEPPO.txt OUTPUT
 *
 * Reads the Digital Chart of the World as packaged for GMT (dcw-gmt.nc: for each country
 * CODE, ushort arrays CODE_lon and CODE_lat, decoded as min + u / scale; a lon of 65535
 * starts a new segment, whose lat is 1 when the segment is a hole), projects it to Web
 * Mercator world units, tells borders from coasts, simplifies each zoom band and writes
 * the format described in src/model/atlas-basemap-data.h.
 */

#define G_LOG_DOMAIN "atlas-basemap-convert"

#include "config.h"

#include <math.h>
#include <netcdf.h>
#include <stdlib.h>
#include <string.h>

#include "src/model/atlas-basemap-data.h"
#include "src/model/atlas-geo.h"

#define NO_NEIGHBOUR G_MAXUINT16

/* The eastern Mediterranean, Greece to Iran and Egypt to Turkey (and the Caucasus):
 * where the fine bands have DCW's full detail. */
#define REGION_WEST   18.8
#define REGION_EAST   63.6
#define REGION_SOUTH  21.5
#define REGION_NORTH  43.8
#define REGION_MARGIN 0.5   /* degrees of geometry kept beyond the coverage */

typedef struct
{
  guint    country;
  gboolean hole;
  GArray  *lonlat;     /* double lon, lat pairs */
  GArray  *xy;         /* gint32 world units, unclosed */
  GArray  *neighbour;  /* guint16: lowest other country sharing the vertex, or NO_NEIGHBOUR */
} Ring;

typedef struct
{
  guint   min_zoom;
  guint   max_zoom;
  guint   shift;
  double  tolerance;   /* world units */
  gboolean regional;
} Band;

static const Band bands[] = {
  { 0, 2, 12, 0.5 * (1 << 14), FALSE },
  { 3, 4, 10, 0.5 * (1 << 12), FALSE },
  { 5, 6, 8, 0.5 * (1 << 10), FALSE },
  { 7, 8, 6, 0.5 * (1 << 8), TRUE },
  { 9, ATLAS_GEO_MAX_ZOOM, 2, 4.0, TRUE },   /* full DCW detail */
};

static double *country_tolerance;  /* degrees, per country: 1.5 × its quantisation step */

static void
ring_free (Ring *ring)
{
  g_array_unref (ring->lonlat);
  g_array_unref (ring->xy);
  g_array_unref (ring->neighbour);
  g_free (ring);
}

static Ring *
ring_new (guint    country,
          gboolean hole)
{
  Ring *ring = g_new0 (Ring, 1);

  ring->country = country;
  ring->hole = hole;
  ring->lonlat = g_array_new (FALSE, FALSE, sizeof (double));
  ring->xy = g_array_new (FALSE, FALSE, sizeof (gint32));
  ring->neighbour = g_array_new (FALSE, FALSE, sizeof (guint16));
  return ring;
}

static void
project_point (double  lon,
               double  lat,
               gint32 *out)
{
  double x, y;

  atlas_geo_project (lat, lon, &x, &y);
  out[0] = (gint32) lround (x);
  out[1] = (gint32) lround (y);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static gboolean
read_att (int         ncid,
          int         varid,
          const char *name,
          double     *value)
{
  return nc_get_att_double (ncid, varid, name, value) == NC_NOERR;
}

/* Reads one country's rings, or returns FALSE when the file has no such variable. */
static gboolean
read_country (int        ncid,
              const char *code,
              guint      index,
              GPtrArray *rings)
{
  g_autofree char *xname = g_strdup_printf ("%s_lon", code);
  g_autofree char *yname = g_strdup_printf ("%s_lat", code);
  g_autofree unsigned short *dx = NULL;
  g_autofree unsigned short *dy = NULL;
  int xid, yid, dimid;
  size_t n;
  double west, south, xscale, yscale;
  Ring *ring = NULL;

  if (nc_inq_varid (ncid, xname, &xid) != NC_NOERR ||
      nc_inq_varid (ncid, yname, &yid) != NC_NOERR)
    return FALSE;
  if (nc_inq_vardimid (ncid, xid, &dimid) != NC_NOERR ||
      nc_inq_dimlen (ncid, dimid, &n) != NC_NOERR)
    return FALSE;
  if (!read_att (ncid, xid, "min", &west) || !read_att (ncid, xid, "scale", &xscale) ||
      !read_att (ncid, yid, "min", &south) || !read_att (ncid, yid, "scale", &yscale))
    return FALSE;

  dx = g_new (unsigned short, n);
  dy = g_new (unsigned short, n);
  if (nc_get_var_ushort (ncid, xid, dx) != NC_NOERR ||
      nc_get_var_ushort (ncid, yid, dy) != NC_NOERR)
    return FALSE;

  /* DCW draws neighbours from the same boundary, but each country is quantised on its own
   * grid and some neighbours carry a few hundred metres of disagreement. */
  country_tolerance[index] = MAX (3.0 * MAX (1.0 / xscale, 1.0 / yscale), 0.015);

  for (size_t k = 0; k <= n; k++)
    {
      if (k == n || dx[k] == 65535u)
        {
          if (ring != NULL)
            {
              /* Unclose, then keep rings that still have an area. */
              if (ring->lonlat->len >= 4)
                {
                  double *ll = (double *) ring->lonlat->data;
                  guint m = ring->lonlat->len / 2;

                  if (ll[0] == ll[2 * (m - 1)] && ll[1] == ll[2 * (m - 1) + 1])
                    g_array_set_size (ring->lonlat, 2 * (m - 1));
                }
              if (ring->lonlat->len >= 6)
                g_ptr_array_add (rings, ring);
              else
                ring_free (ring);
            }
          ring = k < n ? ring_new (index, dy[k] == 1) : NULL;
          continue;
        }
      if (ring == NULL)
        ring = ring_new (index, FALSE);
      {
        double ll[2] = { west + dx[k] / xscale, south + dy[k] / yscale };

        g_array_append_vals (ring->lonlat, ll, 2);
      }
    }

  return TRUE;
}

static void
project_ring (Ring *ring)
{
  const double *ll = (const double *) ring->lonlat->data;
  guint n = ring->lonlat->len / 2;
  double area2;

  g_array_set_size (ring->xy, 2 * n);
  for (guint i = 0; i < n; i++)
    project_point (ll[2 * i], ll[2 * i + 1], &g_array_index (ring->xy, gint32, 2 * i));

  /* Land turns clockwise on screen, holes anticlockwise. */
  area2 = atlas_geo_ring_area2 ((const gint32 *) ring->xy->data, n);
  if ((area2 < 0) != ring->hole)
    {
      for (guint i = 0; i < n / 2; i++)
        {
          guint j = n - 1 - i;
          double t;
          gint32 u;

          for (guint c = 0; c < 2; c++)
            {
              t = g_array_index (ring->lonlat, double, 2 * i + c);
              g_array_index (ring->lonlat, double, 2 * i + c) =
                g_array_index (ring->lonlat, double, 2 * j + c);
              g_array_index (ring->lonlat, double, 2 * j + c) = t;
              u = g_array_index (ring->xy, gint32, 2 * i + c);
              g_array_index (ring->xy, gint32, 2 * i + c) = g_array_index (ring->xy, gint32, 2 * j + c);
              g_array_index (ring->xy, gint32, 2 * j + c) = u;
            }
        }
    }
}

typedef struct
{
  guint32 cell;
  guint32 ring;
  guint32 index;   /* the edge from vertex index to index + 1 */
} EdgeRef;

typedef struct
{
  double west, east, south, north;
} Extent;

static int
compare_edge_ref (gconstpointer a,
                  gconstpointer b)
{
  const EdgeRef *ea = a;
  const EdgeRef *eb = b;

  return ea->cell < eb->cell ? -1 : ea->cell > eb->cell;
}

#define GRID 0.05   /* degrees per cell of the edge index */

static guint32
grid_cell (double lon,
           double lat)
{
  guint32 cx = (guint32) floor ((lon + 200.0) / GRID);
  guint32 cy = (guint32) floor ((lat + 100.0) / GRID);

  return cy * 20000u + cx;
}

static double
point_segment_distance (double px, double py,
                        double ax, double ay,
                        double bx, double by)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (ax + t * dx - px, ay + t * dy - py);
}

/* Marks every vertex that lies on another country's outline (within both countries'
 * quantisation): runs of such vertices are land borders, the rest is coast.  Countries
 * are taken one at a time: an index of its edges, then the vertices of every country
 * whose extent overlaps it are tested against the edges nearby. */
static void
classify_borders (GPtrArray *rings,
                  guint      n_countries)
{
  g_autofree Extent *extent = g_new (Extent, n_countries);
  g_autoptr(GPtrArray) by_country = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  gsize n_shared = 0, total = 0;

  for (guint c = 0; c < n_countries; c++)
    {
      extent[c] = (Extent) { G_MAXDOUBLE, -G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE };
      g_ptr_array_add (by_country, g_array_new (FALSE, FALSE, sizeof (guint)));
    }
  for (guint r = 0; r < rings->len; r++)
    {
      Ring *ring = g_ptr_array_index (rings, r);
      const double *ll = (const double *) ring->lonlat->data;
      Extent *e = &extent[ring->country];

      g_array_append_val (g_ptr_array_index (by_country, ring->country), r);
      g_array_set_size (ring->neighbour, ring->lonlat->len / 2);
      for (guint i = 0; i < ring->lonlat->len / 2; i++)
        {
          g_array_index (ring->neighbour, guint16, i) = NO_NEIGHBOUR;
          e->west = MIN (e->west, ll[2 * i]);
          e->east = MAX (e->east, ll[2 * i]);
          e->south = MIN (e->south, ll[2 * i + 1]);
          e->north = MAX (e->north, ll[2 * i + 1]);
        }
      total += ring->lonlat->len / 2;
    }

  for (guint b = 0; b < n_countries; b++)
    {
      GArray *b_rings = g_ptr_array_index (by_country, b);
      g_autoptr(GArray) edges = NULL;
      gboolean any = FALSE;

      if (b_rings->len == 0)
        continue;
      for (guint a = 0; a < n_countries && !any; a++)
        any = a != b && extent[a].west <= extent[b].east + 0.02 &&
              extent[b].west <= extent[a].east + 0.02 &&
              extent[a].south <= extent[b].north + 0.02 && extent[b].south <= extent[a].north + 0.02;
      if (!any)
        continue;

      /* Index B's edges by the cells their extent covers. */
      edges = g_array_new (FALSE, FALSE, sizeof (EdgeRef));
      for (guint k = 0; k < b_rings->len; k++)
        {
          guint r = g_array_index (b_rings, guint, k);
          const Ring *ring = g_ptr_array_index (rings, r);
          const double *ll = (const double *) ring->lonlat->data;
          guint n = ring->lonlat->len / 2;

          for (guint i = 0; i < n; i++)
            {
              guint j = (i + 1) % n;
              double lo_x = MIN (ll[2 * i], ll[2 * j]), hi_x = MAX (ll[2 * i], ll[2 * j]);
              double lo_y = MIN (ll[2 * i + 1], ll[2 * j + 1]), hi_y = MAX (ll[2 * i + 1], ll[2 * j + 1]);

              for (double y = floor ((lo_y + 100.0) / GRID); y <= floor ((hi_y + 100.0) / GRID); y++)
                for (double x = floor ((lo_x + 200.0) / GRID); x <= floor ((hi_x + 200.0) / GRID); x++)
                  {
                    EdgeRef e = { (guint32) y * 20000u + (guint32) x, r, i };

                    g_array_append_val (edges, e);
                  }
            }
        }
      g_array_sort (edges, compare_edge_ref);

      for (guint a = 0; a < n_countries; a++)
        {
          GArray *a_rings = g_ptr_array_index (by_country, a);
          double tol;

          if (a == b || extent[a].west > extent[b].east + 0.02 || extent[b].west > extent[a].east + 0.02 ||
              extent[a].south > extent[b].north + 0.02 || extent[b].south > extent[a].north + 0.02)
            continue;
          tol = MAX (country_tolerance[a], country_tolerance[b]);

          for (guint k = 0; k < a_rings->len; k++)
            {
              Ring *ring = g_ptr_array_index (rings, g_array_index (a_rings, guint, k));
              const double *ll = (const double *) ring->lonlat->data;
              guint16 *nb = (guint16 *) ring->neighbour->data;

              for (guint i = 0; i < ring->lonlat->len / 2; i++)
                {
                  double lon = ll[2 * i], lat = ll[2 * i + 1];
                  gboolean hit = FALSE;
                  guint32 seen[9];
                  guint n_seen = 0;

                  if (nb[i] <= b || lon < extent[b].west - tol || lon > extent[b].east + tol ||
                      lat < extent[b].south - tol || lat > extent[b].north + tol)
                    continue;

                  for (int oy = -1; oy <= 1 && !hit; oy++)
                    for (int ox = -1; ox <= 1 && !hit; ox++)
                      {
                        guint32 cell = grid_cell (lon + ox * tol, lat + oy * tol);
                        guint lo = 0, hi = edges->len;
                        gboolean done = FALSE;

                        for (guint q = 0; q < n_seen; q++)
                          done |= seen[q] == cell;
                        if (done)
                          continue;
                        seen[n_seen++] = cell;
                        while (lo < hi)
                          {
                            guint mid = (lo + hi) / 2;

                            if (g_array_index (edges, EdgeRef, mid).cell < cell)
                              lo = mid + 1;
                            else
                              hi = mid;
                          }
                        for (guint e = lo; e < edges->len && !hit; e++)
                          {
                            const EdgeRef *ref = &g_array_index (edges, EdgeRef, e);
                            const Ring *br;
                            const double *bl;
                            guint bn, j;

                            if (ref->cell != cell)
                              break;
                            br = g_ptr_array_index (rings, ref->ring);
                            bl = (const double *) br->lonlat->data;
                            bn = br->lonlat->len / 2;
                            j = (ref->index + 1) % bn;
                            hit = point_segment_distance (lon, lat,
                                                          bl[2 * ref->index], bl[2 * ref->index + 1],
                                                          bl[2 * j], bl[2 * j + 1]) <= tol;
                          }
                      }
                  if (hit)
                    nb[i] = (guint16) b;
                }
            }
        }
    }

  for (guint r = 0; r < rings->len; r++)
    {
      Ring *ring = g_ptr_array_index (rings, r);

      for (guint i = 0; i < ring->neighbour->len; i++)
        if (g_array_index (ring->neighbour, guint16, i) != NO_NEIGHBOUR)
          n_shared++;
    }
  g_message ("%" G_GSIZE_FORMAT " vertices, %" G_GSIZE_FORMAT " on land borders", total, n_shared);
}

/* Sutherland–Hodgman against one edge of a rectangle. */
static GArray *
clip_edge (GArray *in,
           int     axis,
           double  limit,
           gboolean keep_greater)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = in->len / 2;

  for (guint i = 0; i < n; i++)
    {
      const double *a = &g_array_index (in, double, 2 * ((i + n - 1) % n));
      const double *b = &g_array_index (in, double, 2 * i);
      gboolean a_in = keep_greater ? a[axis] >= limit : a[axis] <= limit;
      gboolean b_in = keep_greater ? b[axis] >= limit : b[axis] <= limit;

      if (a_in != b_in)
        {
          double t = (limit - a[axis]) / (b[axis] - a[axis]);
          double p[2];

          p[axis] = limit;
          p[1 - axis] = a[1 - axis] + t * (b[1 - axis] - a[1 - axis]);
          g_array_append_vals (out, p, 2);
        }
      if (b_in)
        g_array_append_vals (out, b, 2);
    }

  g_array_unref (in);
  return out;
}

static GArray *
clip_ring (const gint32          *xy,
           guint                  n,
           const AtlasBasemapBox *box)
{
  GArray *pts = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *out;

  for (guint i = 0; i < 2 * n; i++)
    {
      double d = xy[i];

      g_array_append_val (pts, d);
    }
  pts = clip_edge (pts, 0, box->x0, TRUE);
  pts = clip_edge (pts, 0, box->x1, FALSE);
  pts = clip_edge (pts, 1, box->y0, TRUE);
  pts = clip_edge (pts, 1, box->y1, FALSE);

  out = g_array_new (FALSE, FALSE, sizeof (gint32));
  for (guint i = 0; i < pts->len; i++)
    {
      gint32 v = (gint32) lround (g_array_index (pts, double, i));

      g_array_append_val (out, v);
    }
  g_array_unref (pts);
  return out;
}

static gboolean
box_contains_point (const AtlasBasemapBox *box,
                    const gint32          *p)
{
  return p[0] >= box->x0 && p[0] <= box->x1 && p[1] >= box->y0 && p[1] <= box->y1;
}

static void
add_simplified_ring (AtlasBasemapLayer *layer,
                     const Band        *band,
                     const Ring        *ring,
                     const gint32      *xy,
                     guint              n,
                     gsize             *n_out)
{
  g_autofree gsize *keep = g_new (gsize, n + 1);
  g_autofree gint32 *out = g_new (gint32, 2 * (n + 1));
  double px = ldexp (1.0, ATLAS_GEO_MAX_ZOOM - band->max_zoom);
  gint32 x0 = G_MAXINT32, y0 = G_MAXINT32, x1 = G_MININT32, y1 = G_MININT32;
  double tolerance = band->tolerance;
  gsize m = 0;
  double area_in;
  int original_crossing = -1;

  for (guint i = 0; i < n; i++)
    {
      x0 = MIN (x0, xy[2 * i]);
      x1 = MAX (x1, xy[2 * i]);
      y0 = MIN (y0, xy[2 * i + 1]);
      y1 = MAX (y1, xy[2 * i + 1]);
    }
  /* Specks smaller than a pixel at the band's finest zoom do not survive. */
  if (x1 - x0 < px && y1 - y0 < px)
    return;

  area_in = atlas_geo_ring_area2 (xy, n);
  if (area_in == 0)
    return;   /* degenerate in DCW */
  for (int attempt = 0; attempt < 5; attempt++, tolerance /= 2)
    {
      gsize kept = atlas_geo_simplify_ring (xy, n, tolerance, keep);
      double area_out;

      /* Judge the ring as it will be stored: on the layer's grid, repeats dropped. */
      m = 0;
      for (gsize i = 0; i < kept; i++)
        {
          gint32 px_ = atlas_basemap_round_to_shift (xy[2 * keep[i]], band->shift);
          gint32 py_ = atlas_basemap_round_to_shift (xy[2 * keep[i] + 1], band->shift);

          if (m > 0 && out[2 * (m - 1)] == px_ && out[2 * (m - 1) + 1] == py_)
            continue;
          out[2 * m] = px_;
          out[2 * m + 1] = py_;
          m++;
        }
      while (m > 1 && out[0] == out[2 * (m - 1)] && out[1] == out[2 * (m - 1) + 1])
        m--;
      if (m < 3)
        continue;
      area_out = atlas_geo_ring_area2 (out, m);
      /* Keep the orientation (so non-zero filling stays right) and, where a finer
       * tolerance can, a simple ring. */
      if ((area_out > 0) != (area_in > 0) || area_out == 0)
        {
          m = 0;
          continue;
        }
      if (attempt < 4 && atlas_geo_ring_self_intersects (out, m))
        {
          if (original_crossing < 0)
            original_crossing = atlas_geo_ring_self_intersects (xy, n);
          if (!original_crossing)
            continue;
        }
      break;
    }
  if (m < 3)
    return;

  {
    AtlasBasemapShape *shape = atlas_basemap_layer_add_shape (layer,
                                                              ring->hole ? ATLAS_BASEMAP_SHAPE_HOLE
                                                                         : ATLAS_BASEMAP_SHAPE_LAND,
                                                              ring->country, out, m);
    double area_rounded = shape->n_points < 3 ? 0 :
      atlas_geo_ring_area2 (atlas_basemap_layer_shape_points (layer, shape), shape->n_points);

    if (shape->n_points < 3 || area_rounded == 0 || (area_rounded > 0) != (area_in > 0))
      {
        /* Rounding to the layer's precision merged it away or turned it over: drop it. */
        g_array_set_size (layer->coords, shape->offset);
        g_array_set_size (layer->shapes, layer->shapes->len - 1);
        return;
      }
    *n_out += shape->n_points;
  }
}

static void
add_simplified_line (AtlasBasemapLayer     *layer,
                     AtlasBasemapShapeKind  kind,
                     guint                  ref,
                     double                 tolerance,
                     const gint32          *xy,
                     guint                  n,
                     gsize                 *n_out)
{
  g_autofree gsize *keep = g_new (gsize, n);
  g_autofree gint32 *out = g_new (gint32, 2 * n);
  gsize kept;
  AtlasBasemapShape *shape;

  if (n < 2)
    return;
  kept = atlas_geo_simplify_line (xy, n, tolerance, keep);
  for (gsize i = 0; i < kept; i++)
    {
      out[2 * i] = xy[2 * keep[i]];
      out[2 * i + 1] = xy[2 * keep[i] + 1];
    }
  shape = atlas_basemap_layer_add_shape (layer, kind, ref, out, kept);
  if (shape->n_points < 2)
    {
      g_array_set_size (layer->coords, shape->offset);
      g_array_set_size (layer->shapes, layer->shapes->len - 1);
      return;
    }
  *n_out += shape->n_points;
}

/* Emits the border runs of @ring that this country owns (the lower index of the two),
 * clipped to @clip when given. */
static void
add_borders (AtlasBasemapLayer     *layer,
             const Band            *band,
             const Ring            *ring,
             const AtlasBasemapBox *clip,
             gsize                 *n_out)
{
  guint n = ring->xy->len / 2;
  const gint32 *xy = (const gint32 *) ring->xy->data;
  const guint16 *nb = (const guint16 *) ring->neighbour->data;
  g_autoptr(GArray) run = g_array_new (FALSE, FALSE, sizeof (gint32));
  guint start = 0;
  gboolean all = TRUE;

#define OWNS(i) (nb[(i) % n] != NO_NEIGHBOUR && nb[(i) % n] > ring->country && \
                 (clip == NULL || box_contains_point (clip, &xy[2 * ((i) % n)])))

  for (guint i = 0; i < n; i++)
    if (!OWNS (i))
      {
        start = i;
        all = FALSE;
        break;
      }

  if (all)
    {
      g_array_append_vals (run, xy, 2 * n);
      g_array_append_vals (run, xy, 2);
      add_simplified_line (layer, ATLAS_BASEMAP_SHAPE_BORDER, ring->country, band->tolerance,
                           (const gint32 *) run->data, run->len / 2, n_out);
      return;
    }

  for (guint k = 1; k <= n; k++)
    {
      guint i = start + k;

      if (OWNS (i))
        {
          g_array_append_vals (run, &xy[2 * (i % n)], 2);
        }
      else if (run->len > 0)
        {
          if (run->len >= 4)
            add_simplified_line (layer, ATLAS_BASEMAP_SHAPE_BORDER, ring->country, band->tolerance,
                                 (const gint32 *) run->data, run->len / 2, n_out);
          g_array_set_size (run, 0);
        }
    }
  if (run->len >= 4)
    add_simplified_line (layer, ATLAS_BASEMAP_SHAPE_BORDER, ring->country, band->tolerance,
                         (const gint32 *) run->data, run->len / 2, n_out);
#undef OWNS
}

static AtlasBasemapBox
region_box (double margin)
{
  AtlasBasemapBox box;
  gint32 a[2], b[2];

  project_point (REGION_WEST - margin, REGION_NORTH + margin, a);
  project_point (REGION_EAST + margin, REGION_SOUTH - margin, b);
  box.x0 = a[0];
  box.y0 = a[1];
  box.x1 = b[0];
  box.y1 = b[1];
  return box;
}

static AtlasBasemapLayer *
build_band (const Band *band,
            GPtrArray  *rings)
{
  AtlasBasemapLayer *layer = atlas_basemap_layer_new (ATLAS_BASEMAP_LAYER_LAND, band->min_zoom,
                                                      band->max_zoom, band->shift);
  AtlasBasemapBox clip = region_box (REGION_MARGIN);
  gsize n_ring_points = 0, n_border_points = 0;

  if (band->regional)
    layer->coverage = region_box (0);
  else
    {
      layer->coverage.x0 = layer->coverage.y0 = 0;
      layer->coverage.x1 = layer->coverage.y1 = ATLAS_GEO_WORLD_SIZE;
    }

  for (guint r = 0; r < rings->len; r++)
    {
      const Ring *ring = g_ptr_array_index (rings, r);
      const gint32 *xy = (const gint32 *) ring->xy->data;
      guint n = ring->xy->len / 2;

      if (band->regional)
        {
          g_autoptr(GArray) clipped = clip_ring (xy, n, &clip);

          if (clipped->len >= 6)
            add_simplified_ring (layer, band, ring, (const gint32 *) clipped->data,
                                 clipped->len / 2, &n_ring_points);
          add_borders (layer, band, ring, &clip, &n_border_points);
        }
      else
        {
          add_simplified_ring (layer, band, ring, xy, n, &n_ring_points);
          add_borders (layer, band, ring, NULL, &n_border_points);
        }
    }

  g_message ("band z%u-%u: %u shapes, %" G_GSIZE_FORMAT " ring points, %" G_GSIZE_FORMAT
             " border points", band->min_zoom, band->max_zoom, layer->shapes->len,
             n_ring_points, n_border_points);
  return layer;
}

/* A point well inside the ring, for a label: the middle of the widest stretch of
 * the ring along the horizontal line through its centroid. */
static void
label_point (const Ring *ring,
             gint32     *out)
{
  const gint32 *xy = (const gint32 *) ring->xy->data;
  guint n = ring->xy->len / 2;
  double cx = 0, cy = 0, a = 0;
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  double best = -1;

  for (guint i = 0; i < n; i++)
    {
      guint j = (i + 1) % n;
      double f = (double) xy[2 * i] * xy[2 * j + 1] - (double) xy[2 * j] * xy[2 * i + 1];

      a += f;
      cx += (xy[2 * i] + (double) xy[2 * j]) * f;
      cy += (xy[2 * i + 1] + (double) xy[2 * j + 1]) * f;
    }
  cx /= 3 * a;
  cy /= 3 * a;
  out[0] = (gint32) cx;
  out[1] = (gint32) cy;

  for (guint i = 0; i < n; i++)
    {
      guint j = (i + 1) % n;
      double yi = xy[2 * i + 1], yj = xy[2 * j + 1];

      if ((yi > cy) != (yj > cy))
        {
          double x = xy[2 * i] + (cy - yi) / (yj - yi) * (xy[2 * j] - (double) xy[2 * i]);

          g_array_append_val (xs, x);
        }
    }
  g_array_sort (xs, compare_double);
  for (guint i = 0; i + 1 < xs->len; i += 2)
    {
      double x0 = g_array_index (xs, double, i);
      double x1 = g_array_index (xs, double, i + 1);

      if (x1 - x0 > best)
        {
          best = x1 - x0;
          out[0] = (gint32) ((x0 + x1) / 2);
        }
    }
}

static char **
split_fields (const char *line,
              guint       min_fields)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", -1);

  if (g_strv_length (fields) < min_fields)
    return NULL;
  for (guint i = 0; fields[i] != NULL; i++)
    g_strstrip (fields[i]);
  return g_steal_pointer (&fields);
}

static char *
name_or_null (const char *s)
{
  return s == NULL || *s == '\0' || g_str_equal (s, "-") ? NULL : g_strdup (s);
}

static void
load_countries (AtlasBasemapData *data,
                const char       *countries_path,
                const char       *names_path)
{
  g_autofree char *text = NULL;
  g_autofree char *names = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (countries_path, &text, NULL, &error) ||
      !g_file_get_contents (names_path, &names, NULL, &error))
    g_error ("%s", error->message);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      AtlasBasemapCountry *c;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      /* "continent code name…" */
      parts = g_strsplit (lines[i], " ", 3);
      if (g_strv_length (parts) < 3 || strlen (parts[1]) != 2)
        continue;
      c = g_new0 (AtlasBasemapCountry, 1);
      g_strlcpy (c->code, parts[1], sizeof c->code);
      c->name_en = g_strdup (g_strstrip (parts[2]));
      g_ptr_array_add (data->countries, c);
    }
  g_strfreev (lines);

  lines = g_strsplit (names, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      f = split_fields (lines[i], 3);
      if (f == NULL)
        g_error ("%s:%u: expected three TAB-separated fields", names_path, i + 1);
      for (guint k = 0; k < data->countries->len; k++)
        {
          AtlasBasemapCountry *c = g_ptr_array_index (data->countries, k);

          if (!g_str_equal (c->code, f[0]))
            continue;
          if (!g_str_equal (f[1], "-"))
            {
              g_free (c->name_en);
              c->name_en = g_strdup (f[1]);
            }
          c->name_ar = name_or_null (f[2]);
        }
    }
}

static guint
min_zoom_for_rank (guint rank)
{
  return 2 + CLAMP (rank, 1, 7);
}

static void
load_cities (AtlasBasemapData *data,
             const char       *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      AtlasBasemapPlace *p;
      gint32 xy[2];
      guint rank;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      f = split_fields (lines[i], 6);
      if (f == NULL)
        g_error ("%s:%u: expected six TAB-separated fields", path, i + 1);
      rank = (guint) g_ascii_strtoull (f[4], NULL, 10);
      p = g_new0 (AtlasBasemapPlace, 1);
      p->kind = g_str_equal (f[5], "capital") ? ATLAS_BASEMAP_PLACE_CAPITAL
                                               : ATLAS_BASEMAP_PLACE_CITY;
      p->rank = rank;
      p->min_zoom = min_zoom_for_rank (rank);
      p->name_en = g_strdup (f[0]);
      p->name_ar = name_or_null (f[1]);
      project_point (g_ascii_strtod (f[3], NULL), g_ascii_strtod (f[2], NULL), xy);
      p->x = xy[0];
      p->y = xy[1];
      g_ptr_array_add (data->places, p);
    }
}

static AtlasBasemapShapeKind
shape_kind (const char *s,
            const char *path,
            guint       line)
{
  static const struct { const char *name; AtlasBasemapShapeKind kind; } kinds[] = {
    { "city-area", ATLAS_BASEMAP_SHAPE_CITY_AREA },
    { "airport", ATLAS_BASEMAP_SHAPE_AIRPORT },
    { "river", ATLAS_BASEMAP_SHAPE_RIVER },
    { "ring-road", ATLAS_BASEMAP_SHAPE_RING_ROAD },
    { "road", ATLAS_BASEMAP_SHAPE_ROAD },
    { "runway", ATLAS_BASEMAP_SHAPE_RUNWAY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].name, s))
      return kinds[i].kind;
  g_error ("%s:%u: unknown shape kind “%s”", path, line, s);
}

static AtlasBasemapPlaceKind
place_kind (const char *s,
            const char *path,
            guint       line)
{
  static const struct { const char *name; AtlasBasemapPlaceKind kind; } kinds[] = {
    { "district", ATLAS_BASEMAP_PLACE_DISTRICT },
    { "landmark", ATLAS_BASEMAP_PLACE_LANDMARK },
    { "airport", ATLAS_BASEMAP_PLACE_AIRPORT },
    { "water", ATLAS_BASEMAP_PLACE_WATER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].name, s))
      return kinds[i].kind;
  g_error ("%s:%u: unknown place kind “%s”", path, line, s);
}

/* Rounds a hand-drawn sketch's corners (Chaikin's corner cutting, @rounds times). Lines
 * keep their ends; a line whose ends meet, or a ring, stays closed. */
static void
chaikin (GArray  *pts,
         gboolean ring,
         guint    rounds)
{
  for (guint pass = 0; pass < rounds; pass++)
    {
      g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (gint32));
      guint n = pts->len / 2;
      const gint32 *p = (const gint32 *) pts->data;
      gboolean closed = ring || (n > 2 && p[0] == p[2 * (n - 1)] && p[1] == p[2 * (n - 1) + 1]);
      guint segments = ring ? n : n - 1;

      if (n < 3)
        return;
      if (!closed)
        g_array_append_vals (out, p, 2);
      for (guint i = 0; i < segments; i++)
        {
          const gint32 *a = &p[2 * i];
          const gint32 *b = &p[2 * ((i + 1) % n)];
          gint32 q[2] = { (gint32) lround (0.75 * a[0] + 0.25 * b[0]),
                          (gint32) lround (0.75 * a[1] + 0.25 * b[1]) };
          gint32 r[2] = { (gint32) lround (0.25 * a[0] + 0.75 * b[0]),
                          (gint32) lround (0.25 * a[1] + 0.75 * b[1]) };

          g_array_append_vals (out, q, 2);
          g_array_append_vals (out, r, 2);
        }
      if (!closed)
        g_array_append_vals (out, &p[2 * (n - 1)], 2);
      else if (!ring)
        g_array_append_vals (out, &g_array_index (out, gint32, 0), 2);
      g_array_set_size (pts, 0);
      g_array_append_vals (pts, out->data, out->len);
    }
}

static AtlasBasemapLayer *
load_city_layer (AtlasBasemapData *data,
                 const char       *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pts = g_array_new (FALSE, FALSE, sizeof (gint32));
  AtlasBasemapLayer *layer = atlas_basemap_layer_new (ATLAS_BASEMAP_LAYER_CITY, 11,
                                                      ATLAS_GEO_MAX_ZOOM, 0);
  AtlasBasemapShapeKind kind = 0;
  gboolean in_shape = FALSE;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);

  layer->coverage.x0 = layer->coverage.y0 = G_MAXINT32;
  layer->coverage.x1 = layer->coverage.y1 = G_MININT32;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_auto(GStrv) f = NULL;

      if (line[0] == '#' || line[0] == '\0')
        continue;

      if (in_shape)
        {
          double lat, lon;
          char *end;
          gint32 xy[2];

          if (g_str_equal (line, "end"))
            {
              AtlasBasemapShape *shape;

              if (kind != ATLAS_BASEMAP_SHAPE_AIRPORT && kind != ATLAS_BASEMAP_SHAPE_RUNWAY)
                chaikin (pts, kind == ATLAS_BASEMAP_SHAPE_CITY_AREA, 3);
              shape = atlas_basemap_layer_add_shape (layer, kind, G_MAXUINT16,
                                                     (const gint32 *) pts->data, pts->len / 2);
              layer->coverage.x0 = MIN (layer->coverage.x0, shape->bbox.x0);
              layer->coverage.y0 = MIN (layer->coverage.y0, shape->bbox.y0);
              layer->coverage.x1 = MAX (layer->coverage.x1, shape->bbox.x1);
              layer->coverage.y1 = MAX (layer->coverage.y1, shape->bbox.y1);
              g_array_set_size (pts, 0);
              in_shape = FALSE;
              continue;
            }
          lat = g_ascii_strtod (line, &end);
          lon = g_ascii_strtod (end, &end);
          if (*end != '\0')
            g_error ("%s:%u: expected “latitude longitude”", path, i + 1);
          project_point (lon, lat, xy);
          g_array_append_vals (pts, xy, 2);
          continue;
        }

      f = split_fields (line, 2);
      if (f == NULL)
        g_error ("%s:%u: expected TAB-separated fields", path, i + 1);
      if (g_str_equal (f[0], "shape"))
        {
          kind = shape_kind (f[1], path, i + 1);
          in_shape = TRUE;
        }
      else if (g_str_equal (f[0], "point") && g_strv_length (f) == 8)
        {
          AtlasBasemapPlace *p = g_new0 (AtlasBasemapPlace, 1);
          gint32 xy[2];

          p->kind = place_kind (f[1], path, i + 1);
          p->min_zoom = (guint8) g_ascii_strtoull (f[2], NULL, 10);
          p->rank = (guint8) g_ascii_strtoull (f[3], NULL, 10);
          p->name_en = g_strdup (f[4]);
          p->name_ar = name_or_null (f[5]);
          project_point (g_ascii_strtod (f[7], NULL), g_ascii_strtod (f[6], NULL), xy);
          p->x = xy[0];
          p->y = xy[1];
          g_ptr_array_add (data->places, p);
        }
      else
        g_error ("%s:%u: expected a “shape” or “point” record", path, i + 1);
    }
  if (in_shape)
    g_error ("%s: shape without “end”", path);

  return layer;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AtlasBasemapData) data = NULL;
  g_autoptr(GPtrArray) rings = g_ptr_array_new_with_free_func ((GDestroyNotify) ring_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *largest = NULL;
  g_autofree int *largest_ring = NULL;
  int ncid;

  if (argc != 7)
    {
      g_printerr ("Usage: %s DCW.nc DCW-COUNTRIES.txt COUNTRY-NAMES.tsv CITIES.tsv ALEPPO.txt OUTPUT\n",
                  argv[0]);
      return 2;
    }

  data = atlas_basemap_data_new ();
  load_countries (data, argv[2], argv[3]);
  country_tolerance = g_new0 (double, data->countries->len);

  if (nc_open (argv[1], NC_NOWRITE, &ncid) != NC_NOERR)
    g_error ("Cannot open %s", argv[1]);
  for (guint i = 0; i < data->countries->len; i++)
    {
      AtlasBasemapCountry *c = g_ptr_array_index (data->countries, i);

      if (!read_country (ncid, c->code, i, rings))
        g_warning ("No polygons for %s in %s", c->code, argv[1]);
    }
  nc_close (ncid);

  largest = g_new0 (double, data->countries->len);
  largest_ring = g_new (int, data->countries->len);
  for (guint i = 0; i < data->countries->len; i++)
    largest_ring[i] = -1;
  for (guint r = 0; r < rings->len; r++)
    {
      Ring *ring = g_ptr_array_index (rings, r);
      double area;

      project_ring (ring);
      area = fabs (atlas_geo_ring_area2 ((const gint32 *) ring->xy->data, ring->xy->len / 2));
      if (!ring->hole && area > largest[ring->country])
        {
          largest[ring->country] = area;
          largest_ring[ring->country] = (int) r;
        }
    }

  /* Country labels: in the widest part of the largest ring, from the zoom at which the
   * ring is wide enough for the name. */
  for (guint i = 0; i < data->countries->len; i++)
    {
      AtlasBasemapCountry *c = g_ptr_array_index (data->countries, i);
      const Ring *ring;
      gint32 xy[2];
      gint32 x0 = G_MAXINT32, x1 = G_MININT32;
      double text_px = 7.5 * g_utf8_strlen (c->name_en, -1);
      guint z;

      if (largest_ring[i] < 0)
        {
          c->min_zoom = 255;
          continue;
        }
      ring = g_ptr_array_index (rings, largest_ring[i]);
      label_point (ring, xy);
      c->label_x = xy[0];
      c->label_y = xy[1];
      for (guint k = 0; k < ring->xy->len / 2; k++)
        {
          x0 = MIN (x0, g_array_index (ring->xy, gint32, 2 * k));
          x1 = MAX (x1, g_array_index (ring->xy, gint32, 2 * k));
        }
      for (z = 2; z < 9; z++)
        if ((x1 - x0) / atlas_geo_units_per_pixel (z) >= text_px)
          break;
      c->min_zoom = z;
    }

  classify_borders (rings, data->countries->len);

  for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
    g_ptr_array_add (data->layers, build_band (&bands[b], rings));

  load_cities (data, argv[4]);
  g_ptr_array_add (data->layers, load_city_layer (data, argv[5]));

  bytes = atlas_basemap_data_serialize (data);
  if (!g_file_set_contents (argv[6], g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                            &error))
    g_error ("%s", error->message);
  g_message ("wrote %s: %" G_GSIZE_FORMAT " bytes", argv[6], g_bytes_get_size (bytes));

  g_free (country_tolerance);
  return 0;
}
